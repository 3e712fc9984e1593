// The console's display helpers: relative times for table cells and log text with control characters made visible.
import { describe, expect, it } from 'vitest';
import { formatAgo, formatDuration, summarize } from './format';

describe('formatAgo', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);
  it('says just now, minutes, hours, then falls back to the date', () => {
    expect(formatAgo(now - 10_000, now)).toBe('just now');
    expect(formatAgo(now - 4 * 60_000, now)).toBe('4 min ago');
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAgo(now - 3 * 86_400_000, now)).toMatch(/2026/);
    expect(formatAgo(undefined, now)).toBe('—');
  });
});

describe('summarize', () => {
  it('shows control characters as escapes so a terminal sequence is visible, not acted on', () => {
    expect(summarize('a\u001b[31mred\nline')).toBe('a\\u001b[31mred\\u000aline');
  });
  it('caps the length with an ellipsis', () => {
    expect(summarize('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('formatDuration', () => {
  it('reads in words', () => {
    expect(formatDuration(75_000)).toBe('1 min 15 s');
    expect(formatDuration(7_200_000)).toBe('2 h');
  });
});
