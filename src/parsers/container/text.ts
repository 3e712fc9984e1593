// Text lines from containers and the EKS control plane: klog, logfmt (the EKS authenticator) and awslogs stream names.
import type { InterflowRecord } from '../../core/record.js';
import { parseTimeMilliseconds, put, type JsonObject } from './values.js';

const klogSeverity: Record<string, string> = { I: 'info', W: 'warning', E: 'error', F: 'fatal' };
// `I0907 20:37:30.123456      10 file.go:59] message` — klog's header; it carries no year, so no time is taken from it.
const KLOG = /^([IWEF])(\d{4}) (\d{2}:\d{2}:\d{2}\.\d{1,9}) +(\d{1,10}) ([^\s:\]]{1,256}):(\d{1,9})\] ?/;

export function readKlogLine(record: InterflowRecord, line: string): boolean {
  const match = KLOG.exec(line);
  if (!match) return false;
  const [header, severity, monthDay, time, threadId, file, sourceLine] = match;
  record.klog = { severity: klogSeverity[severity!], month_day: monthDay, time, thread_id: Number(threadId), file, line: Number(sourceLine) };
  record.level = klogSeverity[severity!];
  record.log = line.slice(header.length);
  return true;
}

const MAX_LOGFMT_PAIRS = 256;

/**
 * Splits a logfmt line (`key=value key="quoted \"value\""`) into pairs, or returns undefined when the line is not
 * logfmt. One pass, no backtracking: the line is attacker-controlled and can be a megabyte.
 */
export function parseLogfmt(line: string): Map<string, string> | undefined {
  const pairs = new Map<string, string>();
  let index = 0;
  const length = line.length;
  while (index < length) {
    while (index < length && line.charCodeAt(index) === 32) index++;
    if (index >= length) break;
    const keyStart = index;
    while (index < length && line[index] !== '=' && line[index] !== ' ' && line[index] !== '"') index++;
    if (index === keyStart || line[index] !== '=') return undefined;
    const key = line.slice(keyStart, index);
    index++;
    let value: string;
    if (line[index] === '"') {
      index++;
      let closed = false;
      const parts: string[] = [];
      let chunkStart = index;
      while (index < length) {
        const char = line[index];
        if (char === '\\' && index + 1 < length) {
          parts.push(line.slice(chunkStart, index), line[index + 1]!);
          index += 2;
          chunkStart = index;
        } else if (char === '"') {
          parts.push(line.slice(chunkStart, index));
          index++;
          closed = true;
          break;
        } else index++;
      }
      if (!closed) return undefined;
      value = parts.join('');
    } else {
      const valueStart = index;
      while (index < length && line.charCodeAt(index) !== 32) index++;
      value = line.slice(valueStart, index);
    }
    if (pairs.size >= MAX_LOGFMT_PAIRS) return undefined;
    pairs.set(key, value);
  }
  return pairs.size > 0 ? pairs : undefined;
}

/** Fills `level`, `log` and, for the EKS authenticator's lines, `authenticator` {arn, username, uid, …}. */
export function readLogfmtLine(record: InterflowRecord, line: string): boolean {
  const pairs = parseLogfmt(line);
  if (pairs === undefined) return false;
  const level = pairs.get('level');
  if (level !== undefined && level !== '' && level.length <= 32) record.level = level.toLowerCase();
  const text = pairs.get('msg');
  if (text !== undefined) record.log = text;
  const fields = new Map(Array.from(pairs, ([key, value]) => [key, value === '' || value === '-' ? undefined : value] as const));
  if (fields.has('arn') || fields.has('username') || fields.has('stsendpoint') || fields.has('sts')) {
    const authenticator: JsonObject = {};
    put(authenticator, 'arn', fields.get('arn'));
    put(authenticator, 'username', fields.get('username'));
    put(authenticator, 'uid', fields.get('uid'));
    put(authenticator, 'groups', fields.get('groups'));
    put(authenticator, 'client', fields.get('client'));
    put(authenticator, 'method', fields.get('method'));
    put(authenticator, 'path', fields.get('path'));
    put(authenticator, 'sts_endpoint', fields.get('stsendpoint') ?? fields.get('sts'));
    put(authenticator, 'access_key_id', fields.get('accesskeyid'));
    const time = fields.get('time');
    put(authenticator, 'time', time === undefined ? undefined : parseTimeMilliseconds(time));
    record.authenticator = authenticator;
  }
  return true;
}

const TASK_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** awslogs streams are `prefix/container-name/task-id`; only a real ECS task id makes the name trustworthy. */
export function readAwslogsStream(record: InterflowRecord, streamName: string): boolean {
  const parts = streamName.split('/');
  if (parts.length < 3) return false;
  const taskId = parts[parts.length - 1]!;
  const containerName = parts[parts.length - 2]!;
  if (!TASK_ID.test(taskId) || containerName === '') return false;
  record.container = { ...(record.container as JsonObject | undefined), name: containerName };
  record.ecs = { ...(record.ecs as JsonObject | undefined), task_id: taskId };
  return true;
}

const EKS_GROUP = /^\/aws\/eks\/([^/]+)\/cluster$/;
export const EKS_STREAM = /^(kube-apiserver-audit|kube-apiserver|authenticator|kube-controller-manager|kube-scheduler|cloud-controller-manager)-[0-9a-f]{32}$/;

/** `/aws/eks/<cluster>/cluster` with a stream `kube-apiserver-audit-<32 hex>` → eks {cluster, component}. */
export function readEksControlPlane(record: InterflowRecord, logGroup: string | undefined, streamName: string | undefined): string | undefined {
  const cluster = logGroup === undefined ? undefined : EKS_GROUP.exec(logGroup)?.[1];
  const component = streamName === undefined ? undefined : EKS_STREAM.exec(streamName)?.[1];
  if (cluster === undefined && component === undefined) return undefined;
  const eks: JsonObject = {};
  put(eks, 'cluster', cluster);
  put(eks, 'component', component);
  record.eks = eks;
  return component;
}
