// The common Interflow fields (CONTRACT): msg_class, msg_origin and index per family, plus tenant, connector and aws.*.
import type { CloudWatchEvent, InterflowRecord, LogFamily, MsgClass, MsgOrigin, IndexName, ParseContext } from '../core/record.js';

export interface FamilyClassification {
  msg_class: MsgClass;
  msg_origin: MsgOrigin;
  index: IndexName;
}

/** The product document's "Collected Data" table. */
export const classificationByFamily: Record<LogFamily, FamilyClassification> = {
  vpcflow: { msg_class: 'aws_cloudwatch_vpcflow', msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' }, index: 'traffic' },
  waf: { msg_class: 'aws_cloudwatch_waf', msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'waf' }, index: 'syslog' },
  guardduty: { msg_class: 'aws_guardduty', msg_origin: { source: 'aws_guardduty', vendor: 'aws', category: 'paas' }, index: 'syslog' },
  container: { msg_class: 'aws_cloudwatch_log', msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' }, index: 'syslog' },
  generic: { msg_class: 'aws_cloudwatch_log', msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' }, index: 'syslog' },
};

/** A parser reads one CloudWatch event as its family. Pure: never throws, never drops, no I/O, no clock. */
export type Parser = (event: CloudWatchEvent, context: ParseContext) => InterflowRecord;

/**
 * The record every parser starts from: the family's classification and every common field that is known.
 * Family parsers add their fields to it, or set `parse_error`.
 */
export function baseRecord(event: CloudWatchEvent, context: ParseContext, family: LogFamily): InterflowRecord {
  const classification = classificationByFamily[family];
  const aws: InterflowRecord['aws'] = {};
  if (context.region !== undefined) aws.region = context.region;
  if (context.accountId !== undefined) aws.account_id = context.accountId;
  if (context.logGroup !== undefined) aws.log_group = context.logGroup;
  if (event.logStreamName !== undefined) aws.log_stream = event.logStreamName;
  if (event.eventId !== undefined) aws.event_id = event.eventId;
  const record: InterflowRecord = {
    timestamp: event.timestamp,
    msg_class: classification.msg_class,
    msg_origin: { ...classification.msg_origin },
    index: classification.index,
    log_family: family,
    aws,
    message: event.message,
  };
  if (event.ingestionTime !== undefined) record.ingest_time = event.ingestionTime;
  if (context.tenant !== undefined) record.tenant_name = context.tenant;
  if (context.connector !== undefined) record.connector = { ...context.connector };
  return record;
}
