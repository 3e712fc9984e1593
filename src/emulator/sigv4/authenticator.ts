// Verifies SigV4 on every request against known credentials and resolves the calling principal and region.
import { timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { Authenticator, EmulatorRequest, Principal, ServiceName } from '../types.js';
import { authError, MESSAGES } from './errors.js';
import {
  canonicalRequest,
  formatAmzDate,
  IncompleteSignatureProblem,
  parseAmzDate,
  parseAuthorization,
  signatureHex,
  signingKey,
  stringToSign,
  type ParsedAuthorization,
} from './signature.js';

/** What the authenticator needs to know about one access key. */
export interface KnownCredential {
  secretAccessKey: string;
  principal: Principal;
  /** Present for session (ASIA…) credentials: the request must carry it as `x-amz-security-token`. */
  sessionToken?: string;
}

export interface CredentialLookup {
  find(accessKeyId: string): KnownCredential | undefined;
}

/** How far a request's timestamp may be from the server's clock (observed on AWS: Logs 5 min, STS 15 min). */
export const CLOCK_SKEW_MINUTES: Record<ServiceName, number> = { logs: 5, sts: 15 };

/** Any region code of the AWS partitions (aws, aws-cn, aws-us-gov, iso…): data is kept per region, so all are served. */
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function createAuthenticator(options: { credentials: CredentialLookup; clock: Clock }): Authenticator {
  const { credentials, clock } = options;

  function requestTime(request: EmulatorRequest, service: ServiceName): { amzDate: string; milliseconds: number } {
    const amzHeader = request.headers['x-amz-date'];
    if (amzHeader !== undefined) {
      const milliseconds = parseAmzDate(amzHeader);
      if (milliseconds === undefined) throw authError(service, 'incomplete', `Date must be in ISO-8601 'basic format'. Got '${amzHeader}'. See http://en.wikipedia.org/wiki/ISO_8601`);
      return { amzDate: amzHeader, milliseconds };
    }
    const dateHeader = request.headers['date'];
    const milliseconds = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
    if (Number.isNaN(milliseconds)) throw authError(service, 'incomplete', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    return { amzDate: formatAmzDate(milliseconds), milliseconds };
  }

  function checkScope(parsed: ParsedAuthorization, amzDate: string, service: ServiceName): void {
    if (parsed.scopeDate !== amzDate.slice(0, 8)) {
      throw authError(service, 'signature', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
    }
    if (parsed.service !== service) throw authError(service, 'signature', `Credential should be scoped to correct service: '${service}'. `);
    if (!REGION_PATTERN.test(parsed.region)) throw authError(service, 'signature', `Credential should be scoped to a valid region, not '${parsed.region}'. `);
    if (parsed.terminator !== 'aws4_request') throw authError(service, 'signature', `Credential should be scoped with a valid terminator: 'aws4_request', not '${parsed.terminator}'. `);
  }

  function checkSkew(amzDate: string, requestMilliseconds: number, service: ServiceName): void {
    const minutes = CLOCK_SKEW_MINUTES[service];
    const now = clock();
    const windowMilliseconds = minutes * 60_000;
    if (requestMilliseconds < now - windowMilliseconds) {
      throw authError(service, 'signature', `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - windowMilliseconds)} (${formatAmzDate(now)} - ${minutes} min.)`);
    }
    if (requestMilliseconds > now + windowMilliseconds) {
      throw authError(service, 'signature', `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + windowMilliseconds)} (${formatAmzDate(now)} + ${minutes} min.)`);
    }
  }

  return {
    authenticate(request) {
      const service = request.service;
      const header = request.headers['authorization'];
      if (header === undefined || header.trim() === '') throw authError(service, 'missing', MESSAGES.missing);
      let parsed: ParsedAuthorization;
      try {
        parsed = parseAuthorization(header);
      } catch (error) {
        if (error instanceof IncompleteSignatureProblem) throw authError(service, 'incomplete', error.message);
        throw error;
      }
      for (const name of parsed.signedHeaders) {
        if (request.headers[name] === undefined) throw authError(service, 'incomplete', `'${name}' is named as a SignedHeader, but it does not exist in the HTTP request.`);
      }
      if (!parsed.signedHeaders.includes('host')) throw authError(service, 'incomplete', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
      const { amzDate, milliseconds } = requestTime(request, service);
      checkScope(parsed, amzDate, service);

      const known = credentials.find(parsed.accessKeyId);
      if (known === undefined) throw authError(service, 'unknownKey', MESSAGES.unknownKey);
      if (known.sessionToken !== undefined) {
        const token = request.headers['x-amz-security-token'];
        if (token === undefined || !constantTimeEqual(token, known.sessionToken)) throw authError(service, 'unknownKey', MESSAGES.unknownKey);
        if (known.principal.expiresAt !== undefined && clock() >= known.principal.expiresAt) throw authError(service, 'expiredToken', MESSAGES.expiredToken);
      }

      const canonical = canonicalRequest(request, parsed.signedHeaders);
      const scope = `${parsed.scopeDate}/${parsed.region}/${parsed.service}/aws4_request`;
      const expected = signatureHex(signingKey(known.secretAccessKey, parsed.scopeDate, parsed.region, parsed.service), stringToSign(amzDate, scope, canonical));
      if (!constantTimeEqual(expected, parsed.signature)) throw authError(service, 'signature', MESSAGES.signature);
      checkSkew(amzDate, milliseconds, service);
      return { principal: known.principal, region: parsed.region };
    },
  };
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // The time must not reveal where the values differ; their length is not secret (signatures are always 64 hex).
  return left.length === right.length && timingSafeEqual(left, right);
}
