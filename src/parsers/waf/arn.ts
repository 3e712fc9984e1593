// Splits a WAFv2 web ACL ARN into its Region, account, scope and name by hand: the regex it replaces was a measurable share of the parser's time.

/** The parts of `arn:aws[-partition]:wafv2:<region>:<account>:<regional|global>/webacl/<name>/<id>`. */
export interface WebAclArn {
  region: string;
  accountId: string;
  scope: 'regional' | 'global';
  name: string;
}

function isLowerOrDash(code: number): boolean {
  return (code >= 97 && code <= 122) || code === 45;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Web ACLs seen recently: a log group holds one web ACL's logs, so nearly every event repeats an ARN already split.
 * A short list compared with `===` (length first, then the bytes) beats a Map, which would hash every new string.
 */
const recentTexts: string[] = [];
const recentParts: Array<WebAclArn | undefined> = [];
const maxRecentArns = 8;
let nextSlot = 0;

/** `parseWebAclArn`, remembering the last few distinct ARNs (bounded: attacker-chosen ARNs cannot grow it). */
export function splitWebAclArn(text: string): WebAclArn | undefined {
  for (let i = 0; i < recentTexts.length; i++) if (recentTexts[i] === text) return recentParts[i];
  const parts = parseWebAclArn(text);
  // Long strings are not kept: a valid ARN is short, and the list must not pin large attacker text.
  if (text.length <= 256) {
    recentTexts[nextSlot] = text;
    recentParts[nextSlot] = parts;
    nextSlot = (nextSlot + 1) % maxRecentArns;
  }
  return parts;
}

/**
 * The parts of a web ACL ARN, or undefined when the text is not one. Accepts exactly what
 * `/^arn:aws[a-z-]*:wafv2:([a-z0-9-]*):(\d{12}):(regional|global)\/webacl\/([^/]+)\/[^/]+$/` accepts
 * (arn.test.ts checks the two agree); the region may be empty (CloudFront web ACLs are global).
 */
export function parseWebAclArn(text: string): WebAclArn | undefined {
  if (!text.startsWith('arn:aws')) return undefined;
  const partitionEnd = text.indexOf(':', 7);
  if (partitionEnd < 0) return undefined;
  for (let i = 7; i < partitionEnd; i++) if (!isLowerOrDash(text.charCodeAt(i))) return undefined;
  if (!text.startsWith('wafv2:', partitionEnd + 1)) return undefined;
  const regionStart = partitionEnd + 7;
  const regionEnd = text.indexOf(':', regionStart);
  if (regionEnd < 0) return undefined;
  for (let i = regionStart; i < regionEnd; i++) {
    const code = text.charCodeAt(i);
    if (!isLowerOrDash(code) && !isDigit(code)) return undefined;
  }
  const accountStart = regionEnd + 1;
  const accountEnd = accountStart + 12;
  if (text.length <= accountEnd || text.charCodeAt(accountEnd) !== 58 /* : */) return undefined;
  for (let i = accountStart; i < accountEnd; i++) if (!isDigit(text.charCodeAt(i))) return undefined;
  let scope: WebAclArn['scope'];
  let nameStart: number;
  if (text.startsWith('regional/webacl/', accountEnd + 1)) {
    scope = 'regional';
    nameStart = accountEnd + 17;
  } else if (text.startsWith('global/webacl/', accountEnd + 1)) {
    scope = 'global';
    nameStart = accountEnd + 15;
  } else {
    return undefined;
  }
  const nameEnd = text.indexOf('/', nameStart);
  // A non-empty name, then a non-empty id with no further `/`.
  if (nameEnd <= nameStart || nameEnd === text.length - 1 || text.indexOf('/', nameEnd + 1) >= 0) return undefined;
  return { region: text.slice(regionStart, regionEnd), accountId: text.slice(accountStart, accountEnd), scope, name: text.slice(nameStart, nameEnd) };
}
