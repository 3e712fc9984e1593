// The Interflow record (CONTRACT.md): the normalized form every parser produces and every store keeps.

export type IndexName = 'syslog' | 'traffic';

export type MsgClass = 'aws_cloudwatch_vpcflow' | 'aws_cloudwatch_waf' | 'aws_guardduty' | 'aws_cloudwatch_log';

/** Which parser read the event; carried on the record as `log_family`. */
export type LogFamily = 'vpcflow' | 'waf' | 'guardduty' | 'container' | 'generic';

export interface MsgOrigin {
  source: 'aws_cloudwatch' | 'aws_guardduty';
  vendor: 'aws';
  category: 'paas' | 'waf';
}

export interface AwsLocation {
  region?: string;
  account_id?: string;
  log_group?: string;
  log_stream?: string;
  event_id?: string;
}

/**
 * One normalized record. Absent values are omitted, never `"-"` or `null`.
 * Family-specific fields (srcip, http, waf, guardduty, k8s, …) live beside the common ones.
 */
export interface InterflowRecord {
  /** Event time, ms since epoch. */
  timestamp: number;
  /** CloudWatch ingestionTime, ms since epoch, when known. */
  ingest_time?: number;
  /** When the store wrote the record, ms since epoch (set by the store). */
  write_time?: number;
  msg_class: MsgClass;
  msg_origin: MsgOrigin;
  index: IndexName;
  log_family: LogFamily;
  tenant_name?: string;
  connector?: { id: string; name: string };
  aws: AwsLocation;
  /** The raw text exactly as received. */
  message: string;
  /** Present only when the message could not be read as its family. */
  parse_error?: string;
  [field: string]: unknown;
}

/** A CloudWatch log event as FilterLogEvents returns it (GetLogEvents lacks eventId and logStreamName). */
export interface CloudWatchEvent {
  timestamp: number;
  message: string;
  ingestionTime?: number;
  eventId?: string;
  logStreamName?: string;
}

/** What a parser knows besides the event itself. Parsers are pure: the clock arrives here too. */
export interface ParseContext {
  logGroup?: string;
  region?: string;
  accountId?: string;
  tenant?: string;
  connector?: { id: string; name: string };
  /** The connector's VPC Flow Logs checkmark. */
  vpcFlowLogs?: boolean;
  /** AWS `${field}` format string of the flow log; the AWS default format when absent. */
  vpcFlowLogFormat?: string;
}
