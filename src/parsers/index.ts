// The parsing entry point: detect the family once, parse once with that family's parser, never throw, never drop.
import { errorMessage } from '../core/errors.js';
import type { CloudWatchEvent, InterflowRecord, LogFamily, ParseContext } from '../core/record.js';
import { containerMessageTimestamp, parseContainer, parseGeneric } from './container/index.js';
import { detectFamily } from './detect.js';
import { parseGuardDuty } from './guardduty/index.js';
import { baseRecord, type Parser } from './normalize.js';
import { parseVpcFlow } from './vpcflow/index.js';
import { parseWaf } from './waf/index.js';

export { detectFamily } from './detect.js';
export { baseRecord, classificationByFamily, type Parser } from './normalize.js';
export { compileVpcFlowFormat, DEFAULT_VPC_FLOW_FORMAT } from './vpcflow/index.js';

export const parsersByFamily: Readonly<Record<LogFamily, Parser>> = {
  vpcflow: parseVpcFlow,
  waf: parseWaf,
  guardduty: parseGuardDuty,
  container: parseContainer,
  generic: parseGeneric,
};

/**
 * Reads one CloudWatch event into one Interflow record carrying `log_family`. A message that was routed to a
 * family but does not parse as it stays in that family with `parse_error`: it is not reparsed as generic, so a
 * broken WAF log still lands in the WAF class where its analysts look, and no event costs two parses.
 */
export function parseEvent(event: CloudWatchEvent, context: ParseContext): InterflowRecord {
  const family = detectFamily(event, context);
  try {
    return parsersByFamily[family](event, context);
  } catch (error) {
    // Parsers promise not to throw; if one does, the event is still kept.
    const record = baseRecord(event, context, family);
    record.parse_error = `${family} parser failed: ${errorMessage(error)}`;
    return record;
  }
}

/** One record per event, in order. */
export function parseEvents(events: readonly CloudWatchEvent[], context: ParseContext): InterflowRecord[] {
  const records = new Array<InterflowRecord>(events.length);
  for (let index = 0; index < events.length; index++) records[index] = parseEvent(events[index]!, context);
  return records;
}

function numberIn(value: unknown, key: string): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[key];
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

/**
 * The event time a message states about itself, read from its parsed record: VPC Flow `start`, WAF `timestamp`,
 * GuardDuty `updatedAt`, EKS audit `stageTimestamp`, Container Insights `Timestamp`. Undefined when it has none.
 * Used where no CloudWatch timestamp exists (`cwc parse` on raw lines).
 */
export function messageTimestamp(record: InterflowRecord): number | undefined {
  if (record.parse_error !== undefined && record.log_family !== 'container' && record.log_family !== 'generic') return undefined;
  switch (record.log_family) {
    case 'vpcflow':
      return typeof record.start_time === 'number' && Number.isFinite(record.start_time) ? record.start_time : undefined;
    case 'waf':
      return numberIn(record.waf, 'timestamp');
    case 'guardduty':
      return numberIn(record.guardduty, 'updated_at');
    default:
      return containerMessageTimestamp(record);
  }
}
