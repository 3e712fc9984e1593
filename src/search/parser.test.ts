// The query parser: the AST for each construct of CONTRACT's language, and errors that point at the right column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CwcError } from '../core/errors.js';
import { QueryError } from './errors.js';
import { parseQuery } from './parser.js';

function errorOf(query: string): QueryError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`'${query}' parsed without an error`);
}

describe('parseQuery', () => {
  it('reads empty and * as everything', () => {
    expect(parseQuery('')).toEqual({ kind: 'all' });
    expect(parseQuery('  * ')).toEqual({ kind: 'all' });
  });

  it('reads fields, phrases, wildcards, ranges and comparisons', () => {
    expect(parseQuery('srcip:10.0.0.0/8')).toEqual({ kind: 'term', field: 'srcip', value: '10.0.0.0/8', phrase: false, column: 1 });
    expect(parseQuery('msg_origin.source:"aws guardduty"')).toMatchObject({ field: 'msg_origin.source', value: 'aws guardduty', phrase: true });
    expect(parseQuery('http.uri:/api/*')).toMatchObject({ glob: [{ text: '/api/' }, { wildcard: '*' }] });
    expect(parseQuery('http.uri:a\\*b')).toEqual({ kind: 'term', field: 'http.uri', value: 'a*b', phrase: false, column: 1 });
    expect(parseQuery('dstport:[1024 TO *}')).toEqual({ kind: 'range', field: 'dstport', low: '1024', includeLow: true, includeHigh: false, column: 1 });
    expect(parseQuery('bytes:>=1000')).toEqual({ kind: 'range', field: 'bytes', low: '1000', includeLow: true, includeHigh: true, column: 1 });
    expect(parseQuery('bytes:<5')).toEqual({ kind: 'range', field: 'bytes', high: '5', includeLow: true, includeHigh: false, column: 1 });
    expect(parseQuery('srcip:2001:db8::1')).toMatchObject({ field: 'srcip', value: '2001:db8::1' });
    expect(parseQuery('guardduty.id:*')).toEqual({ kind: 'exists', field: 'guardduty.id', column: 1 });
  });

  it('gives AND precedence over OR, reads implicit AND, NOT, - and field groups', () => {
    expect(parseQuery('a OR b c')).toEqual({
      kind: 'or',
      children: [
        { kind: 'term', value: 'a', phrase: false, column: 1 },
        { kind: 'and', children: [{ kind: 'term', value: 'b', phrase: false, column: 6 }, { kind: 'term', value: 'c', phrase: false, column: 8 }] },
      ],
    });
    expect(parseQuery('NOT action:REJECT')).toEqual({ kind: 'not', child: { kind: 'term', field: 'action', value: 'REJECT', phrase: false, column: 5 } });
    expect(parseQuery('-action:REJECT')).toMatchObject({ kind: 'not' });
    expect(parseQuery('(a || b) && !c')).toMatchObject({ kind: 'and', children: [{ kind: 'or' }, { kind: 'not' }] });
    expect(parseQuery('dstport:(22 OR 3389)')).toMatchObject({ kind: 'or', children: [{ field: 'dstport', value: '22' }, { field: 'dstport', value: '3389' }] });
    expect(parseQuery('ORACLE ANDROID NOTE')).toMatchObject({ kind: 'and', children: [{ value: 'ORACLE' }, { value: 'ANDROID' }, { value: 'NOTE' }] });
  });

  it('points at the column of a malformed query', () => {
    expect(errorOf('srcip:10.0.0.1 AND (dstport:22').column).toBe(20);
    expect(errorOf('action:ACCEPT)').column).toBe(14);
    expect(errorOf('message:"unterminated').column).toBe(9);
    expect(errorOf('a);DROP TABLE x;--:1').column).toBe(2);
    expect(errorOf('dstport:[1 10]').message).toMatch(/expected 'TO'.*column 12/);
    expect(errorOf('srcip: 10.0.0.1').message).toMatch(/expected a value after 'srcip:'/);
    expect(errorOf('a AND').message).toMatch(/ends where a term was expected/);
    expect(errorOf('1bad:x').message).toMatch(/'1bad' is not a valid field name.*column 1/);
    expect(errorOf('()').message).toMatch(/empty parentheses/);
    expect(errorOf('x'.repeat(10_001)).message).toMatch(/limit is 10000/);
    expect(errorOf('('.repeat(100) + 'a' + ')'.repeat(100)).message).toMatch(/nests deeper/);
  });

  it('never throws anything but a 400 QueryError, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: fc.constantFrom(...'ab:*?"()[]{}\\ -!|&<>=/.TOANDRNO 1'.split('')) }), (query) => {
        try {
          parseQuery(query);
        } catch (error) {
          expect(error).toBeInstanceOf(CwcError);
          expect((error as CwcError).status).toBe(400);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
