// The AWS WAF family: the parser and the cheap content sniff that detect.ts uses.
import type { Parser } from '../normalize.js';
import { parseWafEvent } from './parse.js';

/** WAF web ACL log event → Interflow record (msg_class aws_cloudwatch_waf). Pure; never throws. */
export const parseWaf: Parser = parseWafEvent;

/** `"key":` with an unescaped quote before the colon only occurs as a real JSON key, never inside a string value. */
const wafKeys = /"webaclId"\s*:/;
const httpRequestKey = /"httpRequest"\s*:/;

/**
 * Whether a message looks like a WAF log, without parsing it: every WAF log object has the keys
 * `webaclId` and `httpRequest`. Matching them as keys (followed by `:`) means a request header whose
 * value is "webaclId" cannot make another family's message look like WAF. A false positive costs
 * nothing worse than a record with `parse_error`.
 */
export function looksLikeWaf(message: string): boolean {
  // A bare word first: searching for a leading `"` is slow in JSON, where quotes are everywhere.
  return message.includes('webaclId') && wafKeys.test(message) && httpRequestKey.test(message);
}
