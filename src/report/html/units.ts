/** Sizes and times as the page shows them: short, one decimal at most. */

export function bytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${decimal(count / 1024)} KiB`;
  return `${decimal(count / (1024 * 1024))} MiB`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function decimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}
