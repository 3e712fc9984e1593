// Runs the store contract on the SQLite backend, plus SQLite specifics (files, partitions).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../contract/contract.js';
import { SqliteStore } from './sqlite-store.js';

const directory = mkdtempSync(path.join(tmpdir(), 'cwc-store-'));
let counter = 0;
afterAll(() => rmSync(directory, { recursive: true, force: true }));

storeContract('sqlite', async (options) => {
  counter += 1;
  const file = path.join(directory, `store-${counter}.db`);
  return { store: new SqliteStore(file, options), reopen: async () => new SqliteStore(file, options) };
});

describe('SqliteStore memory', () => {
  it('sizes its page cache from cacheMebibytes and rejects absurd values', async () => {
    const store = new SqliteStore(':memory:', { cacheMebibytes: 48 });
    const cache = (store as unknown as { db: { pragma(name: string, options: { simple: true }): unknown } }).db.pragma('cache_size', { simple: true });
    expect(cache).toBe(-48 * 1024);
    await store.close();
    expect(() => new SqliteStore(':memory:', { cacheMebibytes: 0 })).toThrow(/cacheMebibytes: must be from 1 to 65536/);
  });
});

describe('SqliteStore search on unusual fields', () => {
  it('answers two-sided ranges on JSON fields, and treats Object built-in names as unknown fields (400), never a 500', async () => {
    const store = new SqliteStore(':memory:');
    const base = { msg_class: 'aws_guardduty', msg_origin: { source: 'aws_guardduty', vendor: 'aws', category: 'paas' }, index: 'syslog', log_family: 'guardduty', message: 'finding' } as const;
    await store.write([2, 5, 8].map((severity, i) => ({ ...base, timestamp: 1_767_225_600_000 + i, severity, aws: { event_id: String(i) } })));
    const hits = await store.search({ query: 'severity:[1 TO 5]' }, { allTenants: true });
    expect(hits.hits.map((hit) => hit.severity).sort()).toEqual([2, 5]);
    for (const query of ['constructor:x', '__proto__:*']) {
      await expect(store.search({ query }, { allTenants: true }), query).rejects.toMatchObject({ status: 400 });
    }
    await store.close();
  });
});

describe('SqliteStore traffic layout', () => {
  it('keeps JSON traffic rows in a store made before the columnar layout, and columns in a new one', async () => {
    const { trafficRecord, syslogRecord } = await import('../contract/records.js');
    const t0 = Date.UTC(2026, 0, 10);
    const layoutOf = (store: SqliteStore) => {
      const db = (store as unknown as { db: import('better-sqlite3').Database }).db;
      const name = (db.prepare("SELECT name FROM partitions WHERE index_name = 'traffic' LIMIT 1").get() as { name: string }).name;
      return (db.prepare(`SELECT name FROM pragma_table_info('${name}')`).all() as Array<{ name: string }>).some((c) => c.name === 'record') ? 'json' : 'columns';
    };
    const fresh = path.join(directory, 'fresh-layout.db');
    const store = new SqliteStore(fresh);
    await store.write([trafficRecord(1, t0)]);
    expect(layoutOf(store)).toBe('columns');
    await store.close();
    // A version-1 store with data (what a release from before decision 0013 leaves): it keeps JSON traffic rows.
    const old = path.join(directory, 'old-layout.db');
    const before = new SqliteStore(old);
    await before.write([syslogRecord(1, t0)]);
    (before as unknown as { db: import('better-sqlite3').Database }).db.exec("UPDATE store_meta SET value = '1' WHERE key = 'schema_version'");
    await before.close();
    const reopened = new SqliteStore(old);
    const records = [trafficRecord(2, t0), trafficRecord(3, t0 + 1)];
    expect(await reopened.write(records)).toEqual({ stored: 2, duplicates: 0 });
    expect(layoutOf(reopened)).toBe('json');
    (reopened as unknown as { db: import('better-sqlite3').Database }).db.exec("UPDATE store_meta SET value = '3' WHERE key = 'schema_version'");
    const hits = await reopened.search({ indices: ['traffic'], query: 'vpcflow.srcaddr:10.* AND dstport:22', sort: 'asc' }, { allTenants: true });
    expect(hits.hits.map((hit) => hit.aws.event_id)).toEqual(records.filter((r) => r.dstport === 22).map((r) => r.aws.event_id));
    await reopened.close();
    expect(() => new SqliteStore(old)).toThrow(/has schema version 3; this cwc reads versions 1 and 2/);
  });
});
