import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CwcError } from '../../core/errors.js';
import type { InterflowRecord } from '../../core/record.js';
import { trafficRecord } from '../contract/records.js';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import { sqliteOpener } from './open-sqlite.js';
import { siblingModuleUrl } from '../../core/worker-thread.js';
import { StoreWriter } from './store-writer.js';

const t0 = Date.UTC(2026, 10, 28, 10, 0, 0);

describe('StoreWriter (a SQLite store owned by a worker thread)', () => {
  let directory: string;
  let writer: StoreWriter | undefined;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'cwc-store-writer-'));
  });
  afterEach(async () => {
    await writer?.close();
    writer = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  /** What another connection sees once the writer has closed: records and the checkpoint. */
  async function readBack(file: string, key: string): Promise<{ count: number; checkpoint: unknown }> {
    const store = new SqliteStore(file);
    try {
      return { count: (await store.count({}, { allTenants: true })).value, checkpoint: await store.readCheckpoint(key) };
    } finally {
      await store.close();
    }
  }

  it('commits records with their checkpoint, counts duplicates, and answers checkpoint reads', async () => {
    const file = join(directory, 'store.db');
    writer = await StoreWriter.start({ openStore: sqliteOpener(file, { cacheMebibytes: 4 }) });
    const records = Array.from({ length: 50 }, (_, i) => trafficRecord(i, t0 + i));
    expect(await writer.write(records, { key: 'unit', value: { finalUntil: 1 } })).toEqual({ stored: 50, duplicates: 0, counts: {} });
    expect(await writer.write(records.slice(40), { key: 'unit', value: { finalUntil: 2 } })).toEqual({ stored: 0, duplicates: 10, counts: {} });
    expect(await writer.readCheckpoint('unit')).toEqual({ finalUntil: 2 });
    await writer.close();
    writer = undefined;
    expect(await readBack(file, 'unit')).toEqual({ count: 50, checkpoint: { finalUntil: 2 } });
  });

  it('commits writes in the order they were sent, however many are in flight', async () => {
    const file = join(directory, 'store.db');
    writer = await StoreWriter.start({ openStore: sqliteOpener(file) });
    const results = await Promise.all(Array.from({ length: 20 }, (_, batch) => writer!.write([trafficRecord(batch, t0 + batch)], { key: 'unit', value: batch })));
    expect(results.every((result) => result.stored === 1)).toBe(true);
    expect(await writer.readCheckpoint('unit')).toBe(19);
  });

  it('prepares payloads into records inside the worker with a preparer named by module and export', async () => {
    const file = join(directory, 'store.db');
    const prepare = { moduleUrl: siblingModuleUrl(import.meta.url, './testdata/traffic-preparer'), exportName: 'trafficPreparer', config: { salt: 7 } };
    writer = await StoreWriter.start({ openStore: sqliteOpener(file), prepare });
    expect(await writer.write({ first: 0, count: 300, timestamp: t0 }, { key: 'k', value: 'a' })).toEqual({ stored: 300, duplicates: 0, counts: { prepared: 300, salt: 7 } });
    expect(await writer.write({ first: 200, count: 200, timestamp: t0 + 200 }, { key: 'k', value: 'b' })).toMatchObject({ stored: 100, duplicates: 100 });
    await writer.close();
    writer = undefined;
    expect(await readBack(file, 'k')).toEqual({ count: 400, checkpoint: 'b' });
  });

  it('rejects an invalid batch whole with the store’s 400 error, and goes on writing', async () => {
    const file = join(directory, 'store.db');
    writer = await StoreWriter.start({ openStore: sqliteOpener(file) });
    await writer.write([trafficRecord(1, t0)], { key: 'k', value: 1 });
    const bad = { ...trafficRecord(3, t0), timestamp: 'yesterday' } as unknown as InterflowRecord;
    const error = await writer.write([trafficRecord(2, t0), bad], { key: 'k', value: 2 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CwcError);
    expect(error).toMatchObject({ status: 400, details: [{ path: 'records[1].timestamp' }] });
    expect(await writer.readCheckpoint('k')).toBe(1);
    expect(await writer.write([trafficRecord(4, t0)], { key: 'k', value: 3 })).toMatchObject({ stored: 1 });
    await writer.close();
    writer = undefined;
    expect(await readBack(file, 'k')).toEqual({ count: 2, checkpoint: 3 });
  });

  it('fails to start, with the reason, when the store cannot be opened', async () => {
    await expect(StoreWriter.start({ openStore: sqliteOpener(join(directory, 'missing', 'dir', 'store.db')) })).rejects.toThrow(/store writer failed/);
  });

  it('refuses writes after it is closed instead of hanging', async () => {
    writer = await StoreWriter.start({ openStore: sqliteOpener(join(directory, 'store.db')) });
    await writer.close();
    await expect(writer.write([trafficRecord(1, t0)])).rejects.toThrow(/exited/);
    writer = undefined;
  });
});
