// Every message the demo writes is valid for its family: field counts and values, JSON that parses, real field names.
import { beforeAll, describe, expect, it } from 'vitest';
import { demoScenario, VPC_FLOW_CUSTOM_GROUP, VPC_FLOW_GROUP } from './demo.js';
import { FINDING_SEVERITY, GUARDDUTY_LOG_GROUP, severityLabel } from './families/guardduty.js';
import { CUSTOM_VPC_FLOW_FORMAT, DEFAULT_VPC_FLOW_FORMAT, formatFields } from './families/vpcflow.js';
import { WAF_LOG_GROUP } from './families/waf.js';
import type { GeneratedEvent } from './types.js';

const NOW = Date.UTC(2025, 0, 15, 12);
const START = NOW - 15 * 60_000;
const events: GeneratedEvent[] = [];
const inGroup = (group: string) => events.filter((event) => event.logGroupName === group);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(() => {
  const scenario = demoScenario({ accountId: '123456789012', region: 'us-east-1', seed: 99, eventsPerSecond: 30, startTime: START });
  for (let second = START; second < NOW; second += 1000) events.push(...scenario.eventsForSecond(second));
});

/** Splits a flow line into named fields (on runs of whitespace, as the AWS docs advise parsers to). */
function fields(format: string, message: string, problems: string[]): Record<string, string> {
  const names = formatFields(format);
  const values = message.split(/\s+/);
  if (values.length !== names.length) problems.push(`${values.length} fields instead of ${names.length}: ${message}`);
  return Object.fromEntries(names.map((name, i) => [name, values[i] as string]));
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
function isIp(value: string): boolean {
  const v4 = IPV4.exec(value);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255);
  return /^[0-9a-f:]+$/.test(value) && value.includes(':');
}

/** Problems with one flow record, as text (collected and asserted once: per-field expects are slow at this volume). */
function checkFlow(record: Record<string, string>, stream: string, problems: string[]): void {
  const problem = (text: string) => problems.push(`${text}: ${Object.values(record).join(' ')}`);
  if (`${record['interface-id']}-all` !== stream) problem(`interface not the stream's (${stream})`);
  if (record['account-id'] !== '123456789012') problem('account-id');
  if (!/^\d{10}$/.test(record.start!) || !/^\d{10}$/.test(record.end!) || Number(record.start) > Number(record.end)) problem('start/end');
  const status = record['log-status']!;
  if (!['OK', 'NODATA', 'SKIPDATA'].includes(status)) problem('log-status');
  if (status === 'OK') {
    if (!['ACCEPT', 'REJECT'].includes(record.action!)) problem('action');
    if (!isIp(record.srcaddr!) || !isIp(record.dstaddr!)) problem('addresses');
    for (const field of ['srcport', 'dstport', 'protocol', 'packets', 'bytes']) if (!/^\d+$/.test(record[field]!)) problem(field);
    if (Number(record.srcport) > 65535 || Number(record.dstport) > 65535) problem('port range');
  } else {
    for (const field of ['srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'action']) if (record[field] !== '-') problem(`${field} in ${status}`);
  }
}

describe('VPC Flow Logs', () => {
  it('writes the default format with exactly 14 fields and valid values', () => {
    const flows = inGroup(VPC_FLOW_GROUP);
    expect(flows.length).toBeGreaterThan(1000);
    const problems: string[] = [];
    const records = flows.map((event) => fields(DEFAULT_VPC_FLOW_FORMAT, event.message, problems));
    flows.forEach((event, i) => checkFlow(records[i]!, event.logStreamName, problems));
    expect(problems.slice(0, 5)).toEqual([]);
    expect(records.every((record) => record.version === '2')).toBe(true);
    // The mix a person exploring should find: NODATA, SKIPDATA, ICMP, UDP DNS, IPv6, rejects.
    expect(records.some((r) => r['log-status'] === 'NODATA')).toBe(true);
    expect(records.some((r) => r['log-status'] === 'SKIPDATA')).toBe(true);
    expect(records.some((r) => r.protocol === '1' && r.srcport === '0' && r.dstport === '0')).toBe(true);
    expect(records.some((r) => r.protocol === '17' && r.dstport === '53')).toBe(true);
    expect(records.some((r) => r.srcaddr!.includes(':'))).toBe(true);
    expect(records.some((r) => r.action === 'REJECT')).toBe(true);
  });

  it('writes the custom format with exactly 27 fields, v5 values and NAT packet addresses', () => {
    const flows = inGroup(VPC_FLOW_CUSTOM_GROUP);
    const problems: string[] = [];
    const records = flows.map((event) => fields(CUSTOM_VPC_FLOW_FORMAT, event.message, problems));
    flows.forEach((event, i) => checkFlow(records[i]!, event.logStreamName, problems));
    for (const record of records) {
      const problem = (text: string) => problems.push(`${text}: ${Object.values(record).join(' ')}`);
      if (record.version !== '5') problem('version');
      if (!/^vpc-[0-9a-f]{17}$/.test(record['vpc-id']!) || !/^subnet-[0-9a-f]{17}$/.test(record['subnet-id']!)) problem('vpc/subnet');
      if (!/^(i-[0-9a-f]{17}|-)$/.test(record['instance-id']!)) problem('instance-id');
      if (record['log-status'] !== 'OK') continue;
      if (!['ingress', 'egress'].includes(record['flow-direction']!)) problem('flow-direction');
      if (!['IPv4', 'IPv6'].includes(record.type!)) problem('type');
      if (!/^\d+$/.test(record['tcp-flags']!)) problem('tcp-flags');
      // traffic-path is only for egress.
      const path = record['traffic-path']!;
      if (record['flow-direction'] === 'ingress' ? path !== '-' : !/^[1-8]$/.test(path)) problem('traffic-path');
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(records.some((r) => r['pkt-dstaddr'] !== r.dstaddr)).toBe(true);
    expect(records.some((r) => r['pkt-dst-aws-service'] === 'S3')).toBe(true);
    // The same flows reach both groups (two flow logs on the same interfaces).
    expect(flows.length).toBeGreaterThan(inGroup(VPC_FLOW_GROUP).length * 0.9);
  });
});

describe('JSON families', () => {
  it('writes one JSON object per event wherever the family is JSON, and no multi-line message anywhere', () => {
    const problems: string[] = [];
    for (const event of events) {
      if (event.message.length === 0 || /[\r\n]/.test(event.message)) problems.push(`empty or multi-line in ${event.logGroupName}`);
      if (event.logGroupName.startsWith('vpc-flow') || event.logGroupName === '/ecs/web-app' || event.logStreamName.startsWith('authenticator-')) continue;
      try {
        const value: unknown = JSON.parse(event.message);
        if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push(`not an object in ${event.logGroupName}`);
      } catch (error) {
        problems.push(`${event.logGroupName}: ${String(error)}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('writes WAF records with the schema and actions WAF logs', () => {
    const records = inGroup(WAF_LOG_GROUP).map((event) => ({ event, record: JSON.parse(event.message) as Json }));
    expect(WAF_LOG_GROUP.startsWith('aws-waf-logs-')).toBe(true);
    for (const { event, record } of records) {
      expect(event.logStreamName).toBe('us-east-1_DemoWebACL_0');
      expect(record.timestamp).toBe(event.timestamp);
      expect(record.formatVersion).toBe(1);
      expect(record.webaclId).toMatch(/^arn:aws:wafv2:us-east-1:123456789012:regional\/webacl\/DemoWebACL\//);
      expect(['ALLOW', 'BLOCK', 'CAPTCHA', 'CHALLENGE']).toContain(record.action);
      expect(['REGULAR', 'RATE_BASED', 'GROUP', 'MANAGED_RULE_GROUP']).toContain(record.terminatingRuleType);
      expect(isIp(record.httpRequest.clientIp)).toBe(true);
      expect(record.httpRequest.headers.some((h: Json) => h.name === 'User-Agent')).toBe(true);
      expect(record.ja3Fingerprint).toMatch(/^[0-9a-f]{32}$/);
    }
    const all = records.map(({ record }) => record);
    expect(new Set(all.map((r) => r.action))).toEqual(new Set(['ALLOW', 'BLOCK', 'CAPTCHA']));
    expect(all.some((r) => r.terminatingRuleType === 'RATE_BASED' && r.rateBasedRuleList.length === 1)).toBe(true);
    expect(all.some((r) => r.ruleGroupList.some((g: Json) => g.nonTerminatingMatchingRules.some((m: Json) => m.action === 'COUNT')))).toBe(true);
    expect(all.some((r) => r.captchaResponse?.failureReason === 'TOKEN_MISSING' && r.responseCodeSent === 405)).toBe(true);
    expect(all.some((r) => Array.isArray(r.labels) && r.labels.length > 0)).toBe(true);
  });

  it('writes GuardDuty findings in the EventBridge envelope with severities in their band', () => {
    const findings = inGroup(GUARDDUTY_LOG_GROUP).map((event) => ({ event, envelope: JSON.parse(event.message) as Json }));
    expect(findings.length).toBeGreaterThanOrEqual(6);
    const actionTypes = new Set<string>();
    for (const { event, envelope } of findings) {
      expect(envelope['detail-type']).toBe('GuardDuty Finding');
      expect(envelope.source).toBe('aws.guardduty');
      expect(envelope.account).toBe('123456789012');
      expect(event.logStreamName).toBe(envelope.id);
      const detail = envelope.detail;
      expect(detail.arn).toBe(`arn:aws:guardduty:us-east-1:123456789012:detector/${detail.service.detectorId}/finding/${detail.id}`);
      const known = FINDING_SEVERITY[detail.type];
      expect(known, detail.type).toBeDefined();
      expect(severityLabel(detail.severity)).toBe(known!.label);
      expect(detail.severity).toBeGreaterThanOrEqual(1);
      expect(detail.severity).toBeLessThan(9);
      const actionType = detail.service.action.actionType as string;
      actionTypes.add(actionType);
      const subObject = { PORT_PROBE: 'portProbeAction', NETWORK_CONNECTION: 'networkConnectionAction', AWS_API_CALL: 'awsApiCallAction', DNS_REQUEST: 'dnsRequestAction' }[actionType];
      expect(detail.service.action[subObject!], actionType).toBeDefined();
      expect(Date.parse(detail.service.eventFirstSeen)).toBeLessThanOrEqual(Date.parse(detail.service.eventLastSeen));
      expect(Date.parse(detail.updatedAt)).toBeLessThanOrEqual(event.timestamp);
    }
    expect(actionTypes).toEqual(new Set(['PORT_PROBE', 'NETWORK_CONNECTION', 'AWS_API_CALL', 'DNS_REQUEST']));
  });

  it('writes EKS audit events and authenticator lines as the control plane does', () => {
    const eks = inGroup('/aws/eks/demo-cluster/cluster');
    const audit = eks.filter((event) => event.logStreamName.startsWith('kube-apiserver-audit-'));
    const authenticator = eks.filter((event) => event.logStreamName.startsWith('authenticator-'));
    expect(audit.length).toBeGreaterThan(100);
    expect(authenticator.length).toBeGreaterThan(5);
    for (const event of audit) {
      const record = JSON.parse(event.message) as Json;
      expect(record.kind).toBe('Event');
      expect(record.apiVersion).toBe('audit.k8s.io/v1');
      expect(record.auditID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(record.stageTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(typeof record.user.username).toBe('string');
      expect(isIp(record.sourceIPs[0])).toBe(true);
      expect(typeof record.responseStatus.code).toBe('number');
    }
    for (const event of authenticator) {
      expect(event.message).toMatch(/^time="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ" level=(info|warning) msg="access (granted|denied)" arn="arn:aws:iam::123456789012:role\/[\w-]+" /);
    }
  });

  it('writes ECS awslogs lines, FireLens records and Container Insights events', () => {
    const web = inGroup('/ecs/web-app');
    expect(web.length).toBeGreaterThan(100);
    for (const event of web) expect(event.logStreamName).toMatch(/^ecs\/web\/[0-9a-f]{32}$/);
    for (const event of inGroup('/ecs/api-service')) {
      const record = JSON.parse(event.message) as Json;
      expect(['stdout', 'stderr']).toContain(record.source);
      expect(() => JSON.parse(record.log)).not.toThrow();
      expect(record.ecs_task_arn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/demo-cluster\/[0-9a-f]{32}$/);
      expect(event.logStreamName).toBe(`firelens/api-firelens-${record.ecs_task_arn.split('/').pop()}`);
    }
    const insights = inGroup('/aws/ecs/containerinsights/demo-cluster/performance').map((event) => JSON.parse(event.message) as Json);
    expect(insights.length).toBeGreaterThanOrEqual(14 * 9);
    expect(new Set(insights.map((record) => record.Type))).toEqual(new Set(['Task', 'Container', 'Service', 'Cluster']));
    for (const record of insights) {
      expect(record.Version).toBe('0');
      expect(record.Timestamp % 60_000).toBe(0);
    }
  });
});
