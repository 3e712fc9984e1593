// Small formatting helpers for CLI output: counts, durations, and (from search/) text made safe for a terminal.

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

export function formatDuration(milliseconds: number): string {
  if (milliseconds < 1_000) return `${Math.round(milliseconds)}ms`;
  if (milliseconds < 120_000) return `${(milliseconds / 1_000).toFixed(1)}s`;
  if (milliseconds < 7_200_000) return `${(milliseconds / 60_000).toFixed(1)}min`;
  return `${(milliseconds / 3_600_000).toFixed(1)}h`;
}

export { escapeForTerminal } from '../search/format.js';
