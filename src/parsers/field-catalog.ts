// The record fields analysts look for first, with the index that holds them and one line on each: the console's query suggestions.
import type { IndexName } from '../core/record.js';
import { knownFields as vpcFlowFields } from './vpcflow/fields.js';

export interface CatalogField {
  /** The dotted name a query uses (`vpcflow.tcp_flags`). */
  name: string;
  /** The indices whose records can carry it. */
  indices: readonly IndexName[];
  description: string;
}

const both: readonly IndexName[] = ['syslog', 'traffic'];
const syslog: readonly IndexName[] = ['syslog'];
const traffic: readonly IndexName[] = ['traffic'];

/**
 * CONTRACT's record fields of every family and the extras analysts search most. Not every field: the parsers add
 * more (GuardDuty resource details, Container Insights metrics…), which the console also suggests from the records
 * a search shows.
 */
const documented: ReadonlyArray<readonly [string, readonly IndexName[], string]> = [
  ['timestamp', both, 'event time'],
  ['ingest_time', both, 'when CloudWatch ingested the event'],
  ['write_time', both, 'when the connector stored the record'],
  ['msg_class', both, 'aws_cloudwatch_vpcflow, aws_cloudwatch_waf, aws_guardduty or aws_cloudwatch_log'],
  ['msg_origin.source', both, 'aws_cloudwatch or aws_guardduty'],
  ['msg_origin.vendor', both, 'aws'],
  ['msg_origin.category', both, 'paas or waf'],
  ['index', both, 'syslog or traffic'],
  ['log_family', both, 'vpcflow, waf, guardduty, container or generic'],
  ['tenant_name', both, 'the tenant the record belongs to'],
  ['connector.id', both, 'the connector that collected it'],
  ['connector.name', both, 'the connector that collected it'],
  ['aws.region', both, 'Region of the log group'],
  ['aws.account_id', both, 'AWS account of the log group'],
  ['aws.log_group', both, 'CloudWatch log group'],
  ['aws.log_stream', both, 'CloudWatch log stream'],
  ['aws.event_id', both, 'CloudWatch event id'],
  ['message', both, 'the raw log text (bare words search it)'],
  ['parse_error', both, 'why the message could not be read as its family'],
  ['srcip', both, 'source address (CIDR allowed: srcip:10.0.0.0/8)'],
  ['dstip', traffic, 'destination address (CIDR allowed)'],
  ['srcport', traffic, 'source port'],
  ['dstport', traffic, 'destination port'],
  ['proto', traffic, 'IANA protocol number (6 TCP, 17 UDP)'],
  ['proto_name', traffic, 'protocol keyword (tcp, udp, icmp)'],
  ['action', both, 'ACCEPT/REJECT (VPC Flow), ALLOW/BLOCK/CAPTCHA/CHALLENGE (WAF)'],
  ['log_status', traffic, 'OK, NODATA or SKIPDATA'],
  ['packets', traffic, 'packets in the flow'],
  ['bytes', traffic, 'bytes in the flow'],
  ['start_time', traffic, 'start of the flow'],
  ['end_time', traffic, 'end of the flow'],
  ['interface_id', traffic, 'network interface (eni-…)'],
  ['tcp_flag_names', traffic, 'TCP flags seen in the flow (SYN, ACK, FIN…)'],
  ['vpcflow_format', traffic, 'the flow log format the message was read with'],
  ['http.method', syslog, 'WAF: HTTP method'],
  ['http.uri', syslog, 'WAF: request URI'],
  ['http.host', syslog, 'WAF: Host header'],
  ['http.version', syslog, 'WAF: HTTP version'],
  ['http.args', syslog, 'WAF: query string'],
  ['http.request_id', syslog, 'WAF: request id'],
  ['http.user_agent', syslog, 'WAF: User-Agent header'],
  ['http.country', syslog, 'WAF: client country'],
  ['http.referer', syslog, 'WAF: Referer header'],
  ['http.x_forwarded_for', syslog, 'WAF: X-Forwarded-For header'],
  ['waf.webacl_id', syslog, 'WAF: web ACL ARN'],
  ['waf.webacl_name', syslog, 'WAF: web ACL name'],
  ['waf.client_asn', syslog, 'WAF: client autonomous system'],
  ['waf.ja3_fingerprint', syslog, 'WAF: TLS client fingerprint (JA3)'],
  ['waf.ja4_fingerprint', syslog, 'WAF: TLS client fingerprint (JA4)'],
  ['waf.terminating_rule_id', syslog, 'WAF: the rule that decided'],
  ['waf.terminating_rule_type', syslog, 'WAF: REGULAR, RATE_BASED, MANAGED_RULE_GROUP…'],
  ['waf.labels', syslog, 'WAF: labels added by rules'],
  ['waf.non_terminating_rule_ids', syslog, 'WAF: rules that matched without deciding'],
  ['waf.response_code_sent', syslog, 'WAF: custom response code'],
  ['event_name', syslog, 'GuardDuty: finding type'],
  ['severity', syslog, 'GuardDuty: severity number'],
  ['severity_label', syslog, 'GuardDuty: low, medium, high or critical'],
  ['guardduty.id', syslog, 'GuardDuty: finding id'],
  ['guardduty.arn', syslog, 'GuardDuty: finding ARN'],
  ['guardduty.title', syslog, 'GuardDuty: title'],
  ['guardduty.description', syslog, 'GuardDuty: description'],
  ['guardduty.account_id', syslog, 'GuardDuty: affected account'],
  ['guardduty.region', syslog, 'GuardDuty: Region'],
  ['guardduty.resource_type', syslog, 'GuardDuty: Instance, AccessKey, S3Bucket…'],
  ['guardduty.action_type', syslog, 'GuardDuty: NETWORK_CONNECTION, AWS_API_CALL…'],
  ['guardduty.count', syslog, 'GuardDuty: times seen'],
  ['guardduty.first_seen', syslog, 'GuardDuty: first seen'],
  ['guardduty.last_seen', syslog, 'GuardDuty: last seen'],
  ['guardduty.action.remote_ip', syslog, 'GuardDuty: the remote address'],
  ['guardduty.action.remote_country', syslog, 'GuardDuty: the remote address\'s country'],
  ['guardduty.action.local_ip', syslog, 'GuardDuty: the local address'],
  ['guardduty.resource.instance_id', syslog, 'GuardDuty: affected EC2 instance'],
  ['container.name', syslog, 'ECS/EKS: container name'],
  ['container.id', syslog, 'ECS/EKS: container id'],
  ['ecs.cluster', syslog, 'ECS: cluster'],
  ['ecs.task_arn', syslog, 'ECS: task ARN'],
  ['ecs.task_definition', syslog, 'ECS: task definition'],
  ['log', syslog, 'ECS/EKS: the application line when wrapped in JSON'],
  ['k8s.verb', syslog, 'EKS audit: get, list, create, delete…'],
  ['k8s.user', syslog, 'EKS audit: who made the request'],
  ['k8s.source_ips', syslog, 'EKS audit: client addresses'],
  ['k8s.request_uri', syslog, 'EKS audit: request URI'],
  ['k8s.resource', syslog, 'EKS audit: resource (pods, secrets…)'],
  ['k8s.namespace', syslog, 'EKS audit: namespace'],
  ['k8s.name', syslog, 'EKS audit: object name'],
  ['k8s.response_code', syslog, 'EKS audit: HTTP status'],
  ['k8s.audit_id', syslog, 'EKS audit: audit id'],
  ['k8s.stage', syslog, 'EKS audit: RequestReceived, ResponseComplete…'],
  ['k8s.user_agent', syslog, 'EKS audit: client User-Agent'],
  ['k8s.groups', syslog, 'EKS audit: the user\'s groups'],
  ['k8s.decision', syslog, 'EKS audit: allow or forbid'],
  ['eks.cluster', syslog, 'EKS: cluster'],
  ['kubernetes.namespace_name', syslog, 'EKS (Fluent Bit): namespace'],
  ['kubernetes.pod_name', syslog, 'EKS (Fluent Bit): pod'],
];

/** Every documented field, then each VPC Flow field under `vpcflow.` (versions 2–8 and Transit Gateway), once each. */
export function fieldCatalog(): CatalogField[] {
  const fields: CatalogField[] = documented.map(([name, indices, description]) => ({ name, indices, description }));
  for (const field of vpcFlowFields) {
    fields.push({ name: `vpcflow.${field.key}`, indices: traffic, description: `VPC Flow field ${field.name} (version ${field.version === 6 ? '6, Transit Gateway' : field.version})` });
  }
  return fields;
}
