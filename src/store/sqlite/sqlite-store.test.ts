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
