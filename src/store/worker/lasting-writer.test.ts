// A lasting writer starts a new thread when the last one died, once for callers at the same moment, and keeps the data.
import type { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { trafficRecord } from '../contract/records.js';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import { LastingStoreWriter } from './lasting-writer.js';
import { sqliteOpener } from './open-sqlite.js';

const directory = mkdtempSync(path.join(tmpdir(), 'cwc-lasting-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

it('replaces a writer whose thread died, and both threads\' writes are in the store', async () => {
  const file = path.join(directory, 'store.db');
  const lasting = await LastingStoreWriter.start({ openStore: sqliteOpener(file) });
  try {
    const first = await lasting.current();
    await first.write([trafficRecord(1, Date.UTC(2026, 0, 1))], { key: 'k', value: 1 });
    // The thread dies (here: terminated from outside, as an out-of-memory abort would end it).
    await (first as unknown as { worker: Worker }).worker.terminate();
    await expect.poll(() => first.usable).toBe(false);
    await expect(first.write([trafficRecord(2, Date.UTC(2026, 0, 1))])).rejects.toThrow(/store writer/);
    const [a, b] = await Promise.all([lasting.current(), lasting.current()]);
    expect(a).toBe(b);
    expect(a).not.toBe(first);
    expect(await a.readCheckpoint('k')).toBe(1);
    await a.write([trafficRecord(3, Date.UTC(2026, 0, 1))], { key: 'k', value: 3 });
    expect(await lasting.current()).toBe(a);
  } finally {
    await lasting.close();
  }
  const store = new SqliteStore(file);
  expect((await store.count({}, { allTenants: true })).value).toBe(2);
  expect(await store.readCheckpoint('k')).toBe(3);
  await store.close();
});
