// Threat Hunting's pure helpers: the search state in the URL hash, query clauses quoted for the query language, field flattening.

export type IndexChoice = 'syslog' | 'traffic';
export const INDEX_LABELS: Record<IndexChoice, string> = { syslog: 'Syslog', traffic: 'Traffic' };

/** The time range presets offered in the picker; `custom` uses explicit from/to. */
export const RANGE_PRESETS = [
  { key: '15m', label: 'Last 15 minutes', milliseconds: 15 * 60_000 },
  { key: '1h', label: 'Last 1 hour', milliseconds: 60 * 60_000 },
  { key: '24h', label: 'Last 24 hours', milliseconds: 24 * 60 * 60_000 },
  { key: '7d', label: 'Last 7 days', milliseconds: 7 * 24 * 60 * 60_000 },
] as const;
export type RangeKey = (typeof RANGE_PRESETS)[number]['key'] | 'custom';

/** What a search is: everything here lives in the URL hash so a search can be shared and reloaded. */
export interface HuntState {
  indices: IndexChoice[];
  query: string;
  range: RangeKey;
  /** Custom range bounds, epoch ms (only with range 'custom'). */
  from?: number;
  to?: number;
  /** Root administrators only: one tenant, or all when absent. */
  tenant?: string;
}

export const DEFAULT_STATE: HuntState = { indices: ['syslog', 'traffic'], query: '', range: '24h' };

export function stateFromParams(params: URLSearchParams): HuntState {
  const indices = (params.get('indices') ?? '').split(',').filter((name): name is IndexChoice => name === 'syslog' || name === 'traffic');
  const rangeParam = params.get('range');
  const range: RangeKey = rangeParam === 'custom' || RANGE_PRESETS.some((preset) => preset.key === rangeParam) ? (rangeParam as RangeKey) : DEFAULT_STATE.range;
  const from = timeParam(params.get('from'));
  const to = timeParam(params.get('to'));
  const tenant = params.get('tenant') ?? undefined;
  return {
    indices: indices.length > 0 ? [...new Set(indices)] : DEFAULT_STATE.indices,
    query: params.get('q') ?? '',
    range: range === 'custom' && from === undefined && to === undefined ? DEFAULT_STATE.range : range,
    ...(range === 'custom' && from !== undefined ? { from } : {}),
    ...(range === 'custom' && to !== undefined ? { to } : {}),
    ...(tenant === undefined || tenant === '' ? {} : { tenant }),
  };
}

function timeParam(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(number) ? number : undefined;
}

/** `#/threat-hunting?indices=…&q=…&range=…` for the state. */
export function hashFor(state: HuntState): string {
  const params = new URLSearchParams();
  params.set('indices', state.indices.join(','));
  if (state.query !== '') params.set('q', state.query);
  params.set('range', state.range);
  if (state.range === 'custom') {
    if (state.from !== undefined) params.set('from', new Date(state.from).toISOString());
    if (state.to !== undefined) params.set('to', new Date(state.to).toISOString());
  }
  if (state.tenant !== undefined) params.set('tenant', state.tenant);
  return `#/threat-hunting?${params.toString()}`;
}

/** The API's from/to (epoch ms) for the state at `now`: presets slide with the clock, so auto-refresh sees new records. */
export function timeBounds(state: HuntState, now: number): { from?: number; to?: number } {
  if (state.range === 'custom') return { ...(state.from === undefined ? {} : { from: state.from }), ...(state.to === undefined ? {} : { to: state.to }) };
  const preset = RANGE_PRESETS.find((candidate) => candidate.key === state.range) ?? RANGE_PRESETS[2];
  return { from: now - preset.milliseconds, to: now + 1 };
}

/** A value as a query-language phrase: `"` and `\` escaped with a backslash, so any text matches itself. */
export function quoteValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** `field:"value"` for a clicked value. */
export function clauseFor(field: string, value: string | number | boolean): string {
  return `${field}:${quoteValue(String(value))}`;
}

/**
 * Adds a clause with AND. A query with a top-level OR is put in parentheses first, since AND binds tighter than OR
 * (`a OR b AND c` would mean `a OR (b AND c)`).
 */
export function addClause(query: string, clause: string): string {
  const trimmed = query.trim();
  if (trimmed === '' || trimmed === '*') return clause;
  if (hasTopLevelOr(trimmed)) return `(${trimmed}) AND ${clause}`;
  return `${trimmed} AND ${clause}`;
}

function hasTopLevelOr(query: string): boolean {
  let depth = 0;
  let inPhrase = false;
  for (let index = 0; index < query.length; index += 1) {
    const character = query[index];
    if (character === '\\') {
      index += 1;
      continue;
    }
    if (character === '"') inPhrase = !inPhrase;
    if (inPhrase) continue;
    if (character === '(') depth += 1;
    else if (character === ')') depth -= 1;
    else if (depth === 0 && (query.startsWith('||', index) || (query.startsWith('OR', index) && /\s/.test(query[index - 1] ?? ' ') && /[\s("]/.test(query[index + 2] ?? ' ')))) return true;
  }
  return false;
}

/** The 1-based column an API query error names (`… (at column 20)`), if any. */
export function errorColumn(message: string): number | undefined {
  const match = /\(at column (\d+)\)/.exec(message);
  return match === null ? undefined : Number(match[1]);
}

/** The query language's field names (src/search/parser.ts): keys outside it (log JSON may have any) cannot be queried. */
const fieldNamePattern = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/** One leaf of a record: its dotted field name, its value, and whether a click can search for it. */
export interface FlatField {
  field: string;
  value: string | number | boolean;
  /** False for objects inside arrays and for names the query language cannot spell: shown, but not clickable. */
  searchable: boolean;
}

/** Every scalar of the record under its dotted name; arrays of scalars give one entry per element (the query matches any). */
export function flattenRecord(record: Record<string, unknown>): FlatField[] {
  const out: FlatField[] = [];
  const visit = (prefix: string, value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      out.push({ field: prefix, value, searchable: fieldNamePattern.test(prefix) });
    } else if (Array.isArray(value)) {
      for (const element of value) {
        if (element !== null && typeof element === 'object') out.push({ field: prefix, value: JSON.stringify(element), searchable: false });
        else visit(prefix, element);
      }
    } else if (typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) visit(prefix === '' ? key : `${prefix}.${key}`, child);
    }
  };
  visit('', record);
  return out.sort((a, b) => a.field.localeCompare(b.field));
}

/** The value at a dotted path, or undefined. */
export function valueAt(record: Record<string, unknown>, path: string): unknown {
  let current: unknown = record;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = Object.prototype.hasOwnProperty.call(current, segment) ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return current;
}
