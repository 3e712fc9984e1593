// Field suggestions: which word is a field being typed, which fields match it, and what inserting one leaves in the box.
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../search/parser';
import { fieldTokenAt, insertField, suggestFields, withSeenFields, type FieldChoice } from './suggest';

const at = (query: string) => fieldTokenAt(query, query.length);

describe('fieldTokenAt', () => {
  it('finds the word ending at the caret where a field may begin', () => {
    expect(at('dst')).toEqual({ start: 0, text: 'dst' });
    expect(at('action:REJECT AND dstp')).toEqual({ start: 18, text: 'dstp' });
    expect(at('(srcip:10.0.0.1 OR vpcflow.tcp')).toEqual({ start: 19, text: 'vpcflow.tcp' });
    expect(at('NOT (aws.log')).toEqual({ start: 5, text: 'aws.log' });
    expect(fieldTokenAt('dstport:22 AND src', 18)).toEqual({ start: 15, text: 'src' });
  });

  it('is undefined for values, phrases, ranges, mid-word carets and empty words', () => {
    expect(at('dstport:22')).toBeUndefined();
    expect(at('http.uri:/api/lo')).toBeUndefined();
    expect(at('message:"failed log')).toBeUndefined();
    expect(at('message:"say \\"hi\\" to src')).toBeUndefined();
    expect(at('bytes:[100 TO 20')).toBeUndefined();
    expect(fieldTokenAt('dstport', 3)).toBeUndefined();
    expect(at('action:REJECT AND ')).toBeUndefined();
    expect(at('')).toBeUndefined();
  });

  it('finds a field again after a closed phrase or range', () => {
    expect(at('message:"a b" AND sev')).toEqual({ start: 18, text: 'sev' });
    expect(at('bytes:[1 TO 5] OR pack')).toEqual({ start: 18, text: 'pack' });
  });
});

const catalog: FieldChoice[] = [
  { name: 'srcip', description: 'source address', indices: ['syslog', 'traffic'] },
  { name: 'dstport', description: 'destination port', indices: ['traffic'] },
  { name: 'dstip', description: 'destination address', indices: ['traffic'] },
  { name: 'vpcflow.tcp_flags', description: 'VPC Flow field tcp-flags', indices: ['traffic'] },
  { name: 'tcp_flag_names', description: 'TCP flags', indices: ['traffic'] },
  { name: 'http.uri', description: 'WAF: request URI', indices: ['syslog'] },
];

describe('suggestFields', () => {
  it('puts names that start with the word first, then dotted parts that do, each alphabetical', () => {
    expect(suggestFields(catalog, 'dst', ['traffic']).map((f) => f.name)).toEqual(['dstip', 'dstport']);
    expect(suggestFields(catalog, 'TCP', ['traffic']).map((f) => f.name)).toEqual(['tcp_flag_names', 'vpcflow.tcp_flags']);
  });

  it('offers only fields of the chosen indices, and at most the limit', () => {
    expect(suggestFields(catalog, 'dst', ['syslog'])).toEqual([]);
    expect(suggestFields(catalog, 'http', ['syslog']).map((f) => f.name)).toEqual(['http.uri']);
    expect(suggestFields(catalog, '', ['traffic', 'syslog'], 3)).toHaveLength(3);
  });
});

describe('insertField', () => {
  it('replaces the word with field: and puts the caret after the colon, leaving a query the parser reads', () => {
    const query = 'action:REJECT AND dstp OR srcip:10.0.0.1';
    const token = fieldTokenAt(query, 22) as { start: number; text: string };
    const inserted = insertField(query, token, 'dstport');
    expect(inserted).toEqual({ query: 'action:REJECT AND dstport: OR srcip:10.0.0.1', caret: 26 });
    const completed = `${inserted.query.slice(0, inserted.caret)}22${inserted.query.slice(inserted.caret)}`;
    expect(parseQuery(completed)).toMatchObject({ kind: 'or' });
  });
});

describe('withSeenFields', () => {
  it('adds fields seen in results that the catalog lacks, with the indices they were seen in', () => {
    const merged = withSeenFields(catalog, [
      { field: 'srcip', index: 'traffic' },
      { field: 'guardduty.resource.instance_type', index: 'syslog' },
      { field: 'guardduty.resource.instance_type', index: 'syslog' },
    ]);
    expect(merged.slice(0, catalog.length)).toEqual(catalog);
    expect(merged.slice(catalog.length)).toEqual([{ name: 'guardduty.resource.instance_type', description: 'in these results', indices: ['syslog'] }]);
  });
});
