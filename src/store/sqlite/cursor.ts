// Search-after cursors: the (timestamp, index, row) of the last hit, opaque to callers and checked when read back.
import { UsageError } from '../../core/errors.js';

export interface Cursor {
  ts: number;
  rank: number;
  id: number;
  sort: 'desc' | 'asc';
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.ts, cursor.rank, cursor.id, cursor.sort])).toString('base64url');
}

export function decodeCursor(text: string, sort: 'desc' | 'asc'): Cursor {
  let parsed: unknown;
  try {
    parsed = text.length <= 200 ? JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || !parsed.slice(0, 3).every((n) => Number.isSafeInteger(n)) || (parsed[3] !== 'desc' && parsed[3] !== 'asc')) {
    throw new UsageError("after: not a cursor returned by a previous search (pass the 'nextCursor' value unchanged)");
  }
  if (parsed[3] !== sort) throw new UsageError(`after: the cursor belongs to a '${String(parsed[3])}' search; this one sorts '${sort}'`);
  return { ts: parsed[0] as number, rank: parsed[1] as number, id: parsed[2] as number, sort };
}
