import { existsSync } from 'node:fs';
import { chromium, type Browser, type Locator } from 'playwright-core';
import type { PNG } from 'pngjs';

/** Debian's Chromium (.ci/run installs it when missing); no browser is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and nothing of the browser's own goes to the network: no updates, no sync, no QUIC probes. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where an element is drawn, and whether a reader sees it there: it is what the page shows at its centre
 * (nothing covers it, nothing clips it away).
 */
export async function drawn(locator: Locator): Promise<{ box: Box; onTop: boolean }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} is not drawn`);
  // Runs in the page: the DOM's types are not this project's, hence `any`.
  const onTop = await locator.evaluate((element: any) => {
    const { x, y, width, height } = element.getBoundingClientRect();
    return element.contains(element.ownerDocument.elementFromPoint(x + width / 2, y + height / 2));
  });
  return { box, onTop };
}

export function inside(box: Box, viewport: { width: number; height: number }): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
}

/** The pixels of a screenshot, within a box, whose colour is within `tolerance` of `rgb` on every channel. */
export function pixelsOfColour(png: PNG, box: Box, rgb: readonly number[], tolerance = 24): number {
  let count = 0;
  const [x0, y0] = [Math.max(0, Math.floor(box.x)), Math.max(0, Math.floor(box.y))];
  const [x1, y1] = [
    Math.min(png.width, Math.ceil(box.x + box.width)),
    Math.min(png.height, Math.ceil(box.y + box.height)),
  ];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const at = (y * png.width + x) * 4;
      if (rgb.every((value, channel) => Math.abs(png.data[at + channel]! - value) <= tolerance)) count += 1;
    }
  }
  return count;
}

/** `#rrggbb` (a CSS custom property's value) as red, green and blue. */
export function rgbOf(hex: string): number[] {
  const match = /^\s*#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})\s*$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return match.slice(1).map((part) => parseInt(part, 16));
}
