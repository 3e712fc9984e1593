// AES-256-GCM sealing of one secret under the master keyring, bound to where it is stored so blobs cannot be swapped.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CwcError } from '../../core/errors.js';
import type { MasterKey, MasterKeyring } from './master-key.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT_VERSION = 1;

/** The stored form of one secret. No plaintext, no key; `kid` names the key that sealed it. */
export interface SealedSecret {
  v: number;
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

/**
 * Seals `plaintext`. `context` (e.g. `connector:<id>:secretAccessKey`) is authenticated but not stored:
 * a blob copied to another connector or field fails to open.
 */
export function sealSecret(key: MasterKey, plaintext: string, context: string): SealedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { v: FORMAT_VERSION, kid: key.id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

export function keyFor(keyring: MasterKeyring, kid: string): MasterKey | undefined {
  return [keyring.current, ...keyring.previous].find((key) => key.id === kid);
}

/** Opens a sealed secret; errors say which key or which record is wrong, never any secret material. */
export function openSecret(keyring: MasterKeyring, sealed: SealedSecret, context: string): string {
  if (sealed.v !== FORMAT_VERSION) throw new CwcError('secret_unreadable', `secret for ${context} has unknown format version ${String(sealed.v)}`, { status: 500 });
  const key = keyFor(keyring, sealed.kid);
  if (key === undefined) {
    throw new CwcError(
      'master_key_mismatch',
      `secret for ${context} was sealed with master key ${sealed.kid}, but the configured key is ${keyring.current.id}: ` +
        'set CWC_MASTER_KEY (or the key file) to the key used before, or list it in CWC_MASTER_KEY_PREVIOUS to rotate',
      { status: 500 },
    );
  }
  try {
    const iv = Buffer.from(sealed.iv, 'base64');
    const tag = Buffer.from(sealed.tag, 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('bad iv or tag length');
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
  } catch (error) {
    // Do not pass the cause's message on: it carries nothing useful and must never echo material.
    void error;
    throw new CwcError('secret_tampered', `secret for ${context} failed its integrity check (tampered, corrupted or moved between records)`, { status: 500 });
  }
}

const KEY_CHECK_CONTEXT = 'cwc:master-key-check';
const KEY_CHECK_TEXT = 'cwc master key check';

/** A sealed known text stored once: opening it at start-up tells a wrong master key apart before any connector is touched. */
export function sealKeyCheck(key: MasterKey): SealedSecret {
  return sealSecret(key, KEY_CHECK_TEXT, KEY_CHECK_CONTEXT);
}

export function verifyKeyCheck(keyring: MasterKeyring, sealed: SealedSecret): void {
  const mismatch = () =>
    new CwcError(
      'master_key_mismatch',
      `this config database's secrets were sealed with master key ${sealed.kid}, but the configured key is ${keyring.current.id} and does not open them: ` +
        'set CWC_MASTER_KEY (or the key file) to the key used before, or list it in CWC_MASTER_KEY_PREVIOUS to rotate',
      { status: 500 },
    );
  let text: string;
  try {
    text = openSecret(keyring, sealed, KEY_CHECK_CONTEXT);
  } catch (error) {
    if (error instanceof CwcError && (error.code === 'secret_tampered' || error.code === 'master_key_mismatch')) throw mismatch();
    throw error;
  }
  if (text !== KEY_CHECK_TEXT) throw mismatch();
}
