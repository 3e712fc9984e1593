import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServiceDatabase, readMeta, SCHEMA_VERSION, writeMeta } from './database.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cwc-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('config database', () => {
  it('applies migrations once: reopening keeps data and records each version once', () => {
    const file = join(dir, 'cwc-config.db');
    const first = openServiceDatabase(file);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.pragma('foreign_keys', { simple: true })).toBe(1);
    writeMeta(first, 'probe', 'kept');
    first.close();
    const second = openServiceDatabase(file);
    expect(readMeta(second, 'probe')).toBe('kept');
    expect(second.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: SCHEMA_VERSION }]);
    second.close();
  });

  it('refuses a database from a newer cwc instead of guessing at its schema', () => {
    const file = join(dir, 'cwc-config.db');
    const db = openServiceDatabase(file);
    db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(SCHEMA_VERSION + 1);
    db.close();
    expect(() => openServiceDatabase(file)).toThrow(/newer than this cwc understands/);
  });

  it('names the file when it cannot be opened', () => {
    expect(() => openServiceDatabase(join(dir, 'missing-dir', 'x.db'))).toThrow(/cannot open the config database .*missing-dir/);
  });
});
