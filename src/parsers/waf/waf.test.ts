// Behaviour of the WAF parser on the cases a SIEM user relies on and on bad input: one record each, message kept, problems named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeWaf, parseWaf } from './index.js';

const samples = readFileSync(new URL('./testdata/awsdocs.input.ndjson', import.meta.url), 'utf8').split('\n').filter((line) => line !== '');
const blockSample = samples[0] ?? '';

function parse(message: string) {
  return parseWaf({ timestamp: 1700000000000, message }, {});
}

function withChanges(changes: Record<string, unknown>): string {
  return JSON.stringify({ ...(JSON.parse(blockSample) as Record<string, unknown>), ...changes });
}

describe('parseWaf', () => {
  it('reads the documented BLOCK example into the contract fields', () => {
    const record = parse(blockSample);
    expect(record.parse_error).toBeUndefined();
    expect(record).toMatchObject({
      msg_class: 'aws_cloudwatch_waf',
      msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'waf' },
      index: 'syslog',
      srcip: '1.1.1.1',
      action: 'BLOCK',
      http: { method: 'GET', uri: '/myUri', host: 'localhost:1989', version: 'HTTP/1.1', user_agent: 'curl/7.61.1', country: 'AU', request_id: 'rid' },
      waf: { terminating_rule_id: 'STMTest_SQLi_XSS', terminating_rule_type: 'REGULAR', labels: ['value'], webacl_name: 'STMTest' },
    });
  });

  it('keeps the CloudWatch event time as timestamp and WAF’s own time in waf.timestamp', () => {
    const record = parse(blockSample);
    expect(record.timestamp).toBe(1700000000000);
    expect((record.waf as { timestamp: number }).timestamp).toBe(1576280412771);
  });

  it('lets the context’s account and Region win over the web ACL ARN', () => {
    const record = parseWaf({ timestamp: 1, message: blockSample }, { region: 'eu-central-1', accountId: '999999999999' });
    expect(record.aws).toEqual({ region: 'eu-central-1', account_id: '999999999999' });
  });

  it('flags COUNT as a top-level action instead of passing it off as terminating', () => {
    const record = parse(withChanges({ action: 'COUNT' }));
    expect(record.action).toBe('COUNT');
    expect(record.parse_error).toMatch(/action: "COUNT" is not a terminating WAF action/);
  });

  it('names each missing required field and still carries what it could read', () => {
    const document = JSON.parse(blockSample) as Record<string, unknown>;
    delete document.webaclId;
    delete document.action;
    const record = parse(JSON.stringify(document));
    expect(record.parse_error).toBe('missing field action; missing field webaclId');
    expect(record.srcip).toBe('1.1.1.1');
    expect((record.http as { user_agent: string }).user_agent).toBe('curl/7.61.1');
  });

  it('reports wrong types with their paths', () => {
    expect(parse(withChanges({ httpRequest: 5 })).parse_error).toBe('httpRequest: expected an object, got number');
    expect(parse(withChanges({ labels: 'x', timestamp: '1576280412771' })).parse_error).toBe('timestamp: expected an integer, got string; labels: expected an array, got string');
    const badHeader = parse(withChanges({ httpRequest: { clientIp: '1.1.1.1', headers: [7, { name: 'User-Agent', value: 'ua' }] } }));
    expect(badHeader.parse_error).toBe('httpRequest.headers[0]: expected an object, got number');
    expect((badHeader.http as { user_agent: string }).user_agent).toBe('ua');
  });

  it('reports an out-of-range number rather than storing Infinity', () => {
    const message = blockSample.replace('"timestamp":1576280412771', '"timestamp":1e400').replace('"formatVersion":1', '"formatVersion":1e400');
    const record = parse(message);
    expect(record.parse_error).toBe('timestamp: expected an integer, got a number out of range; formatVersion: expected an integer, got a number out of range');
    expect(record.message).toBe(message);
    expect(JSON.stringify(record)).not.toContain('null');
  });

  it('turns unreadable messages into one record with parse_error and the message byte for byte', () => {
    const cases = [
      blockSample.slice(0, 100),
      '',
      'GET /index.html 200',
      '[1,2,3]',
      '{"webaclId":"x","httpRequest":{"clientIp":"1.1.1.1\u0001"}}',
      `${blockSample.slice(0, 50)}\ufffd\ufffd${blockSample.slice(50)}`,
      '\ud800{"lone":"surrogate"}',
    ];
    for (const message of cases) {
      const record = parse(message);
      expect(record.message).toBe(message);
      expect(record.parse_error).toEqual(expect.any(String));
      expect(record.msg_class).toBe('aws_cloudwatch_waf');
    }
    expect(parse('').parse_error).toBe('empty message: expected a JSON object');
    expect(parse('[1,2,3]').parse_error).toBe('expected a JSON object, got array');
    expect(parse(blockSample.slice(0, 100)).parse_error).toMatch(/^invalid JSON: /);
  });

  it('reads valid JSON of another family as a WAF record missing its fields', () => {
    const guardDuty = '{"version":"0","detail-type":"GuardDuty Finding","source":"aws.guardduty","detail":{"severity":5}}';
    expect(parse(guardDuty).parse_error).toBe('missing field action; missing field httpRequest; missing field webaclId');
  });

  it('handles a 1 MB header value without copying or truncating the message', () => {
    const huge = 'A'.repeat(1024 * 1024);
    const message = withChanges({ httpRequest: { clientIp: '203.0.113.1', headers: [{ name: 'User-Agent', value: huge }] } });
    const record = parse(message);
    expect(record.parse_error).toBeUndefined();
    expect(record.message).toBe(message);
    expect((record.http as { user_agent: string }).user_agent).toHaveLength(1024 * 1024);
  });

  it('keeps attacker-chosen header names out of field names', () => {
    const record = parse(withChanges({ httpRequest: { clientIp: '1.1.1.1', headers: [{ name: '__proto__', value: 'x' }, { name: 'a.b', value: 'y' }] } }));
    expect(record.parse_error).toBeUndefined();
    expect((record.http as { headers: unknown[] }).headers).toEqual([{ name: '__proto__', value: 'x' }, { name: 'a.b', value: 'y' }]);
    expect(Object.getPrototypeOf(record.http)).toBe(Object.prototype);
  });
});

describe('looksLikeWaf', () => {
  it('recognises every documented example and rejects other families', () => {
    for (const sample of samples) expect(looksLikeWaf(sample)).toBe(true);
    expect(looksLikeWaf('2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK')).toBe(false);
    expect(looksLikeWaf('{"detail-type":"GuardDuty Finding","source":"aws.guardduty"}')).toBe(false);
    // A container line quoting a WAF log, or a finding whose strings mention the keys, is not WAF.
    expect(looksLikeWaf(JSON.stringify({ log: blockSample, stream: 'stdout' }))).toBe(false);
    expect(looksLikeWaf('{"detail":{"title":"webaclId","description":"httpRequest"}}')).toBe(false);
  });
});
