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
    expect(second.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, n) => ({ version: n + 1 })),
    );
    second.close();
  });

  it("moves the log filters an older cwc kept in the API's own table into log_filters, keeping every row", () => {
    const file = join(dir, 'cwc-config.db');
    // A database as the previous version left it: migration 1 only, and the table the API created for itself.
    const old = openServiceDatabase(file);
    old.exec(`
      DROP TABLE log_filters;
      DELETE FROM schema_migrations WHERE version >= 2;
      CREATE TABLE api_log_filters (
        tenant TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
        PRIMARY KEY (tenant, id));
      INSERT INTO api_log_filters VALUES ('acme', 'drop-health', '{"id":"drop-health"}', 1, 2), ('globex', 'keep-rejects', '{"id":"keep-rejects"}', 3, 4);
    `);
    old.close();
    const upgraded = openServiceDatabase(file);
    expect(upgraded.prepare('SELECT * FROM log_filters ORDER BY tenant').all()).toEqual([
      { tenant: 'acme', id: 'drop-health', body: '{"id":"drop-health"}', created_at: 1, updated_at: 2 },
      { tenant: 'globex', id: 'keep-rejects', body: '{"id":"keep-rejects"}', created_at: 3, updated_at: 4 },
    ]);
    expect(upgraded.prepare("SELECT name FROM sqlite_master WHERE name = 'api_log_filters'").all()).toEqual([]);
    expect(upgraded.prepare('SELECT max(version) AS version FROM schema_migrations').get()).toEqual({ version: SCHEMA_VERSION });
    upgraded.close();
    // A new database gets the table from the migration, with nothing to move.
    const fresh = openServiceDatabase(join(dir, 'fresh.db'));
    expect(fresh.prepare('SELECT count(*) AS n FROM log_filters').get()).toEqual({ n: 0 });
    fresh.close();
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
