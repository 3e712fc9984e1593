// The GuardDuty family: the finding parser and the cheap content sniff that detect.ts uses.
import type { Parser } from '../normalize.js';
import { parseGuardDutyEvent } from './parse.js';

export { severityLabel, type SeverityLabel } from './parse.js';

/** GuardDuty finding (EventBridge envelope or bare) → Interflow record (msg_class aws_guardduty). Pure; never throws. */
export const parseGuardDuty: Parser = parseGuardDutyEvent;

/**
 * Whether a message looks like GuardDuty output, without parsing it: the EventBridge envelope names
 * `"aws.guardduty"` as its source; a bare finding has a GuardDuty ARN and a `schemaVersion`.
 */
export function looksLikeGuardDuty(message: string): boolean {
  if (message.includes('"aws.guardduty"')) return true;
  return message.includes(':guardduty:') && message.includes('"schemaVersion"');
}
