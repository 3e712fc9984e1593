// SigV4 building blocks as AWS computes them server-side: Authorization parsing, canonical request, signing key.
import { createHash, createHmac } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface ParsedAuthorization {
  accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  /** Lower-cased names, in the order the client listed them. */
  signedHeaders: string[];
  signature: string;
}

/** Why an Authorization header cannot be used: maps to IncompleteSignature(Exception). */
export class IncompleteSignatureProblem extends Error {}

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` with AWS's Coral messages. */
export function parseAuthorization(header: string): ParsedAuthorization {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${ALGORITHM} `)) {
    throw new IncompleteSignatureProblem(`Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=${header}`);
  }
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(ALGORITHM.length + 1).split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const equals = item.indexOf('=');
    if (equals === -1) throw new IncompleteSignatureProblem(`'${item}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`);
    fields.set(item.slice(0, equals), item.slice(equals + 1));
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !fields.has(name));
  if (missing.length > 0) {
    throw new IncompleteSignatureProblem(`${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ')} Authorization=${header}`);
  }
  const credential = fields.get('Credential') as string;
  const parts = credential.split('/');
  if (parts.length !== 5) {
    throw new IncompleteSignatureProblem(`Credential should have the form 'ACCESS_KEY/YYYYMMDD/REGION/SERVICE/aws4_request', got '${credential}'.`);
  }
  const [accessKeyId, scopeDate, region, service, terminator] = parts as [string, string, string, string, string];
  const signedHeaders = (fields.get('SignedHeaders') as string).split(';').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  return { accessKeyId, scopeDate, region, service, terminator, signedHeaders, signature: (fields.get('Signature') as string).toLowerCase() };
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters is %XX (upper-case hex). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, '%20'));
  } catch {
    return text;
  }
}

/**
 * The canonical URI for non-S3 services: the path as sent on the wire, dot-segments removed, each segment
 * encoded once more (AWS calls this double encoding: `%20` on the wire becomes `%2520`).
 */
export function canonicalUri(path: string): string {
  if (path === '' || path === '/') return '/';
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '.') continue;
    if (segment === '..') {
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  const joined = segments.map((segment) => uriEncode(segment)).join('/');
  return joined.startsWith('/') ? joined : `/${joined}`;
}

/** `k=v` pairs, RFC 3986-encoded, sorted by key then value; the signature itself is never part of it. */
export function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const item of query.split('&')) {
    if (item === '') continue;
    const equals = item.indexOf('=');
    const key = safeDecode(equals === -1 ? item : item.slice(0, equals));
    const value = equals === -1 ? '' : safeDecode(item.slice(equals + 1));
    if (key === 'X-Amz-Signature') continue;
    pairs.push([uriEncode(key), uriEncode(value)]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface CanonicalInput {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** The canonical request of SigV4 §5, over exactly the headers the client said it signed. */
export function canonicalRequest(request: CanonicalInput, signedHeaders: string[]): string {
  const sorted = [...signedHeaders].sort();
  const headerLines = sorted.map((name) => `${name}:${(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  return [request.method.toUpperCase(), canonicalUri(request.path), canonicalQuery(request.query), headerLines, sorted.join(';'), sha256Hex(request.body)].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

export function signingKey(secretAccessKey: string, scopeDate: string, region: string, service: string): Buffer {
  const dateKey = createHmac('sha256', `AWS4${secretAccessKey}`).update(scopeDate).digest();
  const regionKey = createHmac('sha256', dateKey).update(region).digest();
  const serviceKey = createHmac('sha256', regionKey).update(service).digest();
  return createHmac('sha256', serviceKey).update('aws4_request').digest();
}

export function signatureHex(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign).digest('hex');
}

/** `20261128T032246Z` for a time in ms since epoch. */
export function formatAmzDate(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Parses `YYYYMMDD'T'HHMMSS'Z'`; undefined when malformed. */
export function parseAmzDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const value = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  return Number.isNaN(value) ? undefined : value;
}
