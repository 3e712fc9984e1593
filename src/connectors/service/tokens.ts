// Session and API tokens: 32 random bytes handed out once; only their SHA-256 is stored, so a copy of the DB logs no one in.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'cwc_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so a plain (unsalted, fast) hash is enough: there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
