// Compiles a query (CONTRACT's language) once into a closure that tells whether a record matches, as the store's search would.
import type { InterflowRecord } from '../core/record.js';
import type { QueryNode } from '../search/ast.js';
import { fieldKind as storeFieldKind, type FieldKind } from '../search/fields.js';
import { parseCidr, parseIp } from '../search/ip.js';
import { parseQuery } from '../search/parser.js';
import { compileWhere } from '../search/sqlite/compile.js';
import { tryParseTime } from '../search/time.js';
import { fullTextPredicates } from './fulltext.js';
import { compareText, hotGetter, ipValue, memoizedIpv4Key, isObject, isPresent, pathGetter, globMatcher } from './values.js';

export type RecordMatcher = (record: InterflowRecord) => boolean;
type Predicate = (record: Record<string, unknown>) => boolean;
type TermNode = Extract<QueryNode, { kind: 'term' }>;
type RangeNode = Extract<QueryNode, { kind: 'range' }>;

const numberPattern = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const ipFields = new Set(['srcip', 'dstip']);
/** Shared by every matcher, one per IP field (see memoizedIpv4Key). */
const ipv4Keys: Record<string, (value: unknown) => number> = { srcip: memoizedIpv4Key(), dstip: memoizedIpv4Key() };

const kinds: readonly FieldKind[] = ['time', 'ip', 'number', 'text'];

/** search/fields.ts looks kinds up on a plain object, so `constructor` would find Object's; such names are text here. */
function fieldKind(field: string): FieldKind {
  const kind = storeFieldKind(field);
  return kinds.includes(kind) ? kind : 'text';
}

export interface MatcherOptions {
  /** For `now-24h` in time values; read once, when the matcher is built. Default: the clock at that moment. */
  now?: number;
}

/**
 * Parses `query` once and returns a matcher. Throws QueryError (with the column) for anything the store's search would
 * reject: the SQL compiler is run once on the same tree, so a filter and a search never disagree on what is valid.
 */
export function compileMatcher(query: string, options: MatcherOptions = {}): RecordMatcher {
  return compileMatcherFromAst(parseQuery(query), options);
}

export function compileMatcherFromAst(ast: QueryNode, options: MatcherOptions = {}): RecordMatcher {
  const now = options.now ?? Date.now();
  compileWhere(ast, { fullText: 'scan', now });
  const predicate = build(ast, now);
  return predicate as unknown as RecordMatcher;
}

function build(node: QueryNode, now: number): Predicate {
  switch (node.kind) {
    case 'all':
      return () => true;
    case 'and': {
      const children = node.children.map((c) => build(c, now));
      if (children.length === 2) {
        const [a, b] = children as [Predicate, Predicate];
        return (r) => a(r) && b(r);
      }
      return (r) => {
        for (const child of children) if (!child(r)) return false;
        return true;
      };
    }
    case 'or': {
      const children = node.children.map((c) => build(c, now));
      if (children.length === 2) {
        const [a, b] = children as [Predicate, Predicate];
        return (r) => a(r) || b(r);
      }
      return (r) => {
        for (const child of children) if (child(r)) return true;
        return false;
      };
    }
    case 'not': {
      // The store's NOT keeps records that lack the field (NOT coalesce(x, 0)): plain negation of a two-valued match.
      const child = build(node.child, now);
      return (r) => !child(r);
    }
    case 'exists':
      return exists(node.field);
    case 'term':
      return node.field === undefined || node.field === 'message' ? fullText(node) : term(node.field, node, now);
    case 'range':
      return range(node, now);
  }
}

function exists(field: string): Predicate {
  const hot = hotGetter(field);
  if (hot) return (r) => hot(r) !== undefined;
  const get = pathGetter(field);
  return (r) => isPresent(get(r));
}

function fullText(node: TermNode): Predicate {
  const { fts, scan } = fullTextPredicates(node);
  return (r) => {
    const message = Object.hasOwn(r, 'message') ? r.message : undefined;
    if (typeof message !== 'string') return false;
    return r.index === 'syslog' ? fts(message) : scan(message);
  };
}

function toNumber(field: string, value: string, now: number): number {
  return fieldKind(field) === 'time' ? (tryParseTime(value, now) as number) : Number(value);
}

/** A JSON scalar equal to `n` as SQLite compares json_extract() with a number (true is 1, false is 0). */
function numberEquals(value: unknown, n: number): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && value === n;
  if (typeof value === 'boolean') return (value ? 1 : 0) === n;
  return false;
}

function term(field: string, node: TermNode, now: number): Predicate {
  const get = pathGetter(field);
  if (ipFields.has(field) && !node.glob) return ipTerm(get, ipv4Keys[field] as (value: unknown) => number, node.value);
  const hot = hotGetter(field);
  if (node.glob) {
    const pattern = globMatcher(node.glob, true);
    if (hot && (field === 'tenant_name' || field === 'msg_class' || field === 'aws.event_id' || field === 'action')) {
      return (r) => {
        const value = hot(r);
        return typeof value === 'string' && pattern(value);
      };
    }
    const test = (v: unknown) => typeof v === 'string' && pattern(v);
    return (r) => someScalar(get(r), test);
  }
  if (hot) {
    if (field === 'tenant_name' || field === 'msg_class' || field === 'aws.event_id' || field === 'action') {
      const wanted = node.value;
      return (r) => hot(r) === wanted;
    }
    const n = toNumber(field, node.value, now);
    return (r) => hot(r) === n;
  }
  const kind = fieldKind(field);
  if (kind === 'time' || kind === 'number') {
    const n = toNumber(field, node.value, now);
    return (r) => numberEquals(get(r), n);
  }
  const text = node.value;
  const n = numberPattern.test(text) ? Number(text) : undefined;
  const bool = text === 'true' ? true : text === 'false' ? false : undefined;
  const test = (v: unknown) => v === text || (n !== undefined && typeof v === 'number' && v === n) || (bool !== undefined && v === bool);
  // Plain string values (nearly all) are answered without the json_each walk.
  return (r) => {
    const value = get(r);
    return typeof value === 'string' ? value === text : someScalar(value, test);
  };
}

/** json_each(record, path): the scalar itself, or each scalar element of an array, or each scalar member of an object. */
function someScalar(value: unknown, test: (v: unknown) => boolean): boolean {
  if (Array.isArray(value)) {
    for (const element of value) if (!isObject(element) && !Array.isArray(element) && test(element)) return true;
    return false;
  }
  if (isObject(value)) {
    for (const key of Object.keys(value)) {
      const member = value[key];
      if (!isObject(member) && !Array.isArray(member) && test(member)) return true;
    }
    return false;
  }
  return value !== undefined && test(value);
}

function ipTerm(get: (r: Record<string, unknown>) => unknown, ipv4Key: (value: unknown) => number, value: string): Predicate {
  if (value.includes('/')) {
    const cidr = parseCidr(value);
    if (cidr.family === 4) {
      const { low, high } = cidr;
      return (r) => {
        const key = ipv4Key(get(r));
        return key >= low && key <= high;
      };
    }
    const { low, high } = cidr;
    return (r) => {
      const ip = ipValue(get(r));
      return ip !== undefined && ip.family === 6 && ip.value >= low && ip.value <= high;
    };
  }
  const key = parseIp(value);
  if (!key) return () => false;
  if (key.family === 4) {
    const wanted = key.value;
    return (r) => ipv4Key(get(r)) === wanted;
  }
  return (r) => {
    const ip = ipValue(get(r));
    return ip !== undefined && ip.family === key.family && ip.value === key.value;
  };
}

function range(node: RangeNode, now: number): Predicate {
  const { field } = node;
  const get = pathGetter(field);
  const within = <T>(value: T, low: T | undefined, high: T | undefined, compare: (a: T, b: T) => number): boolean =>
    (low === undefined || (node.includeLow ? compare(value, low) >= 0 : compare(value, low) > 0)) &&
    (high === undefined || (node.includeHigh ? compare(value, high) <= 0 : compare(value, high) < 0));
  const byHex = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  if (ipFields.has(field)) {
    const ipv4Key = ipv4Keys[field] as (value: unknown) => number;
    const low = node.low === undefined ? undefined : parseIp(node.low);
    const high = node.high === undefined ? undefined : parseIp(node.high);
    const family = (low ?? high)?.family ?? 4;
    if (family === 4) {
      const l = low?.value as number | undefined;
      const h = high?.value as number | undefined;
      return numberRange(node, (r) => {
        const key = ipv4Key(get(r));
        return key < 0 ? undefined : key;
      }, l, h);
    }
    const l = low?.value as string | undefined;
    const h = high?.value as string | undefined;
    return (r) => {
      const ip = ipValue(get(r));
      return ip !== undefined && ip.family === 6 && within(ip.value, l, h, byHex);
    };
  }
  const hot = hotGetter(field);
  const textHot = field === 'tenant_name' || field === 'msg_class' || field === 'aws.event_id' || field === 'action';
  if (hot && textHot) {
    return (r) => {
      const value = hot(r);
      return typeof value === 'string' && within(value, node.low, node.high, compareText);
    };
  }
  const kind = fieldKind(field);
  const numeric = kind !== 'text' || [node.low, node.high].every((b) => b === undefined || numberPattern.test(b));
  if (numeric) {
    const convert = (b: string | undefined) => (b === undefined ? undefined : kind === 'text' ? Number(b) : toNumber(field, b, now));
    const low = convert(node.low);
    const high = convert(node.high);
    return numberRange(node, hot ?? get, low, high);
  }
  return (r) => {
    const value = get(r);
    return typeof value === 'string' && within(value, node.low, node.high, compareText);
  };
}

/** A numeric range as one of four specialized closures (no per-record bound checks for open ends). */
function numberRange(node: RangeNode, read: (r: Record<string, unknown>) => unknown, low: number | undefined, high: number | undefined): Predicate {
  const value = (r: Record<string, unknown>): number => {
    const v = read(r);
    return typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  };
  // NaN (absent, not a number) fails every comparison below.
  const { includeLow, includeHigh } = node;
  if (low !== undefined && high !== undefined) {
    if (includeLow && includeHigh) return (r) => {
      const v = value(r);
      return v >= low && v <= high;
    };
    return (r) => {
      const v = value(r);
      return (includeLow ? v >= low : v > low) && (includeHigh ? v <= high : v < high);
    };
  }
  if (low !== undefined) return includeLow ? (r) => value(r) >= low : (r) => value(r) > low;
  if (high !== undefined) return includeHigh ? (r) => value(r) <= high : (r) => value(r) < high;
  return (r) => !Number.isNaN(value(r));
}
