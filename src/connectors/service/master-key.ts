// The 32-byte master key for secrets at rest: from CWC_MASTER_KEY (base64 or hex) or a 0600 key file created on first start.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { CwcError } from '../../core/errors.js';

export const MASTER_KEY_BYTES = 32;
export const MASTER_KEY_FILE = 'cwc-master.key';

export interface MasterKey {
  /** A fingerprint (not the key): names the key a secret was sealed with, so rotation and mismatches can be explained. */
  id: string;
  key: Buffer;
}

/** The current key seals new secrets; older keys (during a rotation) can still open them. */
export interface MasterKeyring {
  current: MasterKey;
  previous: MasterKey[];
}

function keyError(message: string): CwcError {
  return new CwcError('master_key_invalid', message, { status: 500 });
}

export function masterKeyFromBytes(key: Buffer): MasterKey {
  if (key.length !== MASTER_KEY_BYTES) throw keyError(`the master key must be ${MASTER_KEY_BYTES} bytes, got ${key.length}`);
  return { id: `k${createHash('sha256').update('cwc-master-key-id\0').update(key).digest('hex').slice(0, 16)}`, key };
}

/** Parses a key as typed in an environment variable; `source` names that variable in the error, never the value. */
export function parseMasterKey(text: string, source: string): MasterKey {
  const trimmed = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) bytes = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes === undefined || bytes.length !== MASTER_KEY_BYTES) {
    throw keyError(
      `${source} must hold a ${MASTER_KEY_BYTES}-byte key as 64 hex digits or 44 base64 characters` +
        ` (it decodes to ${bytes?.length ?? 'no'} bytes); generate one with: openssl rand -base64 32`,
    );
  }
  return masterKeyFromBytes(bytes);
}

/**
 * Reads the key file, or creates it (mode 0600, exclusive create so two starting processes cannot both write one).
 * A file that group or others can read is refused: anyone who can read it can read every connector secret.
 */
export function loadOrCreateKeyFile(path: string): MasterKey {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
    const key = randomBytes(MASTER_KEY_BYTES);
    try {
      writeSync(fd, `${key.toString('base64')}\n`);
    } finally {
      closeSync(fd);
    }
    return masterKeyFromBytes(key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new CwcError('master_key_file', `cannot create the master key file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { status: 500, cause: error });
    }
  }
  fd = openSync(path, 'r');
  try {
    const mode = fstatSync(fd).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw keyError(`refusing to use the master key file ${path}: its mode is 0${mode.toString(8)}, readable by group or others; run: chmod 600 ${path}`);
    }
    return parseMasterKey(readFileSync(fd, 'utf8'), `the master key file ${path}`);
  } finally {
    closeSync(fd);
  }
}

export interface MasterKeyOptions {
  env?: NodeJS.ProcessEnv;
  /** Used when CWC_MASTER_KEY is not set. */
  keyFile: string;
}

/**
 * CWC_MASTER_KEY wins over the key file; CWC_MASTER_KEY_PREVIOUS (comma-separated) lists keys being rotated out,
 * which can still open secrets until `rotateSecrets` has re-sealed them under the current key.
 */
export function loadMasterKeyring(options: MasterKeyOptions): MasterKeyring {
  const env = options.env ?? process.env;
  const fromEnv = env.CWC_MASTER_KEY;
  const current = fromEnv !== undefined && fromEnv !== '' ? parseMasterKey(fromEnv, 'CWC_MASTER_KEY') : loadOrCreateKeyFile(options.keyFile);
  const previous = (env.CWC_MASTER_KEY_PREVIOUS ?? '')
    .split(',')
    .filter((text) => text.trim() !== '')
    .map((text, index) => parseMasterKey(text, `CWC_MASTER_KEY_PREVIOUS[${index}]`));
  return { current, previous };
}
