// Display helpers shared by the console's pages: times, counts, durations, and a safe one-line summary of log text.

const dateTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** An epoch-millisecond or ISO time as local date and time; '—' when absent. */
export function formatTime(value: number | string | undefined | null): string {
  if (value === undefined || value === null || value === '') return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : dateTime.format(date);
}

export function formatCount(value: number | undefined | null): string {
  return value === undefined || value === null ? '—' : value.toLocaleString();
}

/** 75_000 → "1 min 15 s"; lag and intervals read better in words than in milliseconds. */
export function formatDuration(milliseconds: number | undefined | null): string {
  if (milliseconds === undefined || milliseconds === null) return '—';
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

export function formatBytes(bytes: number | undefined | null): string {
  if (bytes === undefined || bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * Log text for one table cell: control characters (including newlines and terminal escapes) shown as visible
 * `\u001b`-style escapes and the length capped. React renders it as text, so markup in it never becomes markup.
 */
export function summarize(text: unknown, maxLength = 200): string {
  const value = typeof text === 'string' ? text : text === undefined || text === null ? '' : JSON.stringify(text);
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return visible.length > maxLength ? `${visible.slice(0, maxLength - 1)}…` : visible;
}

/** "just now", "4 min ago", "3 h ago", then the date: short enough for a table cell; pair it with formatTime in a title. */
export function formatAgo(value: number | string | undefined | null, nowMilliseconds = Date.now()): string {
  if (value === undefined || value === null || value === '') return '—';
  const milliseconds = nowMilliseconds - new Date(value).getTime();
  if (Number.isNaN(milliseconds)) return String(value);
  if (milliseconds < 45_000) return 'just now';
  if (milliseconds < 3_600_000) return `${Math.max(1, Math.round(milliseconds / 60_000))} min ago`;
  if (milliseconds < 86_400_000) return `${Math.round(milliseconds / 3_600_000)} h ago`;
  return formatTime(value);
}
