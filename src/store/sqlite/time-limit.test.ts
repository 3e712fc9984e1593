// A search, count, histogram or top-terms call stops at its time limit between partitions with a 503 that says what to change.
import { describe, expect, it } from 'vitest';
import { trafficRecord } from '../contract/records.js';
import { SqliteStore } from './sqlite-store.js';

const base = Date.parse('2026-11-01T00:00:00Z');
const hour = 3_600_000;
const all = { allTenants: true } as const;

/** Ten hour partitions, and a clock the test moves: `tick` ms pass on each reading once `running` is set. */
async function storeWithClock(limitMilliseconds: number) {
  const clock = { now: base + 30 * hour, tick: 0 };
  const store = new SqliteStore(':memory:', {
    searchTimeLimitMilliseconds: limitMilliseconds,
    clock: () => (clock.now += clock.tick),
  });
  await store.write(Array.from({ length: 10 }, (_, n) => trafficRecord(n, base + n * hour)));
  return { store, clock };
}

describe('search time limit', () => {
  it('lets calls that finish in time answer in full', async () => {
    const { store, clock } = await storeWithClock(5_000);
    clock.tick = 200; // a search looks at the ten partitions twice (total, then the page): 20 × 200 ms is within 5 s
    expect((await store.search({ size: 100 }, all)).hits).toHaveLength(10);
    expect((await store.count({}, all)).value).toBe(10);
    await store.close();
  });

  it('stops search, count, histogram and top terms once over the limit, with 503 search_timeout', async () => {
    const { store, clock } = await storeWithClock(5_000);
    clock.tick = 1_000; // the sixth partition starts past the limit
    const timeout = { status: 503, code: 'search_timeout', message: expect.stringMatching(/longer than its limit of 5 s.*narrow the time range/) };
    await expect(store.search({ size: 100 }, all)).rejects.toMatchObject(timeout);
    await expect(store.count({}, all)).rejects.toMatchObject(timeout);
    await expect(store.histogram({ from: base, to: base + 10 * hour }, all, { intervalMilliseconds: hour })).rejects.toMatchObject(timeout);
    await expect(store.topTerms({}, all, 'dstport')).rejects.toMatchObject(timeout);
    // The same store answers again once calls are quick.
    clock.tick = 0;
    expect((await store.count({}, all)).value).toBe(10);
    await store.close();
  });

  it('rejects a limit that is not a positive whole number of milliseconds', () => {
    expect(() => new SqliteStore(':memory:', { searchTimeLimitMilliseconds: 0 })).toThrow(/searchTimeLimitMilliseconds: must be an integer from 1 to 86400000/);
    expect(() => new SqliteStore(':memory:', { searchTimeLimitMilliseconds: 1.5 })).toThrow(/searchTimeLimitMilliseconds/);
  });
});
