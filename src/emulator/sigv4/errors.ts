// The authentication errors each service answers with: Logs (JSON, always 400) and STS (Query, 400/403).
import { AwsError } from '../errors.js';
import type { ServiceName } from '../types.js';

export type AuthFailure = 'missing' | 'incomplete' | 'signature' | 'unknownKey' | 'expiredToken';

const CODES: Record<ServiceName, Record<AuthFailure, [code: string, status: number]>> = {
  logs: {
    missing: ['MissingAuthenticationTokenException', 400],
    incomplete: ['IncompleteSignatureException', 400],
    signature: ['InvalidSignatureException', 400],
    unknownKey: ['UnrecognizedClientException', 400],
    expiredToken: ['ExpiredTokenException', 400],
  },
  sts: {
    missing: ['MissingAuthenticationToken', 403],
    incomplete: ['IncompleteSignature', 400],
    signature: ['SignatureDoesNotMatch', 403],
    unknownKey: ['InvalidClientTokenId', 403],
    expiredToken: ['ExpiredToken', 403],
  },
};

export const MESSAGES = {
  missing: 'Request is missing Authentication Token',
  signature:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  unknownKey: 'The security token included in the request is invalid.',
  expiredToken: 'The security token included in the request is expired',
} as const;

export function authError(service: ServiceName, failure: AuthFailure, message: string): AwsError {
  const [code, status] = CODES[service][failure];
  return new AwsError(code, message, status);
}
