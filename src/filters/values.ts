// Reading a record the way the SQLite store sees it: own-property JSON paths, hot-column values, GLOB and text order.
import type { GlobPart } from '../search/ast.js';
import { parseIpv4, parseIpv6 } from '../search/ip.js';

/** A value read from a record; `undefined` = absent (as JSON would omit it). */
export type Getter = (record: Record<string, unknown>) => unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `a.b.c` → a getter that descends only through own properties of plain objects, as `json_extract(record, '$."a"."b"')`
 * does: arrays are not entered by name, and `__proto__`, `constructor` or `toString` never reach Object.prototype.
 */
export function pathGetter(field: string): Getter {
  const segments = field.split('.');
  if (segments.length === 1) return ownGetter(segments[0] as string);
  return (record) => {
    let value: unknown = record;
    for (const segment of segments) {
      if (!isObject(value) || !Object.hasOwn(value, segment)) return undefined;
      value = value[segment];
    }
    return value;
  };
}

/**
 * One own property. A name Object.prototype lacks can only be found on the record itself (records are plain objects:
 * JSON.parse turns a `__proto__` key into an own property, never a prototype), so the hot path skips Object.hasOwn.
 */
export function ownGetter(name: string): Getter {
  if (!(name in Object.prototype)) return (record) => record[name];
  return (record) => (Object.hasOwn(record, name) ? record[name] : undefined);
}

/** The JSON value a store would keep: undefined, functions and symbols are dropped by JSON.stringify. */
export function isPresent(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** Integer hot columns (srcport, dstport, proto, bytes, timestamp) hold the value only when it is a safe integer. */
export function hotInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** Text hot columns hold strings only. */
export function hotText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The hot-column reader for a field the store keeps in a column, mirroring src/store/sqlite/extract.ts. */
export function hotGetter(field: string): ((record: Record<string, unknown>) => string | number | undefined) | undefined {
  switch (field) {
    case 'timestamp':
      return (r) => hotInteger(r.timestamp);
    // Records without a tenant are stored under the tenant '' (so `tenant_name:*` matches them too).
    case 'tenant_name':
      return (r) => (typeof r.tenant_name === 'string' ? r.tenant_name : '');
    case 'msg_class':
      return (r) => hotText(r.msg_class);
    case 'aws.event_id': {
      const get = pathGetter('aws.event_id');
      return (r) => hotText(get(r));
    }
    case 'action':
      return (r) => hotText(r.action);
    case 'srcport':
    case 'dstport':
    case 'proto':
    case 'bytes': {
      const get = ownGetter(field);
      return (r) => hotInteger(get(r));
    }
    default:
      return undefined;
  }
}

export type IpValue = { family: 4; value: number } | { family: 6; value: string } | undefined;

/** The IPv4 column's value for a record value, or -1 (not an IPv4 address): no allocation, this runs per record. */
export function ipv4Key(value: unknown): number {
  if (typeof value !== 'string') return -1;
  return parseIpv4(value) ?? -1;
}

/**
 * ipv4Key with a one-entry memo: the filters of a chain read the same record's srcip one after another, and a string
 * compared with itself is a pointer check, so each address is parsed about once per record however many filters use it.
 */
export function memoizedIpv4Key(): (value: unknown) => number {
  let lastText: string | undefined;
  let lastKey = -1;
  return (value) => {
    if (value === lastText) return lastKey;
    if (typeof value !== 'string') return -1;
    lastKey = ipv4Key(value);
    lastText = value;
    return lastKey;
  };
}

/** The key the store's IP columns hold for a record value (IPv4 integer or IPv6 hex), or undefined. */
export function ipValue(value: unknown): IpValue {
  if (typeof value !== 'string') return undefined;
  const v4 = parseIpv4(value);
  if (v4 !== undefined) return { family: 4, value: v4 };
  // Only strings that can be IPv6 reach the slower parser.
  if (value.length > 45) return undefined;
  const v6 = parseIpv6(value);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

/** SQLite's BINARY collation compares UTF-8 bytes, which is code point order (JS `<` compares UTF-16 units). */
export function compareText(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Below the surrogates, UTF-16 order is code point order; otherwise compare whole code points.
    if (x < 0xd800 && y < 0xd800) return x - y;
    return (a.codePointAt(i) as number) - (b.codePointAt(i) as number);
  }
  return a.length - b.length;
}

const STAR = -1;
const ONE = -2;

/**
 * A GLOB pattern as a predicate: `*` any run, `?` one character (code point), the rest literal and case-sensitive.
 * `anchored` false = GLOB '*pattern*' (a match anywhere). Greedy matching that backtracks only to the last `*`: at most
 * text × pattern steps, so attacker-sized values cannot make it explode (a RegExp of `*a*b*c*` can).
 */
export function globMatcher(glob: readonly GlobPart[], anchored: boolean): (text: string) => boolean {
  if (glob.every((part) => !('wildcard' in part) || part.wildcard === '*')) return starMatcher(glob, anchored);
  const pattern: number[] = anchored ? [] : [STAR];
  for (const part of glob) {
    if ('wildcard' in part) pattern.push(part.wildcard === '*' ? STAR : ONE);
    else for (let i = 0; i < part.text.length; i += 1) pattern.push(part.text.charCodeAt(i));
  }
  if (!anchored) pattern.push(STAR);
  const m = pattern.length;
  const width = (text: string, at: number): number => {
    const code = text.charCodeAt(at);
    if (code >= 0xd800 && code <= 0xdbff && at + 1 < text.length) {
      const next = text.charCodeAt(at + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return 2;
    }
    return 1;
  };
  return (text) => {
    const n = text.length;
    let p = 0;
    let s = 0;
    let starP = -1;
    let starS = 0;
    while (s < n) {
      const want = p < m ? (pattern[p] as number) : undefined;
      if (want === ONE) {
        s += width(text, s);
        p += 1;
      } else if (want === STAR) {
        starP = p;
        starS = s;
        p += 1;
      } else if (want !== undefined && want === text.charCodeAt(s)) {
        s += 1;
        p += 1;
      } else if (starP >= 0) {
        starS += width(text, starS);
        s = starS;
        p = starP + 1;
      } else {
        return false;
      }
    }
    while (p < m && pattern[p] === STAR) p += 1;
    return p === m;
  };
}

/**
 * Patterns with `*` only (nearly all of them): literal pieces found in order with startsWith / indexOf / endsWith.
 * Taking each middle piece at its leftmost place is never worse, so this is exact and linear.
 */
function starMatcher(glob: readonly GlobPart[], anchored: boolean): (text: string) => boolean {
  const pieces: string[] = [''];
  for (const part of glob) {
    if ('wildcard' in part) pieces.push('');
    else pieces[pieces.length - 1] += part.text;
  }
  if (!anchored) {
    pieces.unshift('');
    pieces.push('');
  }
  if (pieces.length === 1) {
    const only = pieces[0] as string;
    return (text) => text === only;
  }
  const first = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  const middle = pieces.slice(1, -1).filter((piece) => piece !== '');
  if (middle.length === 1 && first === '' && last === '') {
    const only = middle[0] as string;
    return (text) => text.includes(only);
  }
  return (text) => {
    const end = text.length - last.length;
    if (end < first.length || !text.startsWith(first) || !text.endsWith(last)) return false;
    let at = first.length;
    for (const piece of middle) {
      const found = text.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  };
}

/** SQLite's lower() folds ASCII letters only (no ICU in better-sqlite3's build). */
export function asciiLower(text: string): string {
  return /[A-Z]/.test(text) ? text.replace(/[A-Z]+/g, (run) => run.toLowerCase()) : text;
}

export { isObject };
