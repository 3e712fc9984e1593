import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/emulator.js';
import { RateBudgets } from '../sources/cloudwatch/rate-budget.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { CollectSummary } from './collect.js';
import { Scheduler } from './scheduler.js';
import { allRecords, emulatorConnector, logsClient, putMessages } from './testing.js';

const settings = { maxLatenessMilliseconds: 1_000, deepPeriodMilliseconds: 500, minimumLagWindowMilliseconds: 200, settleMilliseconds: 100, liveSpanMilliseconds: 60_000 };
const until = async (condition: () => boolean, timeoutMilliseconds = 10_000) => {
  const deadline = Date.now() + timeoutMilliseconds;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('Scheduler', () => {
  let emulator: RunningEmulator | undefined;
  let scheduler: Scheduler | undefined;
  let store: SqliteStore | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    await store?.close();
    await emulator?.stop();
  });

  it('pulls at once when a connector joins, then every interval, and never runs one connector twice at a time', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off', faults: 'slow=1:150' });
    await putMessages(logsClient(emulator.url), 'app', 's', ['one', 'two', 'three'], Date.now() - 5_000);
    store = new SqliteStore(':memory:');
    const runs: Array<{ id: string; summary: CollectSummary; at: number }> = [];
    scheduler = new Scheduler({ store, budgets: new RateBudgets(), collectOptions: { settings }, intervalMilliseconds: () => 400, onRunFinished: (id, summary) => runs.push({ id, summary, at: Date.now() }) });
    const added = Date.now();
    scheduler.add({ id: 'c1', connector: emulatorConnector(emulator.url, ['app']) });
    const first = scheduler.runNow('c1');
    expect(scheduler.runNow('c1')).toBe(first);
    await first;
    expect(runs).toHaveLength(1);
    expect((runs[0]?.at ?? Number.POSITIVE_INFINITY) - added).toBeLessThan(2_000);
    expect(scheduler.status('c1')).toMatchObject({ state: 'ok', eventsCollected: 3 });
    await until(() => runs.length >= 3);
    // Each run starts only after the previous one ended (slow responses make overlap likely if it were allowed).
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.summary.startedAt).toBeGreaterThanOrEqual(runs[i - 1]!.summary.finishedAt);
    expect((await allRecords(store)).map((record) => record.message).sort()).toEqual(['one', 'three', 'two']);
  });

  it('stops running a removed connector, shows failures with their explanation, and shuts down gracefully', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    await putMessages(logsClient(emulator.url), 'present', 's', ['x'], Date.now() - 5_000);
    store = new SqliteStore(':memory:');
    const runs: string[] = [];
    scheduler = new Scheduler({ store, budgets: new RateBudgets(), collectOptions: { settings }, intervalMilliseconds: () => 200, onRunFinished: (id) => runs.push(id) });
    scheduler.add({ id: 'good', connector: emulatorConnector(emulator.url, ['present']) });
    scheduler.add({ id: 'bad', connector: emulatorConnector(emulator.url, ['missing']) });
    await until(() => runs.filter((id) => id === 'bad').length >= 1 && runs.filter((id) => id === 'good').length >= 1);
    expect(scheduler.status('bad')).toMatchObject({ state: 'failed', lastError: { httpStatus: 404, awsCode: 'ResourceNotFoundException', logGroup: 'missing' } });
    await scheduler.remove('bad');
    const badRuns = runs.filter((id) => id === 'bad').length;
    await until(() => runs.filter((id) => id === 'good').length >= 3);
    expect(runs.filter((id) => id === 'bad')).toHaveLength(badRuns);
    expect(scheduler.status('bad')).toBeUndefined();
    await scheduler.stop();
    const after = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toHaveLength(after);
    expect(scheduler.ids()).toEqual([]);
  });

  it('lets a connector that rejoins wait for its interval instead of pulling at once', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    await putMessages(logsClient(emulator.url), 'app', 's', ['x'], Date.now() - 5_000);
    store = new SqliteStore(':memory:');
    const runs: number[] = [];
    scheduler = new Scheduler({ store, budgets: new RateBudgets(), collectOptions: { settings }, intervalMilliseconds: () => 1_000, onRunFinished: () => runs.push(Date.now()) });
    const added = Date.now();
    scheduler.add({ id: 'again', connector: emulatorConnector(emulator.url, ['app']) }, { pullImmediately: false });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs).toEqual([]);
    expect(scheduler.status('again')?.state).toBe('pending');
    await until(() => runs.length >= 1);
    expect(runs[0]! - added).toBeGreaterThanOrEqual(950);
  });
});
