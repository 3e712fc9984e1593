// Realistic Interflow records for the store contract tests and the store benchmark (VPC Flow traffic, WAF/container syslog).
import type { InterflowRecord } from '../../core/record.js';

export interface RecordOptions {
  tenant?: string;
  logGroup?: string;
  /** Omit `aws.event_id` (a record whose identity is unknown). */
  withoutEventId?: boolean;
  /** Draw the source address from this many hosts (so an address recurs, as in real traffic) instead of one per n. */
  sourcePool?: number;
}

/** A deterministic 56-digit-like CloudWatch event id for sequence number `n` of a log group. */
export function eventId(n: number, salt = 0): string {
  return `3${String(salt).padStart(4, '0')}${String(n).padStart(51, '0')}`;
}

const actions = ['ACCEPT', 'REJECT'] as const;
const ports = [443, 80, 22, 3389, 53, 8080, 5432, 123];

/** VPC Flow record `n`: addresses and ports vary deterministically with n. */
export function trafficRecord(n: number, timestamp: number, options: RecordOptions = {}): InterflowRecord {
  const s = options.sourcePool ? (Math.imul(n, 2654435761) >>> 0) % options.sourcePool : n;
  const srcip = `10.${(s >> 16) & 255}.${(s >> 8) & 255}.${s & 255}`;
  const dstip = `172.16.${(n * 7) & 255}.${(n * 13) & 255}`;
  const srcport = 1024 + ((n * 31) % 60000);
  const dstport = ports[n % ports.length] as number;
  const action = actions[n % 3 === 0 ? 1 : 0];
  const packets = 1 + (n % 50);
  const bytes = packets * 60 + (n % 1400);
  const start = Math.floor(timestamp / 1000) - 60;
  const end = Math.floor(timestamp / 1000);
  const message = `2 123456789010 eni-0a1b2c3d ${srcip} ${dstip} ${srcport} ${dstport} 6 ${packets} ${bytes} ${start} ${end} ${action} OK`;
  const record: InterflowRecord = {
    timestamp,
    ingest_time: timestamp + 5_000,
    msg_class: 'aws_cloudwatch_vpcflow',
    msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' },
    index: 'traffic',
    log_family: 'vpcflow',
    aws: { region: 'us-west-2', account_id: '123456789010', log_group: options.logGroup ?? 'vpc-flow', log_stream: 'eni-0a1b2c3d-all' },
    message,
    srcip, dstip, srcport, dstport, proto: 6, proto_name: 'tcp', action, log_status: 'OK', packets, bytes,
    start_time: start * 1000, end_time: end * 1000, interface_id: 'eni-0a1b2c3d',
    vpcflow: { version: 2, account_id: '123456789010', interface_id: 'eni-0a1b2c3d', srcaddr: srcip, dstaddr: dstip },
  };
  if (!options.withoutEventId) record.aws.event_id = eventId(n);
  if (options.tenant !== undefined) record.tenant_name = options.tenant;
  return record;
}

const words = ['GET', 'POST', 'login', 'failed', 'admin', 'token', 'expired', 'healthcheck', 'select', 'union', 'timeout', 'retry'];

/** A syslog record `n`: every 4th is a WAF log, the rest container lines. */
export function syslogRecord(n: number, timestamp: number, options: RecordOptions = {}): InterflowRecord {
  const waf = n % 4 === 0;
  const clientIp = `198.51.${(n >> 8) & 255}.${n & 255}`;
  const text = `${words[n % words.length]} ${words[(n * 7) % words.length]} request ${n} from ${clientIp} took ${n % 997}ms`;
  const record: InterflowRecord = waf
    ? {
        timestamp,
        msg_class: 'aws_cloudwatch_waf',
        msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'waf' },
        index: 'syslog',
        log_family: 'waf',
        aws: { region: 'us-west-2', account_id: '123456789010', log_group: options.logGroup ?? 'aws-waf-logs-prod' },
        message: JSON.stringify({ timestamp, action: n % 8 === 0 ? 'BLOCK' : 'ALLOW', httpRequest: { clientIp, uri: `/api/${n % 50}` } }),
        srcip: clientIp,
        action: n % 8 === 0 ? 'BLOCK' : 'ALLOW',
        http: { method: 'GET', uri: `/api/${n % 50}`, host: 'shop.example.com', country: n % 2 ? 'US' : 'DE' },
        waf: { webacl_id: 'arn:aws:wafv2:us-west-2:123456789010:regional/webacl/prod/abc', labels: [`awswaf:label:${n % 3}`], terminating_rule_id: 'Default_Action' },
      }
    : {
        timestamp,
        msg_class: 'aws_cloudwatch_log',
        msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' },
        index: 'syslog',
        log_family: 'container',
        aws: { region: 'us-west-2', account_id: '123456789010', log_group: options.logGroup ?? '/ecs/shop', log_stream: `ecs/web/${n % 5}` },
        message: text,
        container: { name: 'web', id: `c${n % 5}` },
        ecs: { cluster: 'prod', task_arn: `arn:aws:ecs:us-west-2:123456789010:task/prod/${n % 5}` },
      };
  if (!options.withoutEventId) record.aws.event_id = eventId(n, 1);
  if (options.tenant !== undefined) record.tenant_name = options.tenant;
  return record;
}
