// The read pool answers exactly what the store itself would, keeps tenants apart, refuses work beyond its queue, and closes its threads.
import { mkdtempSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syslogRecord, trafficRecord } from '../contract/records.js';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import { ReadPoolStore, SearchesBusyError } from './read-pool.js';

const directory = mkdtempSync(path.join(tmpdir(), 'cwc-read-pool-'));
const base = Date.parse('2026-11-01T00:00:00Z');
let file: string;
let writer: SqliteStore;
let pool: ReadPoolStore;

beforeAll(async () => {
  file = path.join(directory, 'interflow.db');
  writer = new SqliteStore(file, { clock: () => base + 3_600_000 });
  await writer.write([
    ...Array.from({ length: 40 }, (_, n) => trafficRecord(n, base + n * 60_000, { tenant: 'acme' })),
    ...Array.from({ length: 25 }, (_, n) => trafficRecord(n, base + n * 60_000, { tenant: 'globex', logGroup: 'globex-flow' })),
    ...Array.from({ length: 12 }, (_, n) => syslogRecord(n, base + n * 30_000, { tenant: 'acme' })),
  ]);
  pool = new ReadPoolStore(writer, { file, workers: 2 });
});
afterAll(async () => {
  await pool.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('ReadPoolStore', () => {
  it('answers search, count, histogram and top terms exactly like the store on this thread', async () => {
    const request = { query: 'action:REJECT OR dstport:443', size: 7, sort: 'asc' as const };
    const scope = { allTenants: true as const };
    const direct = await writer.search(request, scope);
    const pooled = await pool.search(request, scope);
    expect(pooled).toEqual(direct);
    expect(pooled.hits).toHaveLength(7);
    const next = await pool.search({ ...request, after: pooled.nextCursor as string }, scope);
    expect(next).toEqual(await writer.search({ ...request, after: direct.nextCursor as string }, scope));
    expect(await pool.count(request, scope)).toEqual(await writer.count(request, scope));
    expect(await pool.histogram(request, scope, { intervalMilliseconds: 600_000 })).toEqual(await writer.histogram(request, scope, { intervalMilliseconds: 600_000 }));
    expect(await pool.topTerms(request, scope, 'dstport', 3)).toEqual(await writer.topTerms(request, scope, 'dstport', 3));
  });

  it("never returns, counts or aggregates another tenant's records", async () => {
    const acme = await pool.search({ size: 1000 }, { tenants: ['acme'] });
    expect(acme.total.value).toBe(52);
    expect(new Set(acme.hits.map((hit) => hit.tenant_name))).toEqual(new Set(['acme']));
    expect((await pool.count({ query: 'aws.log_group:"globex-flow"' }, { tenants: ['acme'] })).value).toBe(0);
    expect((await pool.count({}, { tenants: ['globex'] })).value).toBe(25);
    const buckets = await pool.histogram({}, { tenants: ['globex'] }, { intervalMilliseconds: 3_600_000 });
    expect(buckets.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(25);
    const terms = await pool.topTerms({}, { tenants: ['nobody'] }, 'action');
    expect(terms).toEqual([]);
  });

  it('sees what the writer commits after the workers opened the store, including fields new since then', async () => {
    await writer.write([{ ...trafficRecord(100, base + 50 * 60_000, { tenant: 'acme' }), brand_new_field: 'yes' }]);
    expect((await pool.count({}, { tenants: ['acme'] })).value).toBe(53);
    const hits = await pool.search({ query: 'brand_new_field:yes' }, { tenants: ['acme'] });
    expect(hits.total.value).toBe(1);
    // A field no record has is still refused with the store's 400, through the pool.
    await expect(pool.search({ query: 'no_such_field_anywhere:x' }, { allTenants: true })).rejects.toMatchObject({ status: 400, code: 'query_unknown_field' });
  });

  it("keeps the store's 400 errors (code, message, field) for bad queries and cursors", async () => {
    await expect(pool.search({ query: 'srcip:[1 TO' }, { allTenants: true })).rejects.toMatchObject({ status: 400, details: [{ path: 'query' }] });
    await expect(pool.search({ after: 'not a cursor' }, { allTenants: true })).rejects.toMatchObject({ status: 400 });
  });

  it('refuses at once with a 503 and Retry-After when every thread is busy and the queue is full, then serves again', async () => {
    const small = new ReadPoolStore(writer, { file, workers: 1, maxQueued: 2, retryAfterSeconds: 3 });
    try {
      const accepted = [small.count({}, { allTenants: true }), small.count({}, { allTenants: true }), small.count({}, { allTenants: true })];
      expect(small.load).toEqual({ running: 1, queued: 2 });
      const refused = small.count({}, { allTenants: true });
      await expect(refused).rejects.toBeInstanceOf(SearchesBusyError);
      await expect(refused).rejects.toMatchObject({ status: 503, retryAfterSeconds: 3, message: expect.stringMatching(/busy.*try again in 3 s/) });
      const expected = (await writer.count({}, { allTenants: true })).value;
      expect((await Promise.all(accepted)).map((total) => total.value)).toEqual([expected, expected, expected]);
      expect(small.load).toEqual({ running: 0, queued: 0 });
      expect((await small.count({}, { allTenants: true })).value).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });

  it('lowers the priority of its search threads only, not of the thread that collects', async () => {
    const niced = new ReadPoolStore(new SqliteStore(':memory:'), { file, workers: 2, niceness: 7 });
    try {
      const before = getPriority();
      expect(await niced.workerNiceness()).toEqual(process.platform === 'linux' ? [7, 7] : expect.any(Array));
      expect(getPriority()).toBe(before);
      expect((await niced.count({}, { tenants: ['globex'] })).value).toBe(25);
      expect(() => new ReadPoolStore(writer, { file, niceness: 20 })).toThrow(/niceness: must be an integer from 0 to 19/);
    } finally {
      await niced.close();
    }
  });

  it('answers queued searches with an error on close, and refuses new ones', async () => {
    const other = new SqliteStore(path.join(directory, 'other.db'));
    const small = new ReadPoolStore(other, { file: path.join(directory, 'other.db'), workers: 1 });
    const running = expect(small.search({}, { allTenants: true })).rejects.toMatchObject({ code: 'store_closed' });
    const queued = expect(small.search({}, { allTenants: true })).rejects.toMatchObject({ code: 'store_closed' });
    await small.close();
    await running;
    await queued;
    await expect(small.count({}, { allTenants: true })).rejects.toMatchObject({ code: 'store_closed' });
    await expect(other.count({}, { allTenants: true })).rejects.toMatchObject({ code: 'store_closed' });
  });

  it('reports a store it cannot open as a 500 instead of hanging', async () => {
    const broken = new ReadPoolStore(new SqliteStore(':memory:'), { file: path.join(directory, 'missing', 'no.db'), workers: 1 });
    try {
      await expect(broken.count({}, { allTenants: true })).rejects.toMatchObject({ status: 500, code: 'search_failed' });
    } finally {
      await broken.close();
    }
  });
});

describe('ReadPoolStore time limit', () => {
  it('answers a search stuck in one long query with 503 search_timeout at twice the limit, and keeps serving on a new thread', async () => {
    const heavyFile = path.join(directory, 'heavy.db');
    const heavy = new SqliteStore(heavyFile, { clock: () => base + 3_600_000 });
    // One hour partition: the store's own check between partitions cannot fire inside its single long query.
    for (let first = 0; first < 200_000; first += 20_000) {
      await heavy.write(Array.from({ length: 20_000 }, (_, n) => trafficRecord(first + n, base + Math.floor((first + n) / 100))));
    }
    const limited = new ReadPoolStore(heavy, { file: heavyFile, workers: 1, searchTimeLimitSeconds: 0.02 });
    try {
      const began = performance.now();
      // A leading wildcard reads every row's message.
      await expect(limited.count({ query: 'message:*99*', totalBound: 100_000_000 }, { allTenants: true })).rejects.toMatchObject({
        status: 503, code: 'search_timeout', message: expect.stringMatching(/longer than its limit of 0.02 s/),
      });
      expect(performance.now() - began).toBeLessThan(1_000);
      expect(limited.load).toEqual({ running: 0, queued: 0 });
      // While the stopped query still runs (it cannot be interrupted) the pool's one thread's worth of CPU is taken:
      // searches are refused with 503 and Retry-After rather than piled on, then served once it ends.
      await expect(limited.count({ from: base, to: base + 10 }, { allTenants: true })).rejects.toMatchObject({
        status: 503, code: 'search_busy', message: expect.stringMatching(/1 stopped searches are still finishing their last query; try again in 1 s/),
      });
      // The replacement thread answers a quick search (a few milliseconds of the ts index).
      await expect.poll(() => limited.count({ from: base, to: base + 10 }, { allTenants: true }).then((total) => total.value, () => -1), { timeout: 10_000, interval: 50 }).toBe(1_000);
      expect(() => new ReadPoolStore(heavy, { file: heavyFile, searchTimeLimitSeconds: 0 })).toThrow(/searchTimeLimitSeconds: must be from 0.001 to 86400/);
    } finally {
      await limited.close();
    }
  }, 60_000);
});
