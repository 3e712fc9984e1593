// Hits as a terminal table (time, msg_class, srcip → dstip, action, message) with log text made safe to print.
import type { InterflowRecord } from '../core/record.js';

/**
 * Log text is attacker-controlled: escape every C0/C1 control character (ESC starts ANSI sequences), DEL, and the
 * Unicode bidi and line/paragraph separators that can reorder or break what the analyst sees.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, (char) => {
    const code = char.charCodeAt(0);
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return escapeForTerminal(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Cuts by code points, so a surrogate pair is never split into garbage. */
function truncate(text: string, width: number): string {
  const points = [...text];
  return points.length <= width ? text : `${points.slice(0, width - 1).join('')}…`;
}

function endpoint(ip: unknown, port: unknown): string {
  if (ip === undefined) return '';
  return port === undefined ? cell(ip) : `${cell(ip)}:${cell(port)}`;
}

export function formatHitsTable(hits: readonly InterflowRecord[], messageWidth = 100): string {
  const headers = ['time', 'msg_class', 'srcip → dstip', 'action', 'message'];
  const rows = hits.map((hit) => {
    const time = Number.isFinite(hit.timestamp) ? new Date(hit.timestamp).toISOString() : cell(hit.timestamp);
    const source = endpoint(hit.srcip, hit.srcport);
    const destination = endpoint(hit.dstip, hit.dstport);
    const flow = source || destination ? `${source || '?'} → ${destination || '?'}` : '';
    return [time, cell(hit.msg_class), flow, cell(hit.action), truncate(cell(hit.message), messageWidth)];
  });
  const widths = headers.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...(r[i] as string)].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat((widths[i] as number) - [...c].length)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}
