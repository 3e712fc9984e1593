// Detection order (checkmark, log group, content) and the entry point's promise: one record per event, in its family.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CloudWatchEvent, LogFamily, ParseContext } from '../core/record.js';
import { classificationByFamily, detectFamily, messageTimestamp, parseEvent, parseEvents } from './index.js';

const samplesUrl = new URL('../../../shared/samples/', import.meta.url);
const sample = (path: string) => readFileSync(new URL(path, samplesUrl), 'utf8');
const lines = (path: string) => sample(path).split('\n').filter((line) => line.trim() !== '');

const waf = lines('waf/awsdocs/all-examples.minified.ndjson');
const guardDuty = JSON.stringify(JSON.parse(sample('guardduty/eventbridge-Recon-EC2-PortProbeUnprotectedPort.security_monkey.json')));
const vpc = lines('vpcflow/awsdocs/default-v2-examples.log');
const audit = lines('eks/panther-eks-audit-anonymous-webscanner.ndjson');
const containerInputs = (JSON.parse(readFileSync(new URL('./container/testdata/inputs.json', import.meta.url), 'utf8')) as Array<{ event: CloudWatchEvent }>).map(
  (golden) => golden.event.message,
);

const at = (message: string, logStreamName?: string): CloudWatchEvent => ({ timestamp: 1_700_000_000_000, message, ...(logStreamName ? { logStreamName } : {}) });

describe('detectFamily', () => {
  it('lets the VPC Flow checkmark win over the log group and the content', () => {
    expect(detectFamily(at(waf[0]!), { vpcFlowLogs: true, logGroup: 'aws-waf-logs-x' })).toBe('vpcflow');
  });

  it('uses log group naming next', () => {
    expect(detectFamily(at('anything'), { logGroup: 'aws-waf-logs-prod' })).toBe('waf');
    expect(detectFamily(at(guardDuty), { logGroup: '/aws/events/guardduty' })).toBe('guardduty');
    expect(detectFamily(at('{"source":"aws.ec2"}'), { logGroup: '/aws/events/guardduty' })).toBe('generic');
    for (const logGroup of ['/aws/eks/prod/cluster', '/ecs/web', '/aws/containerinsights/prod/application', '/aws/ecs/containerinsights/c/performance']) {
      expect(detectFamily(at(waf[0]!), { logGroup })).toBe('container');
    }
  });

  it('sniffs the content last', () => {
    expect(detectFamily(at(waf[1]!), { logGroup: 'my-logs' })).toBe('waf');
    expect(detectFamily(at(guardDuty), { logGroup: 'my-logs' })).toBe('guardduty');
    expect(detectFamily(at(vpc[0]!), {})).toBe('vpcflow');
    expect(detectFamily(at(audit[0]!), {})).toBe('container');
    expect(detectFamily(at('GET /', 'web/nginx/3de392df6bfa470b97edaa6f482cd7a6'), {})).toBe('container');
    expect(detectFamily(at('{"level":"info","msg":"hi"}'), {})).toBe('generic');
    expect(detectFamily(at('hello world'), {})).toBe('generic');
  });

  it('does not turn lines into flow logs when the connector says its groups hold none', () => {
    expect(detectFamily(at(vpc[0]!), { vpcFlowLogs: false })).toBe('generic');
  });

  it('is not fooled by a WAF request whose URI names GuardDuty', () => {
    const tricky = JSON.stringify({ ...(JSON.parse(waf[0]!) as object), httpRequest: { clientIp: '1.2.3.4', uri: '"aws.guardduty" :guardduty: "schemaVersion"' } });
    expect(detectFamily(at(tricky), {})).toBe('waf');
  });
});

describe('parseEvent', () => {
  it('keeps a message that was routed to WAF but does not parse as WAF in the WAF family, with parse_error', () => {
    const broken = waf[0]!.slice(0, 200);
    const record = parseEvent(at(broken), { logGroup: 'aws-waf-logs-prod' });
    expect(record).toMatchObject({ log_family: 'waf', msg_class: 'aws_cloudwatch_waf', message: broken });
    expect(record.parse_error).toBeTruthy();
    const sniffed = parseEvent(at('{"webaclId":"x","httpRequest":7}'), {});
    expect(sniffed.log_family).toBe('waf');
    expect(sniffed.parse_error).toBeTruthy();
  });

  it('parses each family once into its own class and reports the message time', () => {
    const [flow, web, finding, k8s] = parseEvents([at(vpc[0]!), at(waf[0]!), at(guardDuty), at(audit[0]!)], { logGroup: 'mixed' });
    expect([flow, web, finding, k8s].map((record) => record!.log_family)).toEqual(['vpcflow', 'waf', 'guardduty', 'container']);
    expect(messageTimestamp(flow!)).toBe(flow!.start_time);
    expect(messageTimestamp(web!)).toBe((JSON.parse(waf[0]!) as { timestamp: number }).timestamp);
    expect(messageTimestamp(finding!)).toBe(Date.parse((JSON.parse(guardDuty) as { detail: { updatedAt: string } }).detail.updatedAt));
    expect(messageTimestamp(k8s!)).toBe(Date.UTC(2024, 10, 13, 18, 34, 10, 595));
    expect(messageTimestamp(parseEvent(at('hello'), {}))).toBeUndefined();
  });
});

describe('parseEvent over mixed families under hostile input', () => {
  const seeds = [...waf, guardDuty, ...vpc, ...containerInputs];
  const mutated = fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.string({ unit: 'binary', maxLength: 6 }), fc.boolean()).map(([seed, position, text, cut]) => {
    const index = position % (seed.length + 1);
    return cut ? seed.slice(0, index) : seed.slice(0, index) + text + seed.slice(index);
  });
  const message = fc.oneof(fc.constantFrom(...seeds), mutated, mutated, fc.string({ unit: 'binary', maxLength: 120 }), fc.json());
  const context = fc.record({
    logGroup: fc.constantFrom(undefined, 'aws-waf-logs-prod', '/aws/events/guardduty', '/aws/eks/prod/cluster', '/ecs/web', 'vpc-flow', 'app'),
    vpcFlowLogs: fc.constantFrom(undefined, true, false),
  });

  it('returns exactly one record in the detected family with the message unchanged, for 100,000 inputs', () => {
    fc.assert(
      fc.property(message, context, (text, rawContext) => {
        const parseContext: ParseContext = {};
        if (rawContext.logGroup !== undefined) parseContext.logGroup = rawContext.logGroup;
        if (rawContext.vpcFlowLogs !== undefined) parseContext.vpcFlowLogs = rawContext.vpcFlowLogs;
        const event = at(text);
        const family: LogFamily = detectFamily(event, parseContext);
        const records = parseEvents([event], parseContext);
        const record = records[0]!;
        return (
          records.length === 1 &&
          record.message === text &&
          record.log_family === family &&
          record.msg_class === classificationByFamily[family].msg_class &&
          record.index === classificationByFamily[family].index &&
          (JSON.parse(JSON.stringify(record)) as { message: string }).message === text
        );
      }),
      { numRuns: 100_000 },
    );
  }, 180_000);
});
