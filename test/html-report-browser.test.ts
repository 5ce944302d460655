import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { startWs1AccessSimulator, type RunningWs1AccessSimulator } from '../src/targets/ws1-access/simulator.js';
import { drawn, inside, launchChromium, pixelsOfColour, rgbOf } from './support/browser.js';
import { run, simTenant, USER_FOLDERS } from './support/run.js';
import { recordRunSecrets } from './support/secrets.js';
import { ADMIN } from './support/sim.js';
import { scratchDir } from './support/scratch.js';

/** The README's screenshot is this test's first view: `HTML_REPORT_SCREENSHOT=docs/html-report.png` refreshes it. */
const SCREENSHOT = process.env.HTML_REPORT_SCREENSHOT;

const VIEWPORT = { width: 1280, height: 800 };
/** What the defect breaks: the check that fails, in its request. */
const DEFECT = 'user-create-status-200';
const FAILED_REQUEST = 'Create the user in the Other directory';
const FAILED_CHECK = 'status is 201';

describe('the html report of a failing run, in headless Chromium', () => {
  let sim: RunningWs1AccessSimulator;
  let secrets: ReturnType<typeof recordRunSecrets>;
  let file: string;
  let totals: Awaited<ReturnType<typeof run>>['totals'];
  let browser: Browser;
  let page: Page | undefined;
  /** What each page asked of the network beyond its own file, and the errors it logged (a refused load is one). */
  const loads: string[] = [];
  const errors: string[] = [];

  before(async () => {
    sim = await startWs1AccessSimulator({ adminClient: ADMIN, defects: [DEFECT] });
    secrets = recordRunSecrets(sim);
    const reportDir = await scratchDir('html-browser');
    const result = await run(simTenant(), {
      baseUrl: sim.url,
      folders: USER_FOLDERS,
      report: { reporters: ['html'], dir: reportDir },
      runId: 'r5',
    });
    assert.equal(result.exitCode, 1, 'the defect fails the run');
    totals = result.totals;
    file = path.join(reportDir, 'acme-r5.report.html');
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await sim?.close();
  });

  /** The report as a reader opens the file: a fresh load, nothing clicked, nothing scrolled. */
  async function open(): Promise<Page> {
    if (!page) {
      page = await browser.newPage({ viewport: VIEWPORT });
      page.on('request', (request) => {
        if (request.url() !== pathToFileURL(file).href) loads.push(request.url());
      });
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      // Whatever the page might ask for never leaves the machine.
      await page.route(/^(?!file:)/, (route) => route.abort());
    }
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return page;
  }

  const failedRequest = (page: Page) =>
    page.locator('details.request').filter({ has: page.locator('summary .name', { hasText: FAILED_REQUEST }) });

  it('shows the failed check and its request in the first viewport, without a click', async () => {
    const page = await open();
    const request = failedRequest(page);
    assert.equal(await request.count(), 1);
    for (const [what, locator] of [
      ['the request', request.locator('> summary')],
      ['its URL', request.locator('.url')],
      ['the failed check', request.locator('li.check.failed', { hasText: FAILED_CHECK })],
      ['why it failed', request.locator('li.check.failed .message')],
    ] as const) {
      const { box, onTop } = await drawn(locator);
      assert.ok(inside(box, VIEWPORT), `${what} is not in the first viewport: ${JSON.stringify(box)}`);
      assert.ok(onTop, `${what} is covered by something else`);
    }
    assert.match(
      await request.locator('.url').innerText(),
      /^POST http:\/\/127\.0\.0\.1:\d+\/SAAS\/jersey\/manager\/api\/scim\/Users$/,
    );
  });

  it('draws the failure in the failure colour where the DOM puts it, in a screenshot of the first viewport', async () => {
    const page = await open();
    const shot = await page.screenshot();
    if (SCREENSHOT) await writeFile(SCREENSHOT, shot);
    const png = PNG.sync.read(shot);
    assert.deepEqual([png.width, png.height], [VIEWPORT.width, VIEWPORT.height]);
    const failed = rgbOf(
      await page.evaluate('getComputedStyle(document.documentElement).getPropertyValue("--failed")'),
    );
    assert.ok(failed[0]! > 150 && failed[1]! < 90 && failed[2]! < 90, `the failure colour ${failed} is not a red`);
    const request = failedRequest(page);
    // The request's badge is a pill of that colour, and the check's mark and name are written in it.
    const badge = (await drawn(request.locator('> summary .badge'))).box;
    const share = pixelsOfColour(png, badge, failed) / (badge.width * badge.height);
    assert.ok(share > 0.5, `only ${Math.round(share * 100)}% of the failed badge is drawn in the failure colour`);
    const check = (await drawn(request.locator('li.check.failed', { hasText: FAILED_CHECK }))).box;
    const checkLine = { ...check, height: 20 };
    assert.ok(pixelsOfColour(png, checkLine, failed) > 40, 'the failed check is not written in the failure colour');
    // And the colour means failure: the run's header, which holds none, has none of it.
    const header = (await drawn(page.locator('header.run'))).box;
    assert.equal(pixelsOfColour(png, header, failed), 0, 'the failure colour is drawn where nothing failed');
  });

  it('filters by tab: failed first, then all, then skipped', async () => {
    const page = await open();
    const shown = async () =>
      page.locator('details.request:visible').evaluateAll((requests) => requests.map((r) => (r as any).className));
    const failedIds = new Set(totals.failures.map((f) => f.check.split(' / ').slice(0, 2).join(' / ')));
    assert.deepEqual(
      await shown(),
      [...failedIds].map(() => 'request failed'),
      'the failed tab shows only failures',
    );
    await page.locator('label[for="show-all"]').click();
    assert.equal((await shown()).length, totals.requests, 'the all tab shows every request');
    await page.locator('label[for="show-skipped"]').click();
    const skipped = await shown();
    assert.ok(skipped.length > 0 && skipped.every((name) => name === 'request skipped'), skipped.join(', '));
    const count = await page.locator('label[for="show-skipped"] .count').innerText();
    assert.equal(skipped.length, Number(count), 'the tab says how many it shows');
  });

  it('holds no secret and no token, though it shows the headers and bodies that carried them, and loads nothing', async () => {
    const page = await open();
    const dom = await page.content();
    const text = await page.locator('body').evaluate((body: any) => body.textContent as string);
    assert.ok(secrets.tokens().length >= 2, 'the admin and the Okta token were issued');
    for (const shown of [dom, text, await readFile(file, 'utf8')]) {
      for (const form of secrets.forms())
        assert.ok(!shown.includes(form), `a secret is in the page: ${form.slice(0, 4)}…`);
    }
    assert.match(text, /Authorization\s*Bearer \*{8}/, 'the request headers are shown, masked');
    assert.match(text, /"access_token": "\*{8}"/, "the token answer's body is shown, masked");
    assert.deepEqual(loads, [], 'the page asked the network for something');
    assert.deepEqual(errors, [], 'the page logged an error');
  });
});
