// The GuardDuty family: the finding parser and the cheap content sniff that detect.ts uses.
import type { Parser } from '../normalize.js';
import { parseGuardDutyEvent } from './parse.js';

export { severityLabel, type SeverityLabel } from './parse.js';

/** GuardDuty finding (EventBridge envelope or bare) → Interflow record (msg_class aws_guardduty). Pure; never throws. */
export const parseGuardDuty: Parser = parseGuardDutyEvent;

/*
 * Keys are matched with their colon: `"source":"aws.guardduty"` cannot occur inside a JSON string value
 * (its quotes would be escaped), so attacker text in a WAF header or a container line cannot fake it.
 */
const envelopeSource = /"source"\s*:\s*"aws\.guardduty"/;
const findingArn = /"arn"\s*:\s*"arn:aws[a-z-]*:guardduty:/;
const schemaVersionKey = /"schemaVersion"\s*:/;

/**
 * Whether a message looks like GuardDuty output, without parsing it: the EventBridge envelope has
 * `"source": "aws.guardduty"`; a bare finding has a GuardDuty finding ARN and a `schemaVersion` key.
 */
export function looksLikeGuardDuty(message: string): boolean {
  // A bare word first: searching for a leading `"` is slow in JSON, where quotes are everywhere.
  if (!message.includes('guardduty')) return false;
  return envelopeSource.test(message) || (findingArn.test(message) && schemaVersionKey.test(message));
}
