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

/**
 * A dotted-quad IPv4 address (1–3 ASCII digits per octet, each ≤ 255, as search/ip.ts parseIpv4 accepts) read from
 * its character codes, or -1. Every traffic record has two addresses; this avoids the regex match and its arrays.
 */
function fastIpv4(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (digits === 3) return -1;
      octet = octet * 10 + (code - 48);
      digits += 1;
    } else if (code === 46) {
      if (digits === 0 || octet > 255 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots += 1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0 || octet > 255) return -1;
  return value * 256 + octet;
}

/** Writes an address's two columns (IPv4 integer, IPv6 hex) into `out` at `at` and `at + 1`. */
function putIp(value: unknown, out: unknown[], at: number): void {
  out[at] = null;
  out[at + 1] = null;
  if (typeof value !== 'string') return;
  const v4 = fastIpv4(value);
  if (v4 >= 0) {
    out[at] = v4;
    return;
  }
  const key = parseIp(value);
  if (key) out[key.family === 4 ? at : at + 1] = key.value;
}

/**
 * Writes the hot columns, in partition column order (srcip_num, srcip_v6, dstip_num, dstip_v6, srcport, dstport,
 * proto, action, bytes), into `out` from `at` on: the writer reuses one parameter array for every row.
 */
export function putHotValues(record: InterflowRecord, out: unknown[], at: number): void {
  putIp(record.srcip, out, at);
  putIp(record.dstip, out, at + 2);
  out[at + 4] = integer(record.srcport);
  out[at + 5] = integer(record.dstport);
  out[at + 6] = integer(record.proto);
  out[at + 7] = typeof record.action === 'string' ? record.action : null;
  out[at + 8] = integer(record.bytes);
}

export function hotValues(record: InterflowRecord): HotValues {
  const out: unknown[] = [];
  putHotValues(record, out, 0);
  return {
    srcipNum: out[0] as number | null,
    srcipV6: out[1] as string | null,
    dstipNum: out[2] as number | null,
    dstipV6: out[3] as string | null,
    srcport: out[4] as number | null,
    dstport: out[5] as number | null,
    proto: out[6] as number | null,
    action: out[7] as string | null,
    bytes: out[8] as number | null,
  };
}
