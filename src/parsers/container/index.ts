// ECS/EKS container logs and every other log ("generic"): one reader for both, labelled with the family detection chose.
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import { baseRecord } from '../normalize.js';
import { isAuditEvent, readAuditEvent } from './audit.js';
import { isContainerInsightsEvent, readContainerInsightsEvent } from './insights.js';
import { isFireLensRecord, isKubernetesApplicationRecord, readCommonKeys, readFireLensRecord, readKubernetesApplicationRecord } from './routed.js';
import { EKS_STREAM, readAwslogsStream, readEksControlPlane, readKlogLine, readLogfmtLine } from './text.js';
import { isObject, parseJsonObject } from './values.js';

export { parseLogfmt } from './text.js';
export { parseTimeMilliseconds } from './values.js';

/** Parses an ECS/EKS log event (FireLens, Fluent Bit, Container Insights, EKS control plane, awslogs lines). */
export function parseContainer(event: CloudWatchEvent, context: ParseContext): InterflowRecord {
  return readInto(baseRecord(event, context, 'container'), event, context);
}

/** Parses any other log: text is kept as it is; JSON objects expose `level` and `log` when they have them. */
export function parseGeneric(event: CloudWatchEvent, context: ParseContext): InterflowRecord {
  return readInto(baseRecord(event, context, 'generic'), event, context);
}

function readInto(record: InterflowRecord, event: CloudWatchEvent, context: ParseContext): InterflowRecord {
  try {
    const problem = readMessage(record, event, context);
    if (problem !== undefined) record.parse_error = problem;
  } catch (error) {
    // Parsers never throw: a bug in a reader costs this record its fields, not the event.
    record.parse_error = `container parser failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return record;
}

function readMessage(record: InterflowRecord, event: CloudWatchEvent, context: ParseContext): string | undefined {
  const message = typeof event.message === 'string' ? event.message : '';
  if (typeof event.message !== 'string') return 'message is not a string';
  const streamName = typeof event.logStreamName === 'string' && event.logStreamName.length <= 512 ? event.logStreamName : undefined;
  const component = readEksControlPlane(record, context.logGroup, streamName);

  // A message that opens with `{` claims to be JSON; if it is not, say so rather than pass it off as text.
  if (message.trimStart().startsWith('{')) {
    const parsed = parseJsonObject(message);
    if ('error' in parsed) return parsed.error;
    const object = parsed.value;
    if (isAuditEvent(object)) return readAuditEvent(record, object);
    if (isContainerInsightsEvent(object)) return readContainerInsightsEvent(record, object);
    if (isKubernetesApplicationRecord(object)) return readKubernetesApplicationRecord(record, object);
    if (isFireLensRecord(object)) return readFireLensRecord(record, object);
    readCommonKeys(record, object, true);
    if (component === 'kube-apiserver-audit') return 'k8s audit stream: JSON is not an audit.k8s.io Event';
    return undefined;
  }
  if (component === 'kube-apiserver-audit') return 'k8s audit stream: message is not JSON';
  if (streamName !== undefined) readAwslogsStream(record, streamName);
  if (readKlogLine(record, message)) return undefined;
  if (component === 'authenticator' || message.startsWith('time=')) readLogfmtLine(record, message);
  return undefined;
}

const AWSLOGS_STREAM = /\/(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const KLOG_HEADER = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d/;

/**
 * Whether an event looks like a container log by its stream name or by substrings of its message. A sniff, not a
 * parse: detection must never cost a second full parse.
 */
export function looksLikeContainer(message: string, streamName?: string): boolean {
  if (streamName !== undefined && streamName.length <= 512) {
    if (EKS_STREAM.test(streamName) || AWSLOGS_STREAM.test(streamName)) return true;
    if (streamName.includes('-firelens-') || streamName.includes('var.log.containers.')) return true;
  }
  if (message.startsWith('{')) {
    if (message.includes('"audit.k8s.io/')) return true;
    if (message.includes('"ecs_task_arn"') || message.includes('"ecs_cluster"') || message.includes('"container_name"')) return true;
    if (message.includes('"kubernetes"')) return true;
    if (message.includes('"ClusterName"') && message.includes('"Version"')) return true;
    return false;
  }
  return KLOG_HEADER.test(message);
}

/** The event time a container message states itself (audit stageTimestamp, Container Insights Timestamp…), if any. */
export function containerMessageTimestamp(record: InterflowRecord): number | undefined {
  const candidates = [
    isObject(record.k8s) ? record.k8s.stage_time : undefined,
    isObject(record.container_insights) ? record.container_insights.timestamp : undefined,
    isObject(record.authenticator) ? record.authenticator.time : undefined,
  ];
  return candidates.find((value): value is number => typeof value === 'number' && Number.isFinite(value));
}
