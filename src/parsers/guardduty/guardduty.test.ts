// Behaviour of the GuardDuty parser: severity bands, envelope vs bare finding, srcip choice, and bad input kept as one record.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeGuardDuty, parseGuardDuty, severityLabel } from './index.js';

const envelopeSample = readFileSync(new URL('./testdata/samples.input.ndjson', import.meta.url), 'utf8').trim();
const envelope = JSON.parse(envelopeSample) as { detail: Record<string, unknown> } & Record<string, unknown>;

function parse(message: string) {
  return parseGuardDuty({ timestamp: 1700000000000, message }, {});
}

function withDetail(changes: Record<string, unknown>): string {
  return JSON.stringify({ ...envelope, detail: { ...envelope.detail, ...changes } });
}

describe('severityLabel', () => {
  it('follows AWS’s bands, including Critical from 9.0', () => {
    expect([1, 3.9, 3.95, 4, 6.9, 7, 8.9, 9, 10].map(severityLabel)).toEqual(['low', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
    expect(severityLabel(0)).toBe('low');
    expect(severityLabel(10.5)).toBeUndefined();
    expect(severityLabel(-1)).toBeUndefined();
    expect(severityLabel(Number.NaN)).toBeUndefined();
  });
});

describe('parseGuardDuty', () => {
  it('reads the EventBridge envelope into the contract fields', () => {
    const record = parse(envelopeSample);
    expect(record.parse_error).toBeUndefined();
    expect(record).toMatchObject({
      msg_class: 'aws_guardduty',
      msg_origin: { source: 'aws_guardduty', vendor: 'aws', category: 'paas' },
      index: 'syslog',
      event_name: 'Recon:EC2/PortProbeUnprotectedPort',
      severity: 2,
      severity_label: 'low',
      srcip: '221.132.75.236',
      timestamp: 1700000000000,
      guardduty: {
        id: 'c0b069a09b9f39764cf3d9e44251e079',
        account_id: '726064622671',
        region: 'us-east-1',
        resource_type: 'Instance',
        action_type: 'PORT_PROBE',
        count: 1,
        first_seen: Date.parse('2018-01-08T00:43:49Z'),
        last_seen: Date.parse('2018-01-08T00:44:46Z'),
        resource: { instance_id: 'i-036cb01d26bb09166' },
        action: { remote_ips: ['221.132.75.236', '71.6.167.142'], local_ports: [22, 81] },
      },
    });
  });

  it('reads a bare finding the same way as the one inside the envelope', () => {
    const bare = parse(JSON.stringify(envelope.detail));
    const wrapped = parse(envelopeSample);
    const { detail_type: _type, event_id: _id, event_time: _time, ...wrappedFields } = wrapped.guardduty as Record<string, unknown>;
    expect(bare.parse_error).toBeUndefined();
    expect(bare.guardduty).toEqual(wrappedFields);
    expect(bare.srcip).toBe(wrapped.srcip);
  });

  it('rejects a string severity and an overflowing one, naming the field', () => {
    const text = parse(withDetail({ severity: 'high' }));
    expect(text.parse_error).toBe('detail.severity: expected a finite number, got string');
    expect(text.severity).toBeUndefined();
    expect(text.event_name).toBe('Recon:EC2/PortProbeUnprotectedPort');
    const message = envelopeSample.replace('"severity":2', '"severity":1e400');
    const overflow = parse(message);
    expect(overflow.parse_error).toBe('detail.severity: expected a finite number, got a number out of range');
    expect(overflow.message).toBe(message);
    expect(parse(withDetail({ severity: 11 })).parse_error).toBe("detail.severity: 11 is outside GuardDuty's 0–10 range");
  });

  it('names missing required fields and keeps what it could read', () => {
    const detail = { ...envelope.detail };
    delete detail.type;
    delete detail.severity;
    delete detail.id;
    const record = parse(JSON.stringify({ ...envelope, detail }));
    expect(record.parse_error).toBe('missing field detail.type; missing field detail.severity; missing field detail.id');
    expect(record.srcip).toBe('221.132.75.236');
    expect((record.guardduty as { title: string }).title).toMatch(/^Unprotected port/);
  });

  it('reports wrong types deep in the finding with their paths', () => {
    const service = { ...(envelope.detail.service as Record<string, unknown>), count: '1', eventFirstSeen: 'yesterday' };
    const record = parse(withDetail({ service, resource: 5 }));
    expect(record.parse_error).toBe('detail.resource: expected an object, got number; detail.service.count: expected an integer, got string; detail.service.eventFirstSeen: "yesterday" is not an ISO-8601 date-time');
  });

  it('flags an envelope from another source', () => {
    const record = parse(JSON.stringify({ ...envelope, source: 'aws.securityhub' }));
    expect(record.parse_error).toBe('source: "aws.securityhub" is not "aws.guardduty"');
  });

  it('reads valid JSON of another family as a GuardDuty record missing its fields', () => {
    const waf = '{"timestamp":1,"formatVersion":1,"webaclId":"arn:aws:wafv2:us-east-1:1:regional/webacl/a/b","action":"BLOCK","httpRequest":{"clientIp":"1.1.1.1"}}';
    expect(parse(waf).parse_error).toBe('missing field type; missing field severity; missing field id');
  });

  it('turns unreadable messages into one record with parse_error and the message byte for byte', () => {
    for (const message of [envelopeSample.slice(0, 300), '', 'null', '"text"', 'x'.repeat(1024 * 1024), `{"detail-type":"GuardDuty Finding","detail":{"type":"a\u0000b"}}`, `${envelopeSample.slice(0, 40)}\ufffd${envelopeSample.slice(40)}`]) {
      const record = parse(message);
      expect(record.message).toBe(message);
      expect(record.parse_error).toEqual(expect.any(String));
      expect(record.msg_class).toBe('aws_guardduty');
    }
  });

  it('reads a valid 1 MB finding whole', () => {
    const description = 'd'.repeat(1024 * 1024);
    const message = withDetail({ description });
    const record = parse(message);
    expect(record.parse_error).toBeUndefined();
    expect(record.message).toBe(message);
    expect((record.guardduty as { description: string }).description).toBe(description);
  });

  it('takes the Kubernetes source IP when the finding has no remote IP details', () => {
    const service = {
      ...(envelope.detail.service as Record<string, unknown>),
      action: { actionType: 'KUBERNETES_API_CALL', kubernetesApiCallAction: { verb: 'get', requestUri: '/api', sourceIPs: ['192.0.2.4', '10.0.0.1'] } },
    };
    const record = parse(withDetail({ service }));
    expect(record.srcip).toBe('192.0.2.4');
    expect((record.guardduty as { action: unknown }).action).toEqual({ verb: 'get', request_uri: '/api', source_ips: ['192.0.2.4', '10.0.0.1'] });
  });
});

describe('looksLikeGuardDuty', () => {
  it('recognises the envelope and the bare finding, not WAF or flow logs', () => {
    expect(looksLikeGuardDuty(envelopeSample)).toBe(true);
    expect(looksLikeGuardDuty(JSON.stringify(envelope.detail))).toBe(true);
    expect(looksLikeGuardDuty('{"webaclId":"arn:aws:wafv2:x","httpRequest":{}}')).toBe(false);
    expect(looksLikeGuardDuty('2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA')).toBe(false);
    expect(looksLikeGuardDuty(JSON.stringify({ ...envelope, detail: undefined }).replace(/":"/g, '" : "'))).toBe(true);
  });

  it('cannot be fooled by attacker text inside string values', () => {
    const waf = JSON.stringify({ webaclId: 'arn:aws:wafv2:us-east-1:1:regional/webacl/a/b', httpRequest: { clientIp: '1.1.1.1', uri: '/arn:aws:guardduty:x', headers: [{ name: 'x', value: 'aws.guardduty' }, { name: 'source', value: '"source":"aws.guardduty"' }, { name: 'schemaVersion', value: '"arn":"arn:aws:guardduty:us-east-1:1:detector/d/finding/f","schemaVersion":"2.0"' }] } });
    expect(looksLikeGuardDuty(waf)).toBe(false);
  });
});
