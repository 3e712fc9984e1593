// Hour partitions and deferred search indexes: open partitions answer like sealed ones, late writes into sealed ones are indexed and deduplicated.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { InterflowRecord } from '../../core/record.js';
import { trafficRecord, syslogRecord } from '../contract/records.js';
import type { SearchRequest } from '../store.js';
import { SqliteStore } from './sqlite-store.js';

const directory = mkdtempSync(path.join(tmpdir(), 'cwc-seal-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let counter = 0;
const all = { allTenants: true } as const;
const hour = 3_600_000;
const t0 = Date.UTC(2026, 2, 1, 0, 0, 0);

function db(store: SqliteStore): Database.Database {
  return (store as unknown as { db: Database.Database }).db;
}

function partitionState(store: SqliteStore): Array<{ name: string; sealed: number; indexes: string[] }> {
  const rows = db(store).prepare('SELECT name, sealed FROM partitions ORDER BY name').all() as Array<{ name: string; sealed: number }>;
  return rows.map((row) => ({
    ...row,
    indexes: (db(store).prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name").all(row.name) as Array<{ name: string }>)
      .map((index) => index.name.slice(row.name.length)),
  }));
}

function newStore(clock = () => t0): { store: SqliteStore; file: string } {
  counter += 1;
  const file = path.join(directory, `seal-${counter}.db`);
  return { store: new SqliteStore(file, { clock }), file };
}

/** Six hours of traffic, one record a minute, with few enough addresses that exact and CIDR queries match many. */
function sixHours(): InterflowRecord[] {
  return Array.from({ length: 360 }, (_, i) => trafficRecord(i, t0 + i * 60_000 + (i % 7) * 1000, { sourcePool: 40 }));
}

async function allPages(store: SqliteStore, request: SearchRequest): Promise<number[]> {
  const seen: number[] = [];
  let after: string | undefined;
  do {
    const page = await store.search({ ...request, size: 17, ...(after === undefined ? {} : { after }) }, all);
    seen.push(...page.hits.map((hit) => hit.timestamp));
    after = page.nextCursor;
  } while (after !== undefined);
  return seen;
}

describe('SqliteStore hour partitions and sealing', () => {
  it('fills hour partitions with only the write indexes and seals them once data 2 h past their end arrives', async () => {
    const { store } = newStore();
    await store.write(sixHours());
    const state = partitionState(store);
    expect(state.map((p) => p.name)).toEqual(['traffic_t1_2026030100', 'traffic_t1_2026030101', 'traffic_t1_2026030102', 'traffic_t1_2026030103', 'traffic_t1_2026030104', 'traffic_t1_2026030105']);
    // Newest data is in hour 5: hours 0–2 are done (their end + 2 h <= 05:00), hours 3–5 may still get events.
    expect(state.map((p) => p.sealed)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(state[0]?.indexes).toEqual(['_dstip', '_dstip_v6', '_dstport', '_event', '_srcip', '_srcip_v6', '_ts']);
    expect(state[5]?.indexes).toEqual(['_event', '_ts']);
    await store.close();
  });

  it('answers every query over open and sealed partitions as a scan of the records would', async () => {
    const { store } = newStore();
    const records = sixHours();
    await store.write(records);
    const expectMatches = async (query: string, predicate: (r: InterflowRecord) => boolean, from = t0 + 30 * 60_000, to = t0 + 6 * hour): Promise<void> => {
      const expected = records.filter((r) => r.timestamp >= from && r.timestamp < to && predicate(r)).map((r) => r.timestamp).sort((a, b) => b - a);
      expect(expected.length).toBeGreaterThan(3);
      expect(await allPages(store, { indices: ['traffic'], query, from, to })).toEqual(expected);
      expect((await store.count({ indices: ['traffic'], query, from, to }, all)).value).toBe(expected.length);
      const histogram = await store.histogram({ indices: ['traffic'], query, from, to }, all, { intervalMilliseconds: hour });
      expect(histogram.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(expected.length);
    };
    const ip = records[5]?.srcip as string;
    await expectMatches(`srcip:${ip}`, (r) => r.srcip === ip);
    await expectMatches('dstip:172.16.0.0/17 AND dstport:22 AND action:REJECT', (r) => (r.dstip as string).startsWith('172.16.') && Number((r.dstip as string).split('.')[2]) < 128 && r.dstport === 22 && r.action === 'REJECT');
    await expectMatches('dstport:443', (r) => r.dstport === 443, t0, t0 + 6 * hour);
    const top = await store.topTerms({ indices: ['traffic'], from: t0, to: t0 + 6 * hour }, all, 'dstport', 3);
    expect(top.reduce((sum, term) => sum + term.count, 0)).toBe(135);
    await store.close();
  });

  it('indexes and deduplicates a late event written into a sealed partition', async () => {
    const { store } = newStore();
    const records = sixHours();
    await store.write(records);
    const late = trafficRecord(100_000, t0 + 10 * 60_000 + 1, { sourcePool: 40 });
    late.srcip = '192.0.2.77';
    expect(await store.write([late, records[3] as InterflowRecord])).toEqual({ stored: 1, duplicates: 1 });
    const plan = db(store).prepare('EXPLAIN QUERY PLAN SELECT id FROM "traffic_t1_2026030100" WHERE srcip_num = ? AND ts >= ?').all(3221226061, t0) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/_srcip/);
    const found = await store.search({ indices: ['traffic'], query: 'srcip:192.0.2.77' }, all);
    expect(found.hits.map((hit) => hit.timestamp)).toEqual([late.timestamp]);
    expect(partitionState(store)[0]?.sealed).toBe(1);
    await store.close();
  });

  it('seals idle partitions the clock has passed when the store opens, and keeps them after a reopen', async () => {
    let now = t0 + hour;
    const { store, file } = newStore(() => now);
    await store.write([trafficRecord(1, t0), syslogRecord(2, t0 + 1000)]);
    expect(partitionState(store).map((p) => p.sealed)).toEqual([0, 0]);
    await store.close();
    now = t0 + 4 * hour;
    const reopened = new SqliteStore(file, { clock: () => now });
    const state = partitionState(reopened);
    expect(state.map((p) => [p.name, p.sealed])).toEqual([['syslog_t1_2026030100', 1], ['traffic_t1_2026030100', 1]]);
    expect(state[0]?.indexes).toEqual(['_class', '_event', '_srcip', '_ts']);
    expect((await reopened.search({ query: 'srcip:10.0.0.1' }, all)).hits).toHaveLength(1);
    await reopened.close();
  });

  it('leaves sealing to the writer when opened read-only, searches what the writer adds later, and refuses writes', async () => {
    let now = t0 + hour;
    const { store: writer, file } = newStore(() => now);
    await writer.write([trafficRecord(1, t0)]);
    now = t0 + 4 * hour;
    // A search thread opening the file must not build indexes under the collector's feet.
    const reader = new SqliteStore(file, { clock: () => now, readOnly: true });
    expect(partitionState(writer).map((p) => p.sealed)).toEqual([0]);
    expect((await reader.search({ query: 'srcip:10.0.0.1' }, all)).hits).toHaveLength(1);
    await writer.write([trafficRecord(2, t0 + 5 * 60_000)]);
    expect((await reader.count({}, all)).value).toBe(2);
    await expect(reader.write([trafficRecord(3, t0)])).rejects.toThrow(/readonly|read-only|query_only/i);
    expect((await writer.count({}, all)).value).toBe(2);
    await reader.close();
    await writer.close();
  });

  it('does not create a store when asked to open a missing one read-only', () => {
    const missing = path.join(directory, 'never-written.db');
    expect(() => new SqliteStore(missing, { readOnly: true })).toThrow(/cannot open the store/);
    expect(existsSync(missing)).toBe(false);
  });

  it('lets the once-a-minute sweep seal only hours that went idle, not one a backfill is still filling', async () => {
    let monotonic = performance.now();
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => monotonic);
    try {
      const { store } = newStore(() => t0 + 10 * hour);
      await store.write([trafficRecord(1, t0)]);
      monotonic += 61_000;
      await store.write([trafficRecord(2, t0 + 60_000)]);
      monotonic += 61_000;
      await store.write([trafficRecord(4, t0 + 120_000)]);
      expect(partitionState(store).map((p) => p.sealed)).toEqual([0]);
      monotonic += 61_000;
      await store.write([trafficRecord(3, t0 + hour)]);
      expect(partitionState(store).map((p) => [p.name, p.sealed])).toEqual([['traffic_t1_2026030100', 1], ['traffic_t1_2026030101', 0]]);
      await store.close();
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps day partitions in a store made before hour partitions, sealed as they were', async () => {
    counter += 1;
    const file = path.join(directory, `legacy-${counter}.db`);
    // The version-1 layout as earlier releases wrote it: no span in store_meta, no sealed column, every index present.
    const legacy = new Database(file);
    legacy.exec(`
      CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO store_meta VALUES ('schema_version', '1');
      CREATE TABLE tenants (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
      INSERT INTO tenants VALUES (1, '');
      CREATE TABLE partitions (name TEXT PRIMARY KEY, index_name TEXT NOT NULL, tenant_id INTEGER NOT NULL, day_start_ms INTEGER NOT NULL, UNIQUE (index_name, tenant_id, day_start_ms));
      INSERT INTO partitions VALUES ('traffic_t1_20260301', 'traffic', 1, ${t0});`);
    legacy.close();
    const store = new SqliteStore(file, { clock: () => t0 });
    // The day table does not exist in this hand-made file: the store must map 05:00 to the day partition, not an hour.
    db(store).exec(`CREATE TABLE "traffic_t1_20260301" (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, tenant TEXT NOT NULL, msg_class TEXT NOT NULL, source_id INTEGER NOT NULL,
      event_id TEXT, srcip_num INTEGER, srcip_v6 TEXT, dstip_num INTEGER, dstip_v6 TEXT, srcport INTEGER, dstport INTEGER, proto INTEGER, action TEXT, bytes INTEGER, record TEXT NOT NULL);
      CREATE UNIQUE INDEX "traffic_t1_20260301_event" ON "traffic_t1_20260301" (event_id, source_id);
      CREATE INDEX "traffic_t1_20260301_dstport" ON "traffic_t1_20260301" (dstport, ts) WHERE dstport IS NOT NULL;`);
    expect(await store.write([trafficRecord(1, t0 + 5 * hour), trafficRecord(2, t0 + 23 * hour)])).toEqual({ stored: 2, duplicates: 0 });
    expect(partitionState(store).map((p) => [p.name, p.sealed])).toEqual([['traffic_t1_20260301', 1]]);
    expect((await store.topTerms({ indices: ['traffic'], from: t0, to: t0 + 24 * hour }, all, 'dstport')).reduce((s, t) => s + t.count, 0)).toBe(2);
    await store.close();
  });
});
