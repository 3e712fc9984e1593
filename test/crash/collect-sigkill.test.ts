// Exactly-once across crashes: `cwc collect` is SIGKILLed at random moments, restarted, and the store ends equal to AWS.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRecords, compareWithTruth, emulatorConnector, logsClient, putMessages } from '../../src/connectors/testing.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/emulator.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { finished, runCwc, spawnCwc } from '../support/spawn-cwc.js';

const RUNS = 24;

describe('cwc collect killed with SIGKILL at random moments', () => {
  let emulator: RunningEmulator;
  let directory: string;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    directory = mkdtempSync(join(tmpdir(), 'cwc-crash-'));
  });
  afterAll(async () => emulator.stop());

  it(`ends with 0 missing and 0 duplicates after ${RUNS} killed runs`, async () => {
    const client = logsClient(emulator.url);
    const connectorFile = join(directory, 'connector.json');
    const db = join(directory, 'store.db');
    const connector = emulatorConnector(emulator.url, ['app', 'vpc-flow']);
    writeFileSync(connectorFile, JSON.stringify({ ...connector, config: { ...connector.config, startTime: new Date(Date.now() - 60_000).toISOString() } }));
    let seed = 1234;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const put = async (round: number) => {
      await putMessages(client, 'app', `stream-${round % 4}`, Array.from({ length: 600 }, (_, i) => `round ${round} line ${i}`), Date.now() - 2_000);
      await putMessages(client, 'vpc-flow', `eni-${round % 3}-all`, Array.from({ length: 600 }, (_, i) => `2 123456789012 eni-${round % 3} 10.0.0.${i % 200} 10.0.1.5 ${1024 + i} 22 6 3 180 1700000000 1700000060 REJECT OK`), Date.now() - 2_000);
    };
    await put(0);
    let killed = 0;
    for (let run = 1; run <= RUNS; run++) {
      const child = spawnCwc(['collect', '--connector', connectorFile, '--db', db, '--once', '--page-size', '50']);
      const done = finished(child);
      await put(run);
      // Most runs die mid-way, at a random moment between start-up and the end of their reading.
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 1_500));
      if (child.exitCode === null && child.kill('SIGKILL')) killed += 1;
      const result = await done;
      if (result.signal !== 'SIGKILL') expect(result.code, result.stderr).toBe(0);
    }
    expect(killed).toBeGreaterThanOrEqual(RUNS / 2);
    const last = await runCwc(['collect', '--connector', connectorFile, '--db', db, '--once', '--json']);
    expect(last.code, last.stderr).toBe(0);

    const store = new SqliteStore(db);
    try {
      const truth = [...emulator.logs.exportEvents({ region: 'us-west-2' })].map((event) => event.eventId);
      expect(truth.length).toBe((RUNS + 1) * 1_200);
      expect(compareWithTruth(truth, await allRecords(store))).toEqual({ missing: [], duplicates: [], unexpected: [] });
    } finally {
      await store.close();
    }
  }, 180_000);
});
