// A cheap content test for detect.ts: does a message look like a VPC Flow Logs record? No full parse, no format needed.
import { isIpAddress } from './values.js';

// Real flow records are a few hundred bytes at most (40 fields of ids and ARNs); beyond this it is something else.
const maxSniffLength = 4096;
const maxTokens = 64;
const minTokens = 4;

/** Tokens only flow logs write: an action, a NODATA/SKIPDATA status, or an ENI / Transit Gateway attachment id. */
function isStrongMarker(token: string): boolean {
  return token === 'ACCEPT' || token === 'REJECT' || token === 'NODATA' || token === 'SKIPDATA' || token.startsWith('eni-') || token.startsWith('tgw-attach-');
}

const knownWords = new Set(['OK', 'IPv4', 'IPv6', 'EFA', 'ingress', 'egress', 'unknown', 'TransitGateway']);
const idPrefixes = ['vpc-', 'subnet-', 'i-', 'tgw-'];

function isDigits(token: string): boolean {
  for (let index = 0; index < token.length; index++) {
    const code = token.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return token.length > 0;
}

function isFlowLikeToken(token: string): boolean {
  return token === '-' || isDigits(token) || knownWords.has(token) || idPrefixes.some((prefix) => token.startsWith(prefix)) || isIpAddress(token, 0, token.length);
}

/**
 * True when the message is space-separated, short, has a token only flow logs write (ACCEPT/REJECT, NODATA/SKIPDATA,
 * `eni-…`), and three quarters of its tokens are flow-log values (numbers, IPs, `-`, resource ids, known words).
 */
export function looksLikeVpcFlow(message: string): boolean {
  if (typeof message !== 'string' || message.length < 7 || message.length > maxSniffLength) return false;
  const first = message.charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */) return false;
  const tokens = message.trim().split(' ');
  if (tokens.length < minTokens || tokens.length > maxTokens) return false;
  let marked = false;
  let flowLike = 0;
  for (const token of tokens) {
    if (isStrongMarker(token)) {
      marked = true;
      flowLike++;
    } else if (isFlowLikeToken(token)) {
      flowLike++;
    }
  }
  return marked && flowLike * 4 >= tokens.length * 3;
}
