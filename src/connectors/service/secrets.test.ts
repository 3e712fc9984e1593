import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CwcError } from '../../core/errors.js';
import { loadMasterKeyring, loadOrCreateKeyFile, masterKeyFromBytes, parseMasterKey } from './master-key.js';
import { openSecret, sealSecret } from './secret-box.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cwc-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof CwcError ? error.code : 'not a CwcError';
  }
  return undefined;
}

describe('master key', () => {
  it('accepts 32 bytes as hex or base64, and both name the same key', () => {
    const bytes = randomBytes(32);
    const fromHex = parseMasterKey(bytes.toString('hex'), 'CWC_MASTER_KEY');
    const fromBase64 = parseMasterKey(bytes.toString('base64'), 'CWC_MASTER_KEY');
    expect(fromHex.key.equals(bytes)).toBe(true);
    expect(fromBase64.id).toBe(fromHex.id);
    expect(fromHex.id).not.toContain(bytes.toString('hex').slice(0, 8));
  });

  it('rejects a wrong length with a clear message that does not echo the value', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseMasterKey(short, 'CWC_MASTER_KEY')).toThrow(/CWC_MASTER_KEY must hold a 32-byte key .* decodes to 16 bytes/);
    try {
      parseMasterKey(short, 'CWC_MASTER_KEY');
    } catch (error) {
      expect((error as Error).message).not.toContain(short);
    }
    expect(() => parseMasterKey('not a key!', 'CWC_MASTER_KEY')).toThrow(/CWC_MASTER_KEY must hold a 32-byte key/);
  });

  it('creates the key file with mode 0600 on first start and reads the same key after', () => {
    const file = join(dir, 'cwc-master.key');
    const first = loadOrCreateKeyFile(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeyFile(file).id).toBe(first.id);
  });

  it('refuses a key file readable by group or others', () => {
    const file = join(dir, 'cwc-master.key');
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    chmodSync(file, 0o644);
    expect(() => loadOrCreateKeyFile(file)).toThrow(/refusing to use the master key file .* mode is 0644, readable by group or others; run: chmod 600/);
    chmodSync(file, 0o640);
    expect(() => loadOrCreateKeyFile(file)).toThrow(/readable by group or others/);
  });

  it('prefers CWC_MASTER_KEY over the key file and reads previous keys for rotation', () => {
    const current = randomBytes(32);
    const previous = randomBytes(32);
    const keyring = loadMasterKeyring({
      env: { CWC_MASTER_KEY: current.toString('base64'), CWC_MASTER_KEY_PREVIOUS: previous.toString('hex') },
      keyFile: join(dir, 'never-created.key'),
    });
    expect(keyring.current.key.equals(current)).toBe(true);
    expect(keyring.previous.map((key) => key.key.equals(previous))).toEqual([true]);
    expect(() => readFileSync(join(dir, 'never-created.key'))).toThrow();
  });
});

describe('secret box (AES-256-GCM)', () => {
  const key = masterKeyFromBytes(randomBytes(32));
  const keyring = { current: key, previous: [] };

  it('round-trips, with a fresh IV each time and no plaintext in the sealed form', () => {
    const a = sealSecret(key, 'hunter2-secret', 'connector:1:secretAccessKey');
    const b = sealSecret(key, 'hunter2-secret', 'connector:1:secretAccessKey');
    expect(a.iv).not.toBe(b.iv);
    expect(Buffer.from(a.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(a.tag, 'base64')).toHaveLength(16);
    expect(a.kid).toBe(key.id);
    expect(JSON.stringify(a)).not.toContain('hunter2');
    expect(openSecret(keyring, a, 'connector:1:secretAccessKey')).toBe('hunter2-secret');
  });

  it('rejects tampered ciphertext, tag or IV', () => {
    const sealed = sealSecret(key, 'hunter2-secret', 'ctx');
    const flip = (text: string) => {
      const bytes = Buffer.from(text, 'base64');
      bytes[0]! ^= 1;
      return bytes.toString('base64');
    };
    expect(codeOf(() => openSecret(keyring, { ...sealed, data: flip(sealed.data) }, 'ctx'))).toBe('secret_tampered');
    expect(codeOf(() => openSecret(keyring, { ...sealed, tag: flip(sealed.tag) }, 'ctx'))).toBe('secret_tampered');
    expect(codeOf(() => openSecret(keyring, { ...sealed, iv: flip(sealed.iv) }, 'ctx'))).toBe('secret_tampered');
  });

  it('rejects a blob moved to another record or field', () => {
    const sealed = sealSecret(key, 'hunter2-secret', 'connector:1:secretAccessKey');
    expect(codeOf(() => openSecret(keyring, sealed, 'connector:2:secretAccessKey'))).toBe('secret_tampered');
    expect(codeOf(() => openSecret(keyring, sealed, 'connector:1:sourceSecretAccessKey'))).toBe('secret_tampered');
  });

  it('explains a wrong master key by key id, and opens with a previous key during rotation', () => {
    const sealed = sealSecret(key, 'hunter2-secret', 'ctx');
    const other = masterKeyFromBytes(randomBytes(32));
    expect(() => openSecret({ current: other, previous: [] }, sealed, 'ctx')).toThrow(new RegExp(`sealed with master key ${key.id}, but the configured key is ${other.id}`));
    expect(openSecret({ current: other, previous: [key] }, sealed, 'ctx')).toBe('hunter2-secret');
  });
});
