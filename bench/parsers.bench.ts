// Parser throughput per family (parse + normalize through parseEvent, one core) against JSON.parse / String.split alone.
import { readFileSync } from 'node:fs';
import type { CloudWatchEvent, ParseContext } from '../src/core/record.js';
import { parseEvent } from '../src/parsers/index.js';
import { markdownTable, opsPerSecond } from './table.js';

export const title =
  'parse + normalize (parseEvent) per family, records/s on one core, against JSON.parse alone (WAF, GuardDuty, container) and String.split(" ") alone (VPC) on the same inputs';

const samplesUrl = new URL('../../shared/samples/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, samplesUrl), 'utf8');
const lines = (path: string) => read(path).split('\n').filter((line) => line.trim() !== '');

/** A deterministic generator, so every run measures the same inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const next = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
const integer = (max: number) => Math.floor(next() * max);
const ipv4 = () => `${1 + integer(223)}.${integer(256)}.${integer(256)}.${integer(256)}`;
const hex = (length: number) => Array.from({ length }, () => integer(16).toString(16)).join('');

const VARIANTS = 4000;

function vpcLines(): string[] {
  const generated = Array.from({ length: VARIANTS }, () => {
    const start = 1_700_000_000 + integer(1_000_000);
    const status = next() < 0.03 ? 'NODATA' : 'OK';
    if (status === 'NODATA') return `2 123456789010 eni-${hex(17)} - - - - - - - ${start} ${start + 60} - NODATA`;
    return [2, '123456789010', `eni-${hex(17)}`, ipv4(), ipv4(), integer(65536), pick([22, 80, 443, 3389, 53]), pick([6, 17, 1, 58]), 1 + integer(5000), 40 + integer(9_000_000), start, start + integer(60), pick(['ACCEPT', 'REJECT']), 'OK'].join(' ');
  });
  return [...lines('vpcflow/awsdocs/default-v2-examples.log'), ...generated];
}

function wafMessages(): string[] {
  const samples = lines('waf/awsdocs/all-examples.minified.ndjson').map((line) => JSON.parse(line) as Record<string, unknown>);
  return Array.from({ length: VARIANTS }, (_, index) => {
    const log = structuredClone(samples[index % samples.length]!) as Record<string, unknown> & { httpRequest: Record<string, unknown> };
    log.timestamp = 1_700_000_000_000 + integer(1e9);
    log.httpRequest.clientIp = ipv4();
    log.httpRequest.uri = `/${pick(['login', 'api/v1/orders', 'search', 'admin', 'static/app.js'])}/${hex(integer(24))}`;
    log.httpRequest.requestId = `${hex(8)}-${hex(4)}-${hex(4)}`;
    log.action = pick(['ALLOW', 'BLOCK', log.action as string]);
    return JSON.stringify(log);
  });
}

function guardDutyMessages(): string[] {
  const sample = JSON.parse(read('guardduty/eventbridge-Recon-EC2-PortProbeUnprotectedPort.security_monkey.json')) as Record<string, unknown> & { detail: Record<string, unknown> };
  return Array.from({ length: VARIANTS }, () => {
    const finding = structuredClone(sample);
    finding.id = `${hex(8)}-${hex(4)}`;
    finding.detail.id = hex(32);
    finding.detail.severity = pick([2, 5, 5.5, 8, 8.9, 9.2]);
    finding.detail.updatedAt = new Date(1_700_000_000_000 + integer(1e10)).toISOString();
    const text = JSON.stringify(finding);
    // Vary the remote addresses without knowing the finding's layout: every IPv4 literal gets a new value.
    return text.replace(/"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"/g, () => `"${ipv4()}"`);
  });
}

function containerEvents(): CloudWatchEvent[] {
  const audits = lines('eks/panther-eks-audit-anonymous-webscanner.ndjson').map((line) => JSON.parse(line) as Record<string, unknown>);
  const stream = `kube-apiserver-audit-${hex(32)}`;
  return Array.from({ length: VARIANTS }, (_, index) => {
    const event = structuredClone(audits[index % audits.length]!);
    event.auditID = `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
    event.sourceIPs = [ipv4()];
    event.verb = pick(['get', 'list', 'watch', 'create', 'delete', 'patch']);
    event.stageTimestamp = new Date(1_700_000_000_000 + integer(1e10)).toISOString();
    return { timestamp: 1_700_000_000_000 + index, message: JSON.stringify(event), logStreamName: stream };
  });
}

interface Case {
  family: string;
  events: CloudWatchEvent[];
  context: ParseContext;
  baselineName: string;
  baseline: (message: string) => unknown;
  targetRecordsPerSecond?: number;
  /** The family must reach this share of the baseline's speed. */
  targetRatio?: number;
}

const asEvents = (messages: string[]): CloudWatchEvent[] => messages.map((message, index) => ({ timestamp: 1_700_000_000_000 + index, message }));

function measure(events: CloudWatchEvent[], each: (event: CloudWatchEvent) => unknown): number {
  let sink = 0;
  const rate = opsPerSecond(() => {
    for (const event of events) if (each(event) !== undefined) sink++;
    return events.length;
  }, 1500);
  if (sink < 0) console.log(sink);
  return rate;
}

export async function run(): Promise<string> {
  const cases: Case[] = [
    { family: 'VPC Flow (default v2)', events: asEvents(vpcLines()), context: { vpcFlowLogs: true }, baselineName: "String.split(' ')", baseline: (message) => message.split(' '), targetRecordsPerSecond: 1_000_000 },
    { family: 'WAF', events: asEvents(wafMessages()), context: { logGroup: 'aws-waf-logs-prod' }, baselineName: 'JSON.parse', baseline: (message) => JSON.parse(message), targetRecordsPerSecond: 150_000, targetRatio: 0.5 },
    { family: 'GuardDuty', events: asEvents(guardDutyMessages()), context: { logGroup: '/aws/events/guardduty' }, baselineName: 'JSON.parse', baseline: (message) => JSON.parse(message), targetRecordsPerSecond: 40_000, targetRatio: 0.5 },
    { family: 'EKS audit (container)', events: containerEvents(), context: { logGroup: '/aws/eks/prod/cluster' }, baselineName: 'JSON.parse', baseline: (message) => JSON.parse(message) },
  ];
  const rows: Array<Array<string | number>> = [];
  for (const testCase of cases) {
    const sizes = testCase.events.map((event) => event.message.length);
    const meanBytes = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    // Inputs must be valid for their family, or the benchmark would time the error path.
    const withErrors = testCase.events.filter((event) => parseEvent(event, testCase.context).parse_error !== undefined).length;
    // Warm up both paths so the JIT has compiled them before the timed runs.
    measure(testCase.events, (event) => parseEvent(event, testCase.context));
    measure(testCase.events, (event) => testCase.baseline(event.message));
    const parsed = measure(testCase.events, (event) => parseEvent(event, testCase.context));
    const baseline = measure(testCase.events, (event) => testCase.baseline(event.message));
    const ratio = parsed / baseline;
    const targets: string[] = [];
    let met = true;
    if (testCase.targetRecordsPerSecond !== undefined) {
      targets.push(`≥ ${testCase.targetRecordsPerSecond.toLocaleString('en-US')}/s`);
      met &&= parsed >= testCase.targetRecordsPerSecond;
    }
    if (testCase.targetRatio !== undefined) {
      targets.push(`≥ ${testCase.targetRatio}× ${testCase.baselineName}`);
      met &&= ratio >= testCase.targetRatio;
    }
    rows.push([
      testCase.family,
      `${testCase.events.length} (mean ${Math.round(meanBytes)} B, ${withErrors} with parse_error)`,
      parsed,
      testCase.baselineName,
      baseline,
      `${ratio.toFixed(2)}×`,
      targets.length === 0 ? '—' : targets.join(', '),
      targets.length === 0 ? '—' : met ? 'yes' : 'NO',
    ]);
  }
  return markdownTable(['family', 'inputs', 'parseEvent records/s', 'baseline', 'baseline ops/s', 'ratio', 'target', 'met'], rows);
}
