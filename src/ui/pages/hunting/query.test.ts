// Threat Hunting's query helpers against the real query parser: clicked values match themselves, the URL round-trips.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../search/parser';
import { addClause, clauseFor, errorColumn, flattenRecord, hashFor, quoteValue, stateFromParams, timeBounds } from './query';

describe('clauses for clicked values', () => {
  it.each(['plain', 'say "hi"', 'back\\slash', 'a\\"b', '<img src=x onerror=alert(1)>', 'x OR y) AND (z', 'tab\there', '*wild?'])('quotes %j so the parser reads back the same value', (value) => {
    expect(parseQuery(clauseFor('http.uri', value))).toMatchObject({ kind: 'term', field: 'http.uri', value, phrase: true });
  });

  it('quotes numbers and booleans as phrases the parser accepts', () => {
    expect(quoteValue('443')).toBe('"443"');
    expect(parseQuery(clauseFor('dstport', 443))).toMatchObject({ field: 'dstport', value: '443' });
  });

  it('ANDs a clause onto the query, bracketing a top-level OR so AND does not bind to its last term', () => {
    expect(addClause('', 'a:"1"')).toBe('a:"1"');
    expect(addClause(' * ', 'a:"1"')).toBe('a:"1"');
    expect(addClause('action:REJECT', 'a:"1"')).toBe('action:REJECT AND a:"1"');
    const widened = addClause('action:REJECT OR action:ACCEPT', 'srcip:"10.0.0.1"');
    expect(widened).toBe('(action:REJECT OR action:ACCEPT) AND srcip:"10.0.0.1"');
    expect(parseQuery(widened)).toMatchObject({ kind: 'and', children: [{ kind: 'or' }, { kind: 'term', field: 'srcip' }] });
    // OR inside a phrase or parentheses, or as part of a word, is not a top-level OR.
    expect(addClause('message:"A OR B"', 'x:"1"')).toBe('message:"A OR B" AND x:"1"');
    expect(addClause('(a OR b) c', 'x:"1"')).toBe('(a OR b) c AND x:"1"');
    expect(addClause('ORACLE', 'x:"1"')).toBe('ORACLE AND x:"1"');
  });
});

describe('the search in the URL', () => {
  it('round-trips indices, query, range and tenant', () => {
    const state = { indices: ['traffic' as const], query: 'srcip:"10.0.0.1" AND x&y=#z', range: 'custom' as const, from: 1_700_000_000_000, to: 1_700_000_600_000, tenant: 'acme' };
    const hash = hashFor(state);
    expect(stateFromParams(new URLSearchParams(hash.split('?')[1]))).toEqual(state);
  });

  it('falls back to defaults for junk', () => {
    expect(stateFromParams(new URLSearchParams('indices=bogus&range=99y'))).toEqual({ indices: ['syslog', 'traffic'], query: '', range: '24h' });
  });

  it('slides preset ranges with the clock', () => {
    expect(timeBounds({ indices: ['syslog'], query: '', range: '15m' }, 1_000_000_000)).toEqual({ from: 1_000_000_000 - 900_000, to: 1_000_000_001 });
  });
});

describe('record fields and errors', () => {
  it('flattens nested fields to dotted names and arrays to one entry per scalar', () => {
    const fields = flattenRecord({ b: 1, aws: { region: 'us-east-1' }, waf: { labels: ['x', 'y'], rules: [{ id: 1 }] }, gone: null });
    expect(fields).toEqual([
      { field: 'aws.region', value: 'us-east-1', searchable: true },
      { field: 'b', value: 1, searchable: true },
      { field: 'waf.labels', value: 'x', searchable: true },
      { field: 'waf.labels', value: 'y', searchable: true },
      { field: 'waf.rules', value: '{"id":1}', searchable: false },
    ]);
  });

  it('does not offer values under names the query language cannot spell', () => {
    expect(flattenRecord({ 'x<img>': 'a', k8s: { 'user-agent': 'b' } })).toEqual([
      { field: 'k8s.user-agent', value: 'b', searchable: true },
      { field: 'x<img>', value: 'a', searchable: false },
    ]);
  });

  it('reads the column from the API message', () => {
    expect(errorColumn("query: '(' is never closed (at column 20)")).toBe(20);
    expect(errorColumn('query: is too long')).toBeUndefined();
  });
});
