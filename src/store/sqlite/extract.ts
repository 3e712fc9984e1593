// Pulls a record's hot-column values out of it (the same rules for both indices, so a column always mirrors the JSON).
import type { InterflowRecord } from '../../core/record.js';
import { parseIp } from '../../search/ip.js';

export interface HotValues {
  srcipNum: number | null;
  srcipV6: string | null;
  dstipNum: number | null;
  dstipV6: string | null;
  srcport: number | null;
  dstport: number | null;
  proto: number | null;
  action: string | null;
  bytes: number | null;
}

function integer(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

function ip(value: unknown): { v4: number | null; v6: string | null } {
  if (typeof value !== 'string') return { v4: null, v6: null };
  const key = parseIp(value);
  if (!key) return { v4: null, v6: null };
  return key.family === 4 ? { v4: key.value, v6: null } : { v4: null, v6: key.value };
}

export function hotValues(record: InterflowRecord): HotValues {
  const src = ip(record.srcip);
  const dst = ip(record.dstip);
  return {
    srcipNum: src.v4,
    srcipV6: src.v6,
    dstipNum: dst.v4,
    dstipV6: dst.v6,
    srcport: integer(record.srcport),
    dstport: integer(record.dstport),
    proto: integer(record.proto),
    action: typeof record.action === 'string' ? record.action : null,
    bytes: integer(record.bytes),
  };
}
