// Which family reads an event: the connector's VPC Flow checkmark, then the log group's name, then a cheap content sniff.
import type { CloudWatchEvent, LogFamily, ParseContext } from '../core/record.js';
import { looksLikeContainer } from './container/index.js';
import { looksLikeGuardDuty } from './guardduty/index.js';
import { looksLikeVpcFlow } from './vpcflow/index.js';
import { looksLikeWaf } from './waf/index.js';

/** Log groups that EventBridge (and so GuardDuty findings) are commonly delivered to. */
function isEventsGroup(logGroup: string): boolean {
  return logGroup.startsWith('/aws/events/') || logGroup.toLowerCase().includes('guardduty');
}

/** Log groups that ECS, EKS and Container Insights create by convention (log-formats.md §0). */
function isContainerGroup(logGroup: string): boolean {
  return (
    (logGroup.startsWith('/aws/eks/') && logGroup.endsWith('/cluster')) ||
    logGroup.startsWith('/ecs/') ||
    logGroup.startsWith('/aws/ecs/') ||
    logGroup.startsWith('/aws/containerinsights/')
  );
}

/**
 * Decides the family without parsing: every test here is a prefix or substring check, so the chosen parser is the
 * only full parse an event costs.
 *
 * - The VPC Flow Logs checkmark wins over everything: a connector that says its groups hold flow logs gets
 *   flow-log records (with `parse_error` on lines that do not fit), as the product document asks.
 * - `aws-waf-logs-` groups are WAF (AWS requires the prefix). Events groups are GuardDuty when the content says so.
 *   ECS/EKS/Container Insights groups are container logs whatever their content.
 * - Otherwise the content decides. Flow-log content is only sniffed when the checkmark is unset (`cwc parse`
 *   without `--vpc-flow`); a connector whose checkmark is off does not get flow-log records.
 */
export function detectFamily(event: CloudWatchEvent, context: ParseContext): LogFamily {
  if (context.vpcFlowLogs === true) return 'vpcflow';
  const message = typeof event.message === 'string' ? event.message : '';
  const logGroup = context.logGroup ?? '';
  if (logGroup.startsWith('aws-waf-logs-')) return 'waf';
  if (isEventsGroup(logGroup) && looksLikeGuardDuty(message)) return 'guardduty';
  if (isContainerGroup(logGroup)) return 'container';

  if (message.startsWith('{')) {
    if (looksLikeGuardDuty(message)) return 'guardduty';
    if (looksLikeWaf(message)) return 'waf';
  } else if (context.vpcFlowLogs === undefined && looksLikeVpcFlow(message)) {
    return 'vpcflow';
  }
  const streamName = typeof event.logStreamName === 'string' ? event.logStreamName : undefined;
  return looksLikeContainer(message, streamName) ? 'container' : 'generic';
}
