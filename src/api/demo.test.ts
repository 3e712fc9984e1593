// `cwc serve --demo` restarted: the new emulator's data arrives and is searchable, and nothing the first start stored comes again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InterflowRecord } from '../core/record.js';
import { startEmulator } from '../emulator/emulator.js';
import { startDemo } from './demo.js';
import { startService, type RunningService } from './serve.js';

const settings = { maxLatenessMilliseconds: 1_000, deepPeriodMilliseconds: 500, minimumLagWindowMilliseconds: 200, settleMilliseconds: 100, liveSpanMilliseconds: 60_000 };
const directory = mkdtempSync(join(tmpdir(), 'cwc-demo-restart-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** One `cwc serve --demo` start as the CLI does it, run until every demo connector has pulled twice. */
async function demoStart(): Promise<{ running: RunningService; stop(): Promise<void>; demoIds: string[] }> {
  const emulator = await startEmulator({ port: 0, scenario: 'demo', eventsPerSecond: 5 });
  let demoIds: string[] = [];
  const running = await startService({
    dataDirectory: directory,
    port: 0,
    env: { CWC_ADMIN_PASSWORD: 'demo restart password', CWC_MASTER_KEY: Buffer.alloc(32, 9).toString('base64') },
    api: { logStream: false },
    scheduler: { collectOptions: { settings }, intervalMilliseconds: () => 600_000 },
    seed: async (service, store) => {
      demoIds = (await startDemo(service, store, emulator.url)).connectorIds;
    },
  });
  for (let pass = 0; pass < 2; pass += 1) {
    const summaries = await Promise.all(demoIds.map((id) => running.runtime.scheduler.runNow(id)));
    for (const summary of summaries) expect(summary?.ok, JSON.stringify(summary?.units)).toBe(true);
  }
  return { running, demoIds, stop: async () => { await running.close(); await emulator.stop(); } };
}

async function everything(running: RunningService): Promise<InterflowRecord[]> {
  const result = await running.searchStore.search({ size: 10_000, sort: 'asc' }, { tenants: ['demo'] });
  expect(result.total.relation).toBe('eq');
  return result.hits;
}

const identity = (record: InterflowRecord) => `${record.aws?.log_group}\u0000${record.aws?.log_stream}\u0000${record.timestamp}\u0000${record.message}`;

describe('cwc serve --demo, restarted', () => {
  it('collects the new emulator\'s events after the first start\'s, searchable, with nothing stored twice', async () => {
    const first = await demoStart();
    const before = await everything(first.running);
    await first.stop();
    expect(before.length).toBeGreaterThan(100);
    const newestBefore = Math.max(...before.map((record) => record.timestamp));
    // Time passes while the demo is down: the new emulator has seconds the first one never wrote.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const second = await demoStart();
    try {
      const after = await everything(second.running);
      const newer = after.filter((record) => record.timestamp > newestBefore);
      expect(newer.length).toBeGreaterThan(0);
      // Searchable through the API's path (the search pool), by a field of the new data.
      const sample = newer[0] as InterflowRecord;
      const found = await second.running.searchStore.count({ query: `log_family:${JSON.stringify(sample.log_family)}`, from: newestBefore + 1 }, { tenants: ['demo'] });
      expect(found.value).toBeGreaterThan(0);
      // Everything the first start stored is still there once: the second start read on from where it stopped.
      expect(after.length).toBe(before.length + newer.length);
      expect(new Set(after.map(identity)).size).toBe(after.length);
    } finally {
      await second.stop();
    }
    // Shutdown stopped the search threads with the store: nothing answers from a closed service.
    await expect(second.running.searchStore.count({}, { tenants: ['demo'] })).rejects.toMatchObject({ code: 'store_closed' });
  }, 60_000);
});
