import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/emulator.js';
import { initialCursor, type CursorSettings, type UnitCursor } from './cursor.js';
import { RateBudget } from './rate-budget.js';
import { emptyCounters } from './reader.js';
import { collectUnitPasses, sliceWindow, type SlicedPassOptions } from './sliced-passes.js';
import type { RawBatch } from './source.js';

const MINUTE = 60_000;
const settings: CursorSettings = {
  maxLatenessMilliseconds: 1_000,
  settleMilliseconds: 0,
  deepPeriodMilliseconds: MINUTE,
  minimumLagWindowMilliseconds: 1_000,
  // Wide enough that the whole range is one deep pass (no live/backfill split): the slicing is what is tested.
  liveSpanMilliseconds: 120 * MINUTE,
};

const keys = () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });

describe('sliceWindow', () => {
  it('covers the window exactly with adjacent, non-overlapping slices', () => {
    for (const [startTime, endTime, slices] of [[0, 999, 4], [5, 1_000_004, 7], [10, 10, 4], [0, 2_999, 3]] as const) {
      const result = sliceWindow({ startTime, endTime }, slices, 1);
      expect(result[0]?.startTime).toBe(startTime);
      expect(result[result.length - 1]?.endTime).toBe(endTime);
      for (let i = 1; i < result.length; i++) expect(result[i]?.startTime).toBe((result[i - 1]?.endTime ?? 0) + 1);
      for (const slice of result) expect(slice.endTime).toBeGreaterThanOrEqual(slice.startTime);
    }
  });

  it('makes no slice shorter than the minimum, and never fewer than one', () => {
    expect(sliceWindow({ startTime: 0, endTime: 10 * MINUTE - 1 }, 4, MINUTE)).toHaveLength(4);
    expect(sliceWindow({ startTime: 0, endTime: 3 * MINUTE - 1 }, 4, MINUTE)).toHaveLength(3);
    expect(sliceWindow({ startTime: 0, endTime: 30_000 }, 4, MINUTE)).toHaveLength(1);
  });
});

describe('collectUnitPasses against the emulator', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  /** 3,000 events spread over 20 minutes in 3 streams; returns the start of the range. */
  async function seedSpread(url: string): Promise<number> {
    // The SDK's own retries for seeding: the faults are meant for the reads under test.
    const client = new CloudWatchLogsClient({ region: 'us-west-2', endpoint: url, credentials: keys(), maxAttempts: 10 });
    const start = Date.now() - 25 * MINUTE;
    await client.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    for (let stream = 0; stream < 3; stream++) {
      await client.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: `s${stream}` }));
      const logEvents = Array.from({ length: 1_000 }, (_, i) => ({ timestamp: start + Math.floor((i * 20 * MINUTE) / 1_000) + stream, message: `stream ${stream} event ${i}` }));
      await client.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: `s${stream}`, logEvents }));
    }
    return start;
  }

  /** A store in memory: records by eventId and the checkpoint, replaced together (one "transaction"). */
  function memoryStore() {
    const stored = new Map<string, number>();
    let checkpoint: UnitCursor | undefined;
    let inFlight = 0;
    let maxInFlight = 0;
    let commits = 0;
    return {
      commits: () => commits,
      stored,
      checkpoint: () => checkpoint,
      maxInFlight: () => maxInFlight,
      commit: (failAt?: number | ((batch: RawBatch) => boolean)) => {
        let calls = 0;
        return async (batch: RawBatch) => {
          const call = (calls += 1);
          commits += 1;
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          try {
            // Storing takes time, as a real store does: slices overlap their requests with it and with each other.
            await new Promise((resolve) => setTimeout(resolve, 2));
            if (call === failAt || (typeof failAt === 'function' && failAt(batch))) throw new Error('store failed');
            for (const event of batch.events) stored.set(event.eventId as string, event.timestamp);
            checkpoint = batch.cursor;
          } finally {
            inFlight -= 1;
          }
        };
      },
    };
  }

  function options(client: CloudWatchLogsClient, commit: SlicedPassOptions['commit']): SlicedPassOptions {
    return { logs: client, budget: new RateBudget(1_000), clock: Date.now, settings, counters: emptyCounters(), slices: 4, minimumSliceMilliseconds: MINUTE, pageLimit: 100, commit };
  }

  it('reads a long deep pass as concurrent slices, every event exactly once, through 500s and slow responses', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off', faults: 'error=0.1,slow=0.2:40', seed: 3 });
    const client = new CloudWatchLogsClient({ region: 'us-west-2', endpoint: emulator.url, credentials: keys(), maxAttempts: 1 });
    const start = await seedSpread(emulator.url);
    const store = memoryStore();
    const passOptions = options(client, store.commit());
    const cursor = await collectUnitPasses({ key: 'k', logGroup: 'g' }, initialCursor(start), passOptions);
    expect(store.stored.size).toBe(3_000);
    expect(store.checkpoint()).toEqual(cursor);
    expect(cursor.finalUntil).toBeGreaterThan(start + 20 * MINUTE);
    // Pages of different slices were being stored at the same time: the slices really ran concurrently.
    expect(store.maxInFlight()).toBeGreaterThan(1);
    expect(passOptions.counters.retries).toBeGreaterThan(0);
    const truth = [...emulator.logs.exportEvents({ region: 'us-west-2', logGroupName: 'g' })].map((event) => event.eventId);
    expect(new Set(truth)).toEqual(new Set(store.stored.keys()));
  });

  it('after a store failure at any page, the committed cursor hides no uncommitted event, and a rerun completes', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    const client = new CloudWatchLogsClient({ region: 'us-west-2', endpoint: emulator.url, credentials: keys(), maxAttempts: 1 });
    const start = await seedSpread(emulator.url);
    const truth = [...emulator.logs.exportEvents({ region: 'us-west-2', logGroupName: 'g' })];
    const clean = memoryStore();
    await collectUnitPasses({ key: 'k', logGroup: 'g' }, initialCursor(start), options(client, clean.commit()));
    const commits = clean.commits();
    expect(commits).toBeGreaterThan(30);
    // A failure at the first commit, the last, and a spread between (the slices interleave differently each time).
    let failures = 0;
    for (let failAt = 1; failAt <= commits; failAt += failAt < 4 ? 1 : 5) {
      const store = memoryStore();
      // Slice boundaries follow the clock, so a run may make a page more or fewer than the clean one did.
      const failed = await collectUnitPasses({ key: 'k', logGroup: 'g' }, initialCursor(start), options(client, store.commit(failAt))).then(
        () => false,
        (error: Error) => error.message === 'store failed',
      );
      if (failed) failures += 1;
      const committed = store.checkpoint() ?? initialCursor(start);
      // The guarantee: every event below the committed frontier is stored.
      const hidden = truth.filter((event) => event.timestamp < committed.finalUntil && !store.stored.has(event.eventId));
      expect(hidden, `failure at commit ${failAt}`).toEqual([]);
      await collectUnitPasses({ key: 'k', logGroup: 'g' }, committed, options(client, store.commit()));
      expect(store.stored.size, `rerun after failure at commit ${failAt}`).toBe(truth.length);
    }
    expect(failures).toBeGreaterThanOrEqual(8);
    const last = memoryStore();
    await expect(collectUnitPasses({ key: 'k', logGroup: 'g' }, initialCursor(start), options(client, last.commit((batch) => batch.events.length === 0 && batch.cursor.deepDueAt > 0)))).rejects.toThrow('store failed');
    // Failing the pass's completion keeps the frontier of the pages already committed, never the completed one.
    expect(last.checkpoint()?.deepDueAt).toBe(0);
  });
});
