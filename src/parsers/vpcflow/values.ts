// Typed readers for single VPC Flow Log tokens, given as [start, end) ranges of the line: charCode loops, no regexes
// and no substrings, so the per-line cost stays close to a plain split.
import { isIPv6 } from 'node:net';

/** Returned by readUnsigned when the token is not a canonical decimal integer. */
export const NOT_A_NUMBER = -1;
/** Returned by readUnsigned when the token is a decimal integer above the allowed maximum. */
export const OUT_OF_RANGE = -2;

/**
 * Reads a canonical non-negative decimal integer (no sign, no leading zeros) no greater than `maximum`
 * (at most Number.MAX_SAFE_INTEGER, so the result is always exact).
 * Returns the value, NOT_A_NUMBER or OUT_OF_RANGE.
 */
export function readUnsigned(text: string, start: number, end: number, maximum: number): number {
  const length = end - start;
  if (length <= 0) return NOT_A_NUMBER;
  const first = text.charCodeAt(start) - 48;
  if (first < 0 || first > 9) return NOT_A_NUMBER;
  if (first === 0 && length > 1) return NOT_A_NUMBER;
  let value = first;
  for (let index = start + 1; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return NOT_A_NUMBER;
    // Beyond 16 digits the running value could lose precision; the remaining characters still have to be digits.
    if (index - start < 16) value = value * 10 + digit;
  }
  if (length > 16 || value > maximum) return OUT_OF_RANGE;
  return value;
}

/** Dotted-quad IPv4 in canonical form: four decimal octets 0–255, no leading zeros. */
export function isIPv4Address(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length < 7 || length > 15) return false;
  let octets = 0;
  let value = 0;
  let digits = 0;
  let leadingZero = false;
  for (let index = start; index <= end; index++) {
    const code = index === end ? 46 : text.charCodeAt(index);
    if (code === 46) {
      if (digits === 0 || value > 255 || (leadingZero && digits > 1)) return false;
      octets++;
      value = 0;
      digits = 0;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return false;
    if (digits === 0) leadingZero = digit === 0;
    value = value * 10 + digit;
    digits++;
    if (digits > 3) return false;
  }
  return octets === 4;
}

/** IPv4 or IPv6 (without a zone index: flow logs carry none, and `%` would be attacker-chosen text). */
export function isIpAddress(text: string, start: number, end: number): boolean {
  if (isIPv4Address(text, start, end)) return true;
  const length = end - start;
  if (length < 2 || length > 45) return false;
  const token = text.slice(start, end);
  return token.indexOf(':') !== -1 && token.indexOf('%') === -1 && isIPv6(token);
}

/**
 * Whether a free-form token is non-empty and printable: no whitespace, C0/C1 control characters, DEL or lone
 * surrogate halves.
 */
export function isPrintableToken(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x21 || (code >= 0x7f && code <= 0x9f)) return false;
    if (code >= 0xd800 && code <= 0xdfff) {
      // A high surrogate must be followed by a low one; anything else is not text.
      const next = index + 1 < end ? text.charCodeAt(index + 1) : 0;
      if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
      index++;
    }
  }
  return true;
}

/** An AWS resource id: the given prefix (`eni-`, `vpc-`, …) followed by one or more ASCII letters or digits. */
export function isResourceId(text: string, start: number, end: number, prefix: string): boolean {
  if (end - start <= prefix.length || !text.startsWith(prefix, start)) return false;
  for (let index = start + prefix.length; index < end; index++) {
    const code = text.charCodeAt(index);
    const lower = code | 0x20;
    if (!((code >= 48 && code <= 57) || (lower >= 97 && lower <= 122))) return false;
  }
  return true;
}

/** A 12-digit AWS account id, or `unknown` (AWS writes that for ENIs owned by AWS services). */
export function isAccountId(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 7) return text.startsWith('unknown', start);
  if (length !== 12) return false;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return false;
  }
  return true;
}

/** Whether text[start, end) is exactly one of the choices. */
export function isOneOf(text: string, start: number, end: number, choices: readonly string[]): boolean {
  const length = end - start;
  for (const choice of choices) {
    if (choice.length === length && text.startsWith(choice, start)) return true;
  }
  return false;
}

// Bits 0–5 are the six flags AWS documents (FIN 1, SYN 2, RST 4, PSH 8, ACK 16, URG 32); ECE and CWR complete the byte.
const tcpFlagNamesByBit: readonly string[] = ['fin', 'syn', 'rst', 'psh', 'ack', 'urg', 'ece', 'cwr'];

/** The names of the TCP flags set in a flow's OR-ed flag byte, lowest bit first (18 = SYN-ACK → ['syn', 'ack']). */
export function tcpFlagNames(flags: number): string[] {
  const names: string[] = [];
  for (let bit = 0; bit < tcpFlagNamesByBit.length; bit++) {
    if ((flags & (1 << bit)) !== 0) names.push(tcpFlagNamesByBit[bit] as string);
  }
  return names;
}
