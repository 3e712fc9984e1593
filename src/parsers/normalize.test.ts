import { describe, expect, it } from 'vitest';
import { baseRecord } from './normalize.js';

describe('baseRecord', () => {
  const event = { timestamp: 1700000000000, ingestionTime: 1700000001000, message: 'hello', eventId: '123', logStreamName: 's1' };

  it('classifies each family as the product document says', () => {
    expect(baseRecord(event, {}, 'vpcflow')).toMatchObject({ msg_class: 'aws_cloudwatch_vpcflow', index: 'traffic', msg_origin: { source: 'aws_cloudwatch', category: 'paas' } });
    expect(baseRecord(event, {}, 'waf')).toMatchObject({ msg_class: 'aws_cloudwatch_waf', index: 'syslog', msg_origin: { category: 'waf' } });
    expect(baseRecord(event, {}, 'guardduty')).toMatchObject({ msg_class: 'aws_guardduty', index: 'syslog', msg_origin: { source: 'aws_guardduty' } });
    expect(baseRecord(event, {}, 'container')).toMatchObject({ msg_class: 'aws_cloudwatch_log', index: 'syslog' });
  });

  it('carries the known common fields and omits the unknown ones', () => {
    const record = baseRecord(event, { region: 'us-west-2', logGroup: 'vpc-flow', tenant: 'acme' }, 'generic');
    expect(record).toEqual({
      timestamp: 1700000000000,
      ingest_time: 1700000001000,
      msg_class: 'aws_cloudwatch_log',
      msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' },
      index: 'syslog',
      log_family: 'generic',
      tenant_name: 'acme',
      aws: { region: 'us-west-2', log_group: 'vpc-flow', log_stream: 's1', event_id: '123' },
      message: 'hello',
    });
    expect('connector' in record).toBe(false);
  });

  it('never shares the msg_origin object between records', () => {
    const a = baseRecord(event, {}, 'waf');
    a.msg_origin.category = 'paas';
    expect(baseRecord(event, {}, 'waf').msg_origin.category).toBe('waf');
  });
});
