// Hand-written recursive-descent parser for the Lucene-style query language (CONTRACT) → QueryNode, errors with columns.
import type { GlobPart, QueryNode } from './ast.js';
import { QueryError } from './errors.js';

export const maxQueryLength = 10_000;
const maxDepth = 64;
const maxClauses = 1_000;

/** Dotted snake_case-ish field names: each segment starts with a letter or `_`; `-` allowed inside (k8s, http headers). */
export const fieldNamePattern = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

const specialInWord = new Set([' ', '\t', '\n', '\r', '(', ')', '"', ':', '[', ']', '{', '}']);

export function parseQuery(text: string): QueryNode {
  if (text.length > maxQueryLength) throw new QueryError(`is ${text.length} characters long; the limit is ${maxQueryLength}`);
  return new Parser(text).parseAll();
}

interface Word {
  value: string;
  glob?: GlobPart[];
  column: number;
}

class Parser {
  private position = 0;
  private depth = 0;
  private clauses = 0;

  constructor(private readonly text: string) {}

  parseAll(): QueryNode {
    this.skipSpace();
    if (this.atEnd()) return { kind: 'all' };
    const node = this.parseOr(undefined);
    this.skipSpace();
    if (!this.atEnd()) {
      const char = this.text[this.position];
      throw new QueryError(char === ')' ? "unmatched ')'" : `unexpected '${char}'`, this.column());
    }
    return node;
  }

  private column(at = this.position): number {
    return at + 1;
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private peek(offset = 0): string | undefined {
    return this.text[this.position + offset];
  }

  private skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.position] ?? '')) this.position += 1;
  }

  /** True (and consumed) when the next token is the operator keyword or symbol given. */
  private takeOperator(keyword: string, symbol: string): boolean {
    if (this.text.startsWith(symbol, this.position)) {
      this.position += symbol.length;
      return true;
    }
    if (!this.text.startsWith(keyword, this.position)) return false;
    const after = this.text[this.position + keyword.length];
    if (after !== undefined && !/[\s("]/.test(after)) return false;
    this.position += keyword.length;
    return true;
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > maxDepth) throw new QueryError(`nests deeper than ${maxDepth} levels`, this.column());
  }

  private parseOr(field: string | undefined): QueryNode {
    this.enter();
    const children = [this.parseAnd(field)];
    for (;;) {
      this.skipSpace();
      if (!this.takeOperator('OR', '||')) break;
      this.skipSpace();
      children.push(this.parseAnd(field));
    }
    this.depth -= 1;
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'or', children };
  }

  private parseAnd(field: string | undefined): QueryNode {
    const children = [this.parseUnary(field)];
    for (;;) {
      this.skipSpace();
      if (this.atEnd() || this.peek() === ')') break;
      const save = this.position;
      if (this.takeOperator('OR', '||')) {
        this.position = save;
        break;
      }
      this.takeOperator('AND', '&&');
      this.skipSpace();
      children.push(this.parseUnary(field));
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: 'and', children };
  }

  private parseUnary(field: string | undefined): QueryNode {
    this.skipSpace();
    const start = this.position;
    if (this.takeOperator('NOT', '!') || (this.peek() === '-' && this.peek(1) !== undefined && !/\s/.test(this.peek(1) ?? ''))) {
      if (this.position === start) this.position += 1; // the '-' prefix
      this.skipSpace();
      this.enter();
      const child = this.parseUnary(field);
      this.depth -= 1;
      return { kind: 'not', child };
    }
    return this.parsePrimary(field);
  }

  private countClause(): void {
    this.clauses += 1;
    if (this.clauses > maxClauses) throw new QueryError(`has more than ${maxClauses} clauses`, this.column());
  }

  private parsePrimary(field: string | undefined): QueryNode {
    this.skipSpace();
    if (this.atEnd()) throw new QueryError('ends where a term was expected', this.column());
    const char = this.peek();
    if (char === '(') {
      const open = this.position;
      this.position += 1;
      this.skipSpace();
      if (this.peek() === ')') throw new QueryError('empty parentheses', this.column(open));
      const inner = this.parseOr(field);
      this.skipSpace();
      if (this.peek() !== ')') throw new QueryError("'(' is never closed", this.column(open));
      this.position += 1;
      return inner;
    }
    if (char === ')') throw new QueryError("unmatched ')'", this.column());
    this.countClause();
    if (char === '"') {
      const column = this.column();
      return { kind: 'term', ...(field === undefined ? {} : { field }), value: this.readPhrase(), phrase: true, column };
    }
    if (field !== undefined) return this.parseValue(field, this.column());
    const word = this.readWord(specialInWord);
    if (this.peek() === ':') {
      if (!fieldNamePattern.test(word.value) || word.glob) {
        throw new QueryError(`'${word.value}' is not a valid field name (letters, digits, '_', '-' and dots)`, word.column);
      }
      this.position += 1;
      if (this.atEnd() || /\s/.test(this.peek() ?? '')) throw new QueryError(`expected a value after '${word.value}:'`, this.column());
      if (this.peek() === '(') {
        const open = this.position;
        this.position += 1;
        const inner = this.parseOr(word.value);
        this.skipSpace();
        if (this.peek() !== ')') throw new QueryError("'(' is never closed", this.column(open));
        this.position += 1;
        return inner;
      }
      return this.parseValue(word.value, word.column);
    }
    if (word.value === '' && !word.glob) throw new QueryError(`unexpected '${this.peek() ?? ''}'`, this.column());
    if (isMatchAll(word)) return { kind: 'all' };
    return { kind: 'term', value: word.value, phrase: false, ...(word.glob ? { glob: word.glob } : {}), column: word.column };
  }

  /** After `field:` — a phrase, a range, a comparison, `*`, or a plain / wildcard value. */
  private parseValue(field: string, column: number): QueryNode {
    const char = this.peek();
    if (char === '"') return { kind: 'term', field, value: this.readPhrase(), phrase: true, column };
    if (char === '[' || char === '{') return this.parseRange(field, column);
    const comparison = /^(>=|<=|>|<)/.exec(this.text.slice(this.position, this.position + 2));
    if (comparison) {
      const operator = comparison[1] as string;
      this.position += operator.length;
      const bound = this.readWord(valueStops);
      if (bound.value === '' || bound.glob) throw new QueryError(`expected a value after '${field}:${operator}'`, bound.column);
      const inclusive = operator.length === 2;
      return operator.startsWith('>')
        ? { kind: 'range', field, low: bound.value, includeLow: inclusive, includeHigh: true, column }
        : { kind: 'range', field, high: bound.value, includeLow: true, includeHigh: inclusive, column };
    }
    const word = this.readWord(valueStops);
    if (word.value === '' && !word.glob) throw new QueryError(`expected a value after '${field}:'`, word.column);
    if (isMatchAll(word)) return { kind: 'exists', field, column };
    return { kind: 'term', field, value: word.value, phrase: false, ...(word.glob ? { glob: word.glob } : {}), column };
  }

  private parseRange(field: string, column: number): QueryNode {
    const open = this.position;
    const includeLow = this.peek() === '[';
    this.position += 1;
    this.skipSpace();
    const low = this.readRangeBound();
    this.skipSpace();
    if (!this.text.startsWith('TO', this.position)) throw new QueryError("expected 'TO' in a range like [a TO b]", this.column());
    this.position += 2;
    this.skipSpace();
    const high = this.readRangeBound();
    this.skipSpace();
    const close = this.peek();
    if (close !== ']' && close !== '}') throw new QueryError("range is never closed with ']' or '}'", this.column(open));
    this.position += 1;
    if (low === undefined && high === undefined) return { kind: 'exists', field, column };
    return {
      kind: 'range',
      field,
      ...(low === undefined ? {} : { low }),
      ...(high === undefined ? {} : { high }),
      includeLow,
      includeHigh: close === ']',
      column,
    };
  }

  /** A range bound; `*` is open. */
  private readRangeBound(): string | undefined {
    if (this.peek() === '"') return this.readPhrase();
    const word = this.readWord(rangeStops);
    if (isMatchAll(word)) return undefined;
    if (word.value === '' || word.glob) throw new QueryError('expected a range bound (a value or *)', word.column);
    return word.value;
  }

  private readPhrase(): string {
    const open = this.position;
    this.position += 1;
    let value = '';
    while (!this.atEnd()) {
      const char = this.text[this.position] as string;
      if (char === '\\' && this.position + 1 < this.text.length) {
        value += this.text[this.position + 1];
        this.position += 2;
        continue;
      }
      if (char === '"') {
        this.position += 1;
        return value;
      }
      value += char;
      this.position += 1;
    }
    throw new QueryError('phrase is never closed with \'"\'', this.column(open));
  }

  /** Reads a word up to a stop character; `\x` escapes any character; unescaped `*` and `?` are wildcards. */
  private readWord(stops: Set<string>): Word {
    const column = this.column();
    let value = '';
    const parts: GlobPart[] = [];
    let literal = '';
    let wild = false;
    while (!this.atEnd()) {
      const char = this.text[this.position] as string;
      if (char === '\\') {
        const next = this.text[this.position + 1];
        if (next === undefined) throw new QueryError('a backslash ends the query', this.column());
        value += next;
        literal += next;
        this.position += 2;
        continue;
      }
      if (stops.has(char)) break;
      if (char === '*' || char === '?') {
        wild = true;
        if (literal !== '') parts.push({ text: literal });
        literal = '';
        parts.push({ wildcard: char });
      } else {
        literal += char;
      }
      value += char;
      this.position += 1;
    }
    if (literal !== '') parts.push({ text: literal });
    return wild ? { value, glob: parts, column } : { value, column };
  }
}

const valueStops = new Set([' ', '\t', '\n', '\r', '(', ')', '"']);
const rangeStops = new Set([' ', '\t', '\n', '\r', ']', '}']);

function isMatchAll(word: Word): boolean {
  return word.glob !== undefined && word.glob.length === 1 && 'wildcard' in (word.glob[0] as GlobPart) && word.value === '*';
}
