// Assumed-role credentials that expire during collection: the collector re-assumes the role and loses nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorClients } from '../../src/aws/clients.js';
import { collectOnce } from '../../src/connectors/collect.js';
import { allRecords, compareWithTruth } from '../../src/connectors/testing.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/emulator.js';
import { RateBudgets } from '../../src/sources/cloudwatch/rate-budget.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { DESTINATION_ACCOUNT, KEYS, productIamConfig, roleConnector, seed, seederClient } from './support.js';

const SESSION_MILLISECONDS = 3_600_000;
/** Collection timing in seconds rather than minutes, as collect.test.ts does. */
const SETTINGS = { maxLatenessMilliseconds: 2_000, deepPeriodMilliseconds: 1_000, minimumLagWindowMilliseconds: 500, settleMilliseconds: 200, liveSpanMilliseconds: 60_000 };

describe('credentials that expire mid-collection', () => {
  let emulator: RunningEmulator | undefined;
  let store: SqliteStore | undefined;
  afterEach(async () => {
    await store?.close();
    await emulator?.stop();
    store = undefined;
    emulator = undefined;
  });

  it('re-assumes the role when AWS says ExpiredToken, within a cycle and between cycles: 0 missing, 0 duplicates, retries counted', async () => {
    // AWS's clock is the emulator's: moving it past the session's end expires the role credentials the collector holds.
    let awsAheadMilliseconds = 0;
    emulator = await startEmulator({ port: 0, quotas: 'off', iam: productIamConfig(), clock: () => Date.now() + awsAheadMilliseconds });
    const seeder = seederClient(emulator.url, KEYS.destinationSeeder);
    await seed(seeder, 'System', ['i-1', 'i-2', 'i-3'], 1_000, Date.now() - 30_000);
    store = new SqliteStore(':memory:');
    const connector = roleConnector(emulator.url, { startTime: new Date(Date.now() - 60_000).toISOString() });
    // The scheduler keeps clients (and so cached credentials) across cycles; so does this test.
    const clients = createConnectorClients(connector, { maxAttempts: 1 });
    const budgets = new RateBudgets();
    let recordsSeen = 0;
    try {
      const first = await collectOnce({
        connector, connectorId: 'expiry', store, budgets, clients, settings: SETTINGS, pageLimit: 250,
        keep: () => {
          // Half-way through the first cycle, AWS's clock passes the end of the session.
          recordsSeen += 1;
          if (recordsSeen === 1_500) awsAheadMilliseconds += SESSION_MILLISECONDS + 60_000;
          return true;
        },
      });
      expect(first.units[0]?.error).toBeUndefined();
      expect(first).toMatchObject({ ok: true, stored: 3_000, duplicates: 0 });
      expect(first.retriedErrors.ExpiredTokenException).toBe(1);

      // Between cycles: new events, and the second session expires too.
      await seed(seeder, 'System', ['i-1', 'i-4'], 500, Date.now() - 1_000);
      awsAheadMilliseconds += SESSION_MILLISECONDS + 60_000;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = await collectOnce({ connector, connectorId: 'expiry', store, budgets, clients, settings: SETTINGS, pageLimit: 250 });
      expect(second).toMatchObject({ ok: true, stored: 1_000 });
      expect(second.retriedErrors.ExpiredTokenException).toBe(1);
    } finally {
      clients.destroy();
    }
    const truth = [...emulator.logs.exportEvents({ accountId: DESTINATION_ACCOUNT, region: 'us-west-2', logGroupName: 'System' })].map((event) => event.eventId);
    expect(truth).toHaveLength(4_000);
    expect(compareWithTruth(truth, await allRecords(store))).toEqual({ missing: [], duplicates: [], unexpected: [] });
  });
});
