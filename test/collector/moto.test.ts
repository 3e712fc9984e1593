// The collector against moto_server, an AWS emulation nobody here wrote: seeded and read back with boto3, compared with the store.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectOnce } from '../../src/connectors/collect.js';
import { testConnectivity } from '../../src/connectors/connectivity.js';
import { allRecords } from '../../src/connectors/testing.js';
import { RateBudgets } from '../../src/sources/cloudwatch/rate-budget.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { createConnectorClients } from '../../src/aws/clients.js';
import { initialCursor } from '../../src/sources/cloudwatch/cursor.js';
import { emptyCounters } from '../../src/sources/cloudwatch/reader.js';
import { unitBatches } from '../../src/sources/cloudwatch/source.js';
import { connector } from './support.js';

// Where moto 5 differs from CloudWatch Logs (read in moto/logs/models.py), and what that means here:
// - FilterLogEvents returns stream after stream unless the deprecated `interleaved` flag is set; the collector sends
//   it (AWS ignores it and always interleaves by timestamp), which the frontier relies on — tested below.
// - nextToken is `group@stream@eventId`; eventIds are one process-wide counter ("0", "1", …), not 56-digit ids.
// - ingestionTime is the PutLogEvents time, and every event is visible at once (no late ingestion).
// - No SigV4 check, no IAM, no quotas: any well-formed keys work, and GetCallerIdentity says account 123456789012.
const run = promisify(execFile);
const SEED_SCRIPT = fileURLToPath(new URL('./moto_seed.py', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMilliseconds: number): Promise<void> {
  const deadline = Date.now() + timeoutMilliseconds;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`moto_server did not answer at ${url} within ${timeoutMilliseconds} ms`);
}

interface BotoEvent { logGroup: string; logStream: string; eventId: string; timestamp: number; message: string }

describe('collectOnce against moto_server', () => {
  let moto: ChildProcess;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    await waitUntilAnswering(url, moto, 20_000);
    await run('python3', [SEED_SCRIPT, url, 'seed']);
  }, 60_000);
  afterAll(async () => {
    if (moto.exitCode !== null) return;
    const exited = new Promise((resolve) => moto.once('exit', resolve));
    moto.kill('SIGTERM');
    await exited;
  });

  it('stores exactly what boto3 reads back from moto: 0 missing, 0 duplicates, messages intact', async () => {
    const { stdout } = await run('python3', [SEED_SCRIPT, url, 'read'], { maxBuffer: 64 * 1024 * 1024 });
    const truth = stdout.trim().split('\n').map((line) => JSON.parse(line) as BotoEvent);
    expect(truth).toHaveLength(5 * 800);

    // moto does not check SigV4: any well-formed keys do. Its STS answers GetCallerIdentity with account 123456789012.
    const c = connector('moto', {
      authMethod: 'access_key', accessKeyId: 'AKIAANYKEYFORMOTO001', secretAccessKey: 'anything', endpoint: url,
      logGroups: ['vpc-flow', '/ecs/web'], startTime: new Date(Date.now() - 15 * 60_000).toISOString(),
    });
    const store = new SqliteStore(':memory:');
    try {
      const settings = { maxLatenessMilliseconds: 2_000, deepPeriodMilliseconds: 1_000, minimumLagWindowMilliseconds: 500, settleMilliseconds: 200, liveSpanMilliseconds: 60_000 };
      const summary = await collectOnce({ connector: c, connectorId: 'moto', store, budgets: new RateBudgets(), settings, pageLimit: 700 });
      expect(summary.units.map((unit) => unit.error)).toEqual([undefined, undefined]);
      expect(summary).toMatchObject({ ok: true, stored: 4_000, duplicates: 0 });
      // A second cycle re-reads its trailing window and stores nothing new.
      const again = await collectOnce({ connector: c, connectorId: 'moto', store, budgets: new RateBudgets(), settings, pageLimit: 700 });
      expect(again).toMatchObject({ ok: true, stored: 0 });

      const records = await allRecords(store);
      // moto's eventIds are one process-wide counter ("0", "1", …) rather than AWS's 56-digit ids; still unique, so keyed alone.
      const key = (group: string, stream: string, id: string) => `${group}|${stream}|${id}`;
      const stored = new Map<string, number>();
      for (const record of records) {
        const k = key(record.aws.log_group ?? '', record.aws.log_stream ?? '', record.aws.event_id ?? '');
        stored.set(k, (stored.get(k) ?? 0) + 1);
      }
      const expected = new Map(truth.map((event) => [key(event.logGroup, event.logStream, event.eventId), event]));
      expect([...expected.keys()].filter((k) => !stored.has(k))).toEqual([]);
      expect([...stored].filter(([, count]) => count > 1)).toEqual([]);
      expect([...stored.keys()].filter((k) => !expected.has(k))).toEqual([]);
      for (const record of records) {
        const event = expected.get(key(record.aws.log_group ?? '', record.aws.log_stream ?? '', record.aws.event_id ?? ''));
        expect([record.message, record.timestamp]).toEqual([event?.message, event?.timestamp]);
      }
      expect(records[0]?.aws).toMatchObject({ account_id: '123456789012', region: 'us-west-2' });
    } finally {
      await store.close();
    }
  });

  it('never commits a frontier past unread events when the backend returns them out of timestamp order', async () => {
    // Without `interleaved: true` moto returns the group stream after stream, so a page could end at a late timestamp
    // while earlier ones of the next stream are unread. The reader sends the flag (AWS ignores it and always
    // interleaves). Every cursor the source yields must be safe to commit at that moment (a crash there).
    const c = connector('moto', { authMethod: 'access_key', accessKeyId: 'AKIAANYKEYFORMOTO001', secretAccessKey: 'anything', endpoint: url, logGroups: ['vpc-flow'] });
    const clients = createConnectorClients(c, { maxAttempts: 1 });
    const settings = { maxLatenessMilliseconds: 0, deepPeriodMilliseconds: 1_000, minimumLagWindowMilliseconds: 500, settleMilliseconds: 200, liveSpanMilliseconds: 3_600_000 };
    const start = Date.now() - 15 * 60_000;
    try {
      const seen: number[] = [];
      let unsafe = 0;
      let batches = 0;
      const all = unitBatches({ key: 'k', logGroup: 'vpc-flow' }, initialCursor(start), {
        logs: clients.logs, budget: new RateBudgets().get('m', 'us-west-2', 'FilterLogEvents'), clock: Date.now, settings, counters: emptyCounters(), pageLimit: 300,
      });
      const { stdout } = await run('python3', [SEED_SCRIPT, url, 'read'], { maxBuffer: 64 * 1024 * 1024 });
      const truth = stdout.trim().split('\n').map((line) => JSON.parse(line) as BotoEvent).filter((event) => event.logGroup === 'vpc-flow');
      for await (const batch of all) {
        batches += 1;
        for (const event of batch.events) seen.push(event.timestamp);
        const seenSet = new Set(seen);
        // An event below the frontier that has not been yielded yet would be lost by a crash now.
        unsafe += truth.filter((event) => event.timestamp < batch.cursor.finalUntil && !seenSet.has(event.timestamp)).length;
      }
      expect(batches).toBeGreaterThan(5);
      expect(seen).toHaveLength(2_400);
      expect(unsafe).toBe(0);
    } finally {
      clients.destroy();
    }
  });

  it('cwc test passes against moto, and names a group moto lacks as 404', async () => {
    const base = { authMethod: 'access_key', accessKeyId: 'AKIAANYKEYFORMOTO001', secretAccessKey: 'anything', endpoint: url };
    expect(await testConnectivity(connector('moto', { ...base, logGroups: ['vpc-flow'] }))).toMatchObject({ ok: true, identity: 'arn:aws:sts::123456789012:user/moto' });
    expect(await testConnectivity(connector('moto', { ...base, logGroups: ['absent'] }))).toMatchObject({ ok: false, httpStatus: 404, failedCheck: 'log group absent' });
  });
});
