// Behaviour of the container/generic reader that analysts rely on: which fields appear, and how bad input is reported.
import { describe, expect, it } from 'vitest';
import { containerMessageTimestamp, looksLikeContainer, parseContainer, parseGeneric, parseLogfmt } from './index.js';
import { parseTimeMilliseconds } from './values.js';

const auditStream = 'kube-apiserver-audit-0123456789abcdef0123456789abcdef';
const eksContext = { logGroup: '/aws/eks/prod/cluster' };

function audit(overrides: Record<string, unknown>): string {
  return JSON.stringify({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', verb: 'get', user: { username: 'alice' }, sourceIPs: ['198.51.100.1'], ...overrides });
}

describe('EKS audit events', () => {
  it('takes srcip from the first source IP only when it is an address', () => {
    const good = parseContainer({ timestamp: 1, message: audit({ sourceIPs: ['198.51.100.1', '10.0.0.1'] }), logStreamName: auditStream }, eksContext);
    expect(good.srcip).toBe('198.51.100.1');
    expect(good.k8s).toMatchObject({ verb: 'get', user: 'alice', source_ips: ['198.51.100.1', '10.0.0.1'] });
    const bad = parseContainer({ timestamp: 1, message: audit({ sourceIPs: ['not-an-ip; DROP TABLE'] }), logStreamName: auditStream }, eksContext);
    expect(bad.srcip).toBeUndefined();
    expect(bad.k8s).toMatchObject({ source_ips: ['not-an-ip; DROP TABLE'] });
  });

  it('reports wrong types in the fields an audit event must have, and keeps the rest', () => {
    const record = parseContainer({ timestamp: 1, message: audit({ verb: 7, user: 'alice', responseStatus: { code: 'two hundred' }, stageTimestamp: 'yesterday' }) }, eksContext);
    expect(record.parse_error).toContain('verb is missing or not a string');
    expect(record.parse_error).toContain('user is missing or not an object');
    expect(record.parse_error).toContain('responseStatus.code is not an integer');
    expect(record.parse_error).toContain('stageTimestamp is not an RFC 3339 time');
    expect(record.srcip).toBe('198.51.100.1');
  });

  it('marks a non-JSON line on an audit stream instead of passing it off as text', () => {
    const record = parseContainer({ timestamp: 1, message: 'hello', logStreamName: auditStream }, eksContext);
    expect(record.parse_error).toBe('k8s audit stream: message is not JSON');
    expect(record.message).toBe('hello');
  });

  it('gives the audit stage time as the message time', () => {
    const record = parseContainer({ timestamp: 1, message: audit({ stageTimestamp: '2024-06-01T10:00:00.5Z' }) }, {});
    expect(containerMessageTimestamp(record)).toBe(Date.UTC(2024, 5, 1, 10, 0, 0, 500));
  });
});

describe('times', () => {
  it('reads RFC 3339 with zones and fractions, and zone-less times as UTC', () => {
    expect(parseTimeMilliseconds('2024-11-13T18:34:10.595141Z')).toBe(Date.UTC(2024, 10, 13, 18, 34, 10, 595));
    expect(parseTimeMilliseconds('2024-11-13 18:34:10.595141000')).toBe(Date.UTC(2024, 10, 13, 18, 34, 10, 595));
    expect(parseTimeMilliseconds('2024-11-13T20:34:10+02:00')).toBe(Date.UTC(2024, 10, 13, 18, 34, 10));
    expect(parseTimeMilliseconds('2024-13-13T20:34:10Z')).toBeUndefined();
    expect(parseTimeMilliseconds('13/11/2024')).toBeUndefined();
  });
});

describe('logfmt', () => {
  it('reads quoted values with escapes and rejects what is not logfmt', () => {
    expect(parseLogfmt('a=1 b="x \\"y\\" z" c=')).toEqual(new Map([['a', '1'], ['b', 'x "y" z'], ['c', '']]));
    expect(parseLogfmt('just words')).toBeUndefined();
    expect(parseLogfmt('a="unterminated')).toBeUndefined();
  });

  it('does not treat an ordinary line that starts with time= as an authenticator line', () => {
    const record = parseContainer({ timestamp: 1, message: 'time=now level=warn msg="disk low"' }, {});
    expect(record).toMatchObject({ level: 'warn', log: 'disk low' });
    expect(record.authenticator).toBeUndefined();
  });
});

describe('awslogs and generic lines', () => {
  it('names the container and task only from a stream that ends in a real task id', () => {
    const named = parseContainer({ timestamp: 1, message: 'GET /', logStreamName: 'web/nginx/3de392df6bfa470b97edaa6f482cd7a6' }, {});
    expect(named).toMatchObject({ container: { name: 'nginx' }, ecs: { task_id: '3de392df6bfa470b97edaa6f482cd7a6' } });
    const unnamed = parseContainer({ timestamp: 1, message: 'GET /', logStreamName: 'web/nginx/latest' }, {});
    expect(unnamed.container).toBeUndefined();
  });

  it('reports JSON that does not parse, keeps text as text', () => {
    expect(parseGeneric({ timestamp: 1, message: '{"level":"info",' }, {}).parse_error).toMatch(/^invalid JSON/);
    expect(parseGeneric({ timestamp: 1, message: '[1,2]' }, {}).parse_error).toBeUndefined();
    expect(parseGeneric({ timestamp: 1, message: '{"a":[1]}' }, {}).parse_error).toBeUndefined();
    expect(parseGeneric({ timestamp: 1, message: ' {1}' }, {}).parse_error).toMatch(/^invalid JSON/);
  });

  it('does not let a __proto__ key change the record', () => {
    const record = parseContainer({ timestamp: 1, message: '{"Version":"0","Type":"Node","ClusterName":"c","__proto__":{"polluted":1},"kubernetes":{"labels":{"__proto__":"x"}}}' }, {});
    expect(Object.getPrototypeOf(record.container_insights)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('looksLikeContainer', () => {
  it('recognises container streams and messages by substrings and leaves others alone', () => {
    expect(looksLikeContainer('x', auditStream)).toBe(true);
    expect(looksLikeContainer('x', 'web/nginx/3de392df6bfa470b97edaa6f482cd7a6')).toBe(true);
    expect(looksLikeContainer('{"log":"x","ecs_task_arn":"arn"}')).toBe(true);
    expect(looksLikeContainer('I0907 20:37:30.123456      10 a.go:1] x')).toBe(true);
    expect(looksLikeContainer('{"level":"info"}')).toBe(false);
    expect(looksLikeContainer('hello world', 'i-0123')).toBe(false);
  });
});

describe('time edge cases', () => {
  it('reads one- to nine-digit fractions and both offset spellings, and rejects the rest', () => {
    expect(parseTimeMilliseconds('2024-06-01T10:00:00.5Z')).toBe(Date.UTC(2024, 5, 1, 10, 0, 0, 500));
    expect(parseTimeMilliseconds('2024-06-01t10:00:00.123456789z')).toBe(Date.UTC(2024, 5, 1, 10, 0, 0, 123));
    expect(parseTimeMilliseconds('2024-06-01T10:00:00-0130')).toBe(Date.UTC(2024, 5, 1, 11, 30, 0));
    for (const bad of ['2024-06-01T10:00:00.Z', '2024-06-01T10:00:00.1234567890Z', '2024-06-01T10:00:00+1', '2024-06-01T10:00:00 Z', '2024-06-01X10:00:00Z', '2024-06-01T24:00:00Z']) {
      expect(parseTimeMilliseconds(bad)).toBeUndefined();
    }
  });
});
