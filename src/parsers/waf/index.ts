// The AWS WAF family: the parser and the cheap content sniff that detect.ts uses.
import type { Parser } from '../normalize.js';
import { parseWafEvent } from './parse.js';

/** WAF web ACL log event → Interflow record (msg_class aws_cloudwatch_waf). Pure; never throws. */
export const parseWaf: Parser = parseWafEvent;

/**
 * Whether a message looks like a WAF log, without parsing it: every WAF log object carries
 * `webaclId` and `httpRequest`. A false positive costs nothing worse than a record with `parse_error`.
 */
export function looksLikeWaf(message: string): boolean {
  return message.includes('"webaclId"') && message.includes('"httpRequest"');
}
