// compileMatcher: each construct of the query language on hand-made records, bad queries, and hostile record content.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterflowRecord } from '../core/record.js';
import { QueryError } from '../search/errors.js';
import { compileMatcher } from './matcher.js';

const flow: InterflowRecord = {
  timestamp: Date.parse('2026-01-01T00:00:05Z'),
  msg_class: 'aws_cloudwatch_vpcflow',
  msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' },
  index: 'traffic',
  log_family: 'vpcflow',
  tenant_name: 'acme',
  aws: { region: 'us-east-1', account_id: '123456789012', log_group: 'vpc-flow', event_id: 'e1' },
  message: '2 123456789012 eni-0a1b 10.1.2.3 192.168.0.9 49152 443 6 10 8000 1767225600 1767225660 REJECT OK',
  srcip: '10.1.2.3', dstip: '192.168.0.9', srcport: 49152, dstport: 443, proto: 6, proto_name: 'tcp', action: 'REJECT', packets: 10, bytes: 8000,
  vpcflow: { tcp_flags: 2, flow_direction: 'ingress' },
};

const waf: InterflowRecord = {
  timestamp: Date.parse('2026-01-01T00:00:07Z'),
  msg_class: 'aws_cloudwatch_waf',
  msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'waf' },
  index: 'syslog',
  log_family: 'waf',
  aws: { log_group: 'aws-waf-logs-x' },
  message: '{"action":"BLOCK","httpRequest":{"clientIp":"2001:db8::7","uri":"/Login.php?user=admin"}}',
  srcip: '2001:db8::7', action: 'BLOCK',
  http: { method: 'POST', uri: '/Login.php', host: 'shop.example' },
  waf: { labels: ['awswaf:managed:aws:bot-control:bot:category:http_library', 'awswaf:clientip:geo:country:DE'], response_code_sent: 403 },
  severity: 7.5,
};

const matches = (query: string, record: InterflowRecord) => compileMatcher(query)(record);

describe('compileMatcher', () => {
  it('matches everything on an empty query and *', () => {
    expect(matches('', flow)).toBe(true);
    expect(matches('*', waf)).toBe(true);
  });

  it('compares keyword fields exactly and case-sensitively, dotted fields reach nested values', () => {
    expect(matches('action:REJECT', flow)).toBe(true);
    expect(matches('action:reject', flow)).toBe(false);
    expect(matches('vpcflow.flow_direction:ingress', flow)).toBe(true);
    expect(matches('msg_origin.category:waf', waf)).toBe(true);
    expect(matches('http.host:"shop.example"', waf)).toBe(true);
    expect(matches('vpcflow.tcp_flags:2', flow)).toBe(true);
  });

  it('matches any element of an array field', () => {
    expect(matches('waf.labels:"awswaf:clientip:geo:country:DE"', waf)).toBe(true);
    expect(matches('waf.labels:awswaf\\:clientip*', waf)).toBe(true);
    expect(matches('waf.labels:DE', waf)).toBe(false);
  });

  it('applies wildcards to the whole value: * any run, ? one character', () => {
    expect(matches('http.uri:/Login*', waf)).toBe(true);
    expect(matches('http.uri:*.php', waf)).toBe(true);
    expect(matches('http.method:P?ST', waf)).toBe(true);
    expect(matches('http.method:P?T', waf)).toBe(false);
    expect(matches('proto_name:t*', flow)).toBe(true);
  });

  it('evaluates ranges and comparisons on numbers and times', () => {
    expect(matches('dstport:[1 TO 1023]', flow)).toBe(true);
    expect(matches('dstport:{443 TO 1023]', flow)).toBe(false);
    expect(matches('bytes:>=8000', flow)).toBe(true);
    expect(matches('bytes:>8000', flow)).toBe(false);
    expect(matches('severity:[7 TO 8]', waf)).toBe(true);
    expect(matches('timestamp:[2026-01-01T00:00:00Z TO 2026-01-01T00:00:06Z]', flow)).toBe(true);
    expect(matches('timestamp:[2026-01-01T00:00:00Z TO 2026-01-01T00:00:06Z]', waf)).toBe(false);
    expect(matches('dstport:443', flow)).toBe(true);
    expect(matches('dstport:443.0', flow)).toBe(true);
  });

  it('matches IP fields exactly or by CIDR, IPv4 and IPv6, and never as text', () => {
    expect(matches('srcip:10.0.0.0/8', flow)).toBe(true);
    expect(matches('srcip:10.1.2.3', flow)).toBe(true);
    expect(matches('dstip:10.0.0.0/8', flow)).toBe(false);
    expect(matches('srcip:2001:db8::/32', waf)).toBe(true);
    expect(matches('srcip:2001:db8::/32', flow)).toBe(false);
    expect(matches('srcip:0.0.0.0/0', waf)).toBe(false);
    expect(matches('srcip:[10.1.0.0 TO 10.2.0.0]', flow)).toBe(true);
  });

  it('reads bare words as full text over message: substrings on traffic, FTS5-like tokens on syslog', () => {
    expect(matches('eni-0a1b', flow)).toBe(true);
    expect(matches('reject', flow)).toBe(true);
    expect(matches('0a1', flow)).toBe(true); // a substring scan on traffic, as the store does
    expect(matches('login', waf)).toBe(true); // token, case folded
    expect(matches('logi', waf)).toBe(false); // not a whole token on syslog
    expect(matches('logi*', waf)).toBe(true);
    expect(matches('"user admin"', waf)).toBe(true); // phrase of consecutive tokens
    expect(matches('"admin user"', waf)).toBe(false);
    expect(matches('message:BLOCK', waf)).toBe(true);
  });

  it('combines with AND, OR, NOT and parentheses; NOT keeps records lacking the field', () => {
    expect(matches('action:REJECT AND dstport:443', flow)).toBe(true);
    expect(matches('action:REJECT AND NOT dstport:443', flow)).toBe(false);
    expect(matches('action:ACCEPT OR (dstport:443 -proto:17)', flow)).toBe(true);
    expect(matches('NOT http.method:GET', flow)).toBe(true);
    expect(matches('NOT http.method:*', flow)).toBe(true);
    expect(matches('http.method:*', waf)).toBe(true);
    expect(matches('action:(ACCEPT OR REJECT)', flow)).toBe(true);
  });

  it('follows the store where its columns shape the answer', () => {
    // Records without a tenant are stored under tenant '': `tenant_name:*` matches them, as a search does.
    expect(matches('tenant_name:*', waf)).toBe(true);
    expect(matches('tenant_name:""', waf)).toBe(true);
    expect(matches('tenant_name:acme', flow)).toBe(true);
    // json_each over an object yields its scalar members.
    expect(matches('http:POST', waf)).toBe(true);
    // A number-looking value matches the JSON number on text fields; ports only match integers.
    expect(matches('waf.response_code_sent:403', waf)).toBe(true);
    expect(matches('srcport:*', { ...flow, srcport: 1.5 })).toBe(false);
  });

  it('reads relative times once, when the matcher is built', () => {
    const now = flow.timestamp + 60_000;
    expect(compileMatcher('timestamp:>=now-2m', { now })(flow)).toBe(true);
    expect(compileMatcher('timestamp:>=now-30s', { now })(flow)).toBe(false);
  });

  it('rejects bad queries with a QueryError that carries the column', () => {
    const cases: Array<[string, number]> = [
      ['action:REJECT AND (dstport:443', 19],
      ['srcip:10.0.0.0/99', 1],
      ['dstport:abc', 1],
      ['bytes:[10 TO 1]', 1],
      ['action:REJECT )', 15],
    ];
    for (const [query, column] of cases) {
      let error: unknown;
      try {
        compileMatcher(query);
      } catch (caught) {
        error = caught;
      }
      expect(error, query).toBeInstanceOf(QueryError);
      expect((error as QueryError).column, query).toBe(column);
    }
  });

  it('never reaches Object.prototype through field names and survives hostile records', () => {
    const hostile = JSON.parse(
      '{"timestamp":1,"msg_class":"aws_cloudwatch_log","index":"syslog","log_family":"generic","aws":{},"message":"x",' +
        '"__proto__":{"polluted":"yes"},"constructor":{"x":"c"},"srcip":{"toString":"boom"},"dstport":"443"}',
    ) as InterflowRecord;
    expect(matches('__proto__.polluted:yes', hostile)).toBe(true);
    expect(matches('toString:*', hostile)).toBe(false);
    expect(matches('hasOwnProperty:*', flow)).toBe(false);
    expect(matches('constructor.x:c', hostile)).toBe(true);
    expect(matches('constructor.name:Object', flow)).toBe(false);
    expect(matches('srcip:10.0.0.0/8', hostile)).toBe(false);
    expect(matches('dstport:443', hostile)).toBe(false); // a string is not the integer column
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws on arbitrary JSON records and stays fast on huge strings', () => {
    const queries = ['action:REJECT', 'srcip:10.0.0.0/8', 'dstport:[1 TO 1023]', 'http.uri:*a*b*c*', 'foo AND NOT "bar baz"', 'waf.labels:x*', 'a.b.c:*'].map(
      (q) => compileMatcher(q),
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('syslog', 'traffic'), (value, index) => {
        const record = { ...(typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { action: value }), index, message: String(JSON.stringify(value)) };
        for (const match of queries) expect(typeof match(record as unknown as InterflowRecord)).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    const huge = { ...flow, index: 'syslog' as const, message: 'a'.repeat(5_000_000), http: { uri: 'a'.repeat(1_000_000) } };
    const start = performance.now();
    for (const match of queries) match(huge);
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});
