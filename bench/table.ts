// Formats benchmark results as a Markdown table (the README pastes them verbatim).

export function markdownTable(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
  const lines = [headers, headers.map(() => '---'), ...cells].map((row) => `| ${row.join(' | ')} |`);
  return lines.join('\n');
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 10 ? 1 : 2);
}

/** Runs `fn` repeatedly for at least `minMilliseconds` and returns operations per second. */
export function opsPerSecond(fn: () => number, minMilliseconds = 1000): number {
  let operations = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMilliseconds) {
    operations += fn();
    elapsed = performance.now() - start;
  }
  return (operations * 1000) / elapsed;
}
