// Compiles a QueryNode to a parameterized SQLite WHERE clause: values only as bound parameters, names only from columns.ts.
import type { GlobPart, QueryNode } from '../ast.js';
import { QueryError } from '../errors.js';
import { fieldKind } from '../fields.js';
import { parseCidr, parseIp } from '../ip.js';
import { tryParseTime } from '../time.js';
import { ftsTablePlaceholder, hotColumns, ipColumns } from './columns.js';

export interface CompiledWhere {
  sql: string;
  params: Array<string | number>;
}

export interface CompileOptions {
  /** `fts`: bare words use the partition's FTS5 table over `message`; `scan`: a substring scan of `message`. */
  fullText: 'fts' | 'scan';
  /** For `now-24h` in time values. */
  now?: number;
  /**
   * SQL for the record as JSON (at least the part holding `field`), for fields without a column: the `record` column by
   * default; a store that keeps records as columns (decision 0013) builds the JSON from them.
   */
  recordSql?: (field: string) => string;
  /** SQL for the raw `message` text; by default read from the record JSON. */
  messageSql?: string;
}

export function compileWhere(node: QueryNode, options: CompileOptions): CompiledWhere {
  const params: Array<string | number> = [];
  const sql = new Compiler(options, params).compile(node);
  return { sql, params };
}

const numberPattern = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

class Compiler {
  constructor(
    private readonly options: CompileOptions,
    private readonly params: Array<string | number>,
  ) {}

  private preferIpIndex = false;
  private record(field: string): string {
    return this.options.recordSql?.(field) ?? 'record';
  }

  private get message(): string {
    return this.options.messageSql ?? `json_extract(${this.record('message')}, '$.message')`;
  }

  private compileWith(node: QueryNode, preferIpIndex: boolean): string {
    const outer = this.preferIpIndex;
    this.preferIpIndex = preferIpIndex;
    const sql = this.compile(node);
    this.preferIpIndex = outer;
    return sql;
  }

  /** A hot column's name, prefixed with `+` when its own index should not be used. */
  private hotColumn(column: string): string {
    return this.preferIpIndex && column !== 'ts' ? `+${column}` : column;
  }

  private bind(value: string | number): string {
    this.params.push(value);
    return '?';
  }

  compile(node: QueryNode): string {
    switch (node.kind) {
      case 'all':
        return '1';
      case 'and': {
        // Beside an IP condition, steer SQLite to the IP index (it carries ts, dstport and action, so the whole AND
        // is answered from it): a unary + keeps a column's value but takes its own index out of the planner's choice.
        const outer = this.preferIpIndex;
        this.preferIpIndex = outer || node.children.some(isIpCondition);
        const sql = `(${node.children.map((c) => (isIpCondition(c) ? this.compileWith(c, outer) : this.compile(c))).join(' AND ')})`;
        this.preferIpIndex = outer;
        return sql;
      }
      case 'or':
        return `(${node.children.map((c) => this.compile(c)).join(' OR ')})`;
      case 'not':
        // Lucene's NOT keeps records that lack the field; SQL's NOT NULL would drop them.
        return `(NOT coalesce(${this.compile(node.child)}, 0))`;
      case 'exists':
        return this.exists(node.field);
      case 'term':
        return node.field === undefined || node.field === 'message' ? this.fullText(node) : this.term(node.field, node);
      case 'range':
        return this.range(node);
    }
  }

  private jsonPath(field: string): string {
    // The parser admits only [A-Za-z0-9_-] segments; quoting each keeps '-' literal. Bound as a parameter anyway.
    return this.bind(`$.${field.split('.').map((s) => `"${s}"`).join('.')}`);
  }

  private exists(field: string): string {
    const hot = hotColumns[field];
    if (hot) return `(${hot.column} IS NOT NULL)`;
    const ip = ipColumns[field];
    if (ip) return `(${ip.v4} IS NOT NULL OR ${ip.v6} IS NOT NULL OR json_type(${this.record(field)}, ${this.jsonPath(field)}) IS NOT NULL)`;
    return `(json_type(${this.record(field)}, ${this.jsonPath(field)}) IS NOT NULL)`;
  }

  private fullText(node: Extract<QueryNode, { kind: 'term' }>): string {
    if (this.options.fullText === 'fts' && (!node.glob || isPrefixGlob(node.glob))) {
      // An FTS5 string in double quotes is a phrase of its tokens: no FTS operator in user text is ever live.
      const literal = node.glob ? (node.glob[0] as { text: string }).text : node.value;
      if (literal.trim() !== '' && /[\p{L}\p{N}]/u.test(literal)) {
        const match = `"${literal.replace(/"/g, '""')}"${node.glob ? ' *' : ''}`;
        return `(rowid IN (SELECT rowid FROM "${ftsTablePlaceholder}" WHERE "${ftsTablePlaceholder}" MATCH ${this.bind(match)}))`;
      }
    }
    if (node.glob) return `(${this.message} GLOB ${this.bind(`*${globPattern(node.glob)}*`)})`;
    return `(instr(lower(${this.message}), ${this.bind(node.value.toLowerCase())}) > 0)`;
  }

  private term(field: string, node: Extract<QueryNode, { kind: 'term' }>): string {
    const kind = fieldKind(field);
    const ip = ipColumns[field];
    if (ip && !node.glob) return this.ipTerm(field, ip, node.value, node.column);
    const hot = hotColumns[field];
    if (node.glob) {
      if (hot?.type === 'text') return `(${hot.column} GLOB ${this.bind(globPattern(node.glob))})`;
      const path = this.jsonPath(field);
      const pattern = this.bind(globPattern(node.glob));
      return `(EXISTS (SELECT 1 FROM json_each(${this.record(field)}, ${path}) WHERE type = 'text' AND value GLOB ${pattern}))`;
    }
    if (hot) {
      if (hot.type === 'text') return `(${this.hotColumn(hot.column)} = ${this.bind(node.value)})`;
      const number = this.number(field, kind, node.value, node.column);
      return `(${this.hotColumn(hot.column)} = ${this.bind(number)})`;
    }
    if (kind === 'time' || kind === 'number') {
      const number = this.number(field, kind, node.value, node.column);
      return `(json_extract(${this.record(field)}, ${this.jsonPath(field)}) = ${this.bind(number)})`;
    }
    const path = this.jsonPath(field);
    const alternatives = [`value = ${this.bind(node.value)}`];
    if (numberPattern.test(node.value)) alternatives.push(`(type IN ('integer', 'real') AND value = ${this.bind(Number(node.value))})`);
    if (node.value === 'true' || node.value === 'false') alternatives.push(`type = ${this.bind(node.value)}`);
    // json_each yields a scalar itself, or each element of an array (waf.labels, k8s.source_ips).
    return `(EXISTS (SELECT 1 FROM json_each(${this.record(field)}, ${path}) WHERE type NOT IN ('object', 'array') AND (${alternatives.join(' OR ')})))`;
  }

  private ipTerm(field: string, ip: { v4: string; v6: string }, value: string, column: number): string {
    if (value.includes('/')) {
      let range;
      try {
        range = parseCidr(value, field);
      } catch {
        throw new QueryError(`${field}: '${value}' is not a valid CIDR block (expected e.g. 10.0.0.0/8 or 2001:db8::/32)`, column, 'query_bad_cidr');
      }
      const columnName = range.family === 4 ? ip.v4 : ip.v6;
      return `(${columnName} BETWEEN ${this.bind(range.low)} AND ${this.bind(range.high)})`;
    }
    const key = parseIp(value);
    if (!key) throw new QueryError(`${field}: '${value}' is not an IP address or CIDR block`, column, 'query_bad_ip');
    return key.family === 4 ? `(${ip.v4} = ${this.bind(key.value)})` : `(${ip.v6} = ${this.bind(key.value)})`;
  }

  private number(field: string, kind: string, value: string, column: number): number {
    if (kind === 'time') {
      const time = tryParseTime(value, this.options.now);
      if (time === undefined) throw new QueryError(`${field}: '${value}' is not a time (ISO-8601, epoch ms or now-24h)`, column, 'query_bad_value');
      return time;
    }
    if (!numberPattern.test(value)) throw new QueryError(`${field}: '${value}' is not a number`, column, 'query_bad_value');
    return Number(value);
  }

  private range(node: Extract<QueryNode, { kind: 'range' }>): string {
    const { field, column } = node;
    const kind = fieldKind(field);
    const ip = ipColumns[field];
    const hot = hotColumns[field];
    const conditions: string[] = [];
    // A function: a JSON path is a bound parameter, so each use of the target binds it again.
    let target: () => string;
    let low: string | number | undefined = node.low;
    let high: string | number | undefined = node.high;
    if (ip) {
      const lowKey = low === undefined ? undefined : parseIp(String(low));
      const highKey = high === undefined ? undefined : parseIp(String(high));
      if ((low !== undefined && !lowKey) || (high !== undefined && !highKey)) {
        throw new QueryError(`${field}: range bounds must be IP addresses`, column, 'query_bad_ip');
      }
      const family = (lowKey ?? highKey)?.family ?? 4;
      if ((lowKey && lowKey.family !== family) || (highKey && highKey.family !== family)) {
        throw new QueryError(`${field}: both range bounds must be IPv4 or both IPv6`, column, 'query_bad_ip');
      }
      const ipColumn = family === 4 ? ip.v4 : ip.v6;
      target = () => ipColumn;
      low = lowKey?.value;
      high = highKey?.value;
    } else if (hot?.type === 'text') {
      const textColumn = this.hotColumn(hot.column);
      target = () => textColumn;
    } else {
      const numeric = kind !== 'text' || [low, high].every((b) => b === undefined || numberPattern.test(String(b)));
      if (kind !== 'text') {
        low = low === undefined ? undefined : this.number(field, kind, String(low), column);
        high = high === undefined ? undefined : this.number(field, kind, String(high), column);
      } else if (numeric) {
        low = low === undefined ? undefined : Number(low);
        high = high === undefined ? undefined : Number(high);
      }
      const hotColumn = hot ? this.hotColumn(hot.column) : undefined;
      target = () => hotColumn ?? `json_extract(${this.record(field)}, ${this.jsonPath(field)})`;
      if (!hot) conditions.push(numeric ? `json_type(${this.record(field)}, ${this.jsonPath(field)}) IN ('integer', 'real')` : `json_type(${this.record(field)}, ${this.jsonPath(field)}) = 'text'`);
    }
    if (low !== undefined && high !== undefined && (low > high || (low === high && !(node.includeLow && node.includeHigh)))) {
      throw new QueryError(`${field}: the range is empty (its lower bound is above its upper bound)`, column, 'query_bad_range');
    }
    if (low !== undefined) conditions.push(`${target()} ${node.includeLow ? '>=' : '>'} ${this.bind(low)}`);
    if (high !== undefined) conditions.push(`${target()} ${node.includeHigh ? '<=' : '<'} ${this.bind(high)}`);
    return `(${conditions.join(' AND ')})`;
  }
}

function isIpCondition(node: QueryNode): boolean {
  return (node.kind === 'term' && node.field !== undefined && node.field in ipColumns && !node.glob) || (node.kind === 'range' && node.field in ipColumns);
}

function isPrefixGlob(glob: GlobPart[]): boolean {
  return glob.length === 2 && 'text' in (glob[0] as GlobPart) && (glob[1] as GlobPart as { wildcard?: string }).wildcard === '*';
}

/** A GLOB pattern that matches the parts: literal `*`, `?` and `[` are bracketed so only the wildcards are live. */
export function globPattern(glob: GlobPart[]): string {
  return glob
    .map((part) => ('wildcard' in part ? part.wildcard : part.text.replace(/[*?[]/g, (c) => `[${c}]`)))
    .join('');
}
