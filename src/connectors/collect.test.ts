import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/emulator.js';
import { FilterChain, type LogFilter } from '../filters/index.js';
import { writerSink, workerSink } from '../sources/cloudwatch/page-sink.js';
import { cloudWatchPagePreparer } from '../sources/cloudwatch/prepare-page.js';
import { StoreWriter } from '../store/worker/store-writer.js';
import { sqliteOpener } from '../store/worker/open-sqlite.js';
import { RateBudgets } from '../sources/cloudwatch/rate-budget.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { collectOnce } from './collect.js';
import { allRecords, compareWithTruth, emulatorConnector, ensureStream, logsClient, putMessages } from './testing.js';

const FLOW = (i: number) => `2 123456789012 eni-0a1b2c3d 10.0.1.${i % 250} 10.0.2.9 ${40000 + (i % 1000)} 443 6 10 840 1700000000 1700000060 ACCEPT OK`;

describe('collectOnce against the emulator', () => {
  let emulator: RunningEmulator | undefined;
  let store: SqliteStore | undefined;
  afterEach(async () => {
    await store?.close();
    await emulator?.stop();
    store = undefined;
    emulator = undefined;
  });

  it('stores every event of every group once, parsed by family, and nothing more on the next run', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    const client = logsClient(emulator.url);
    const now = Date.now() - 5_000;
    await putMessages(client, 'vpc-flow', 'eni-0a1b2c3d-all', Array.from({ length: 2_500 }, (_, i) => FLOW(i)), now);
    await putMessages(client, '/ecs/web', 'ecs/web/1', ['GET /health 200', 'GET / 500'], now);
    store = new SqliteStore(':memory:');
    // The VPC Flow Logs checkmark routes a connector's groups to the flow parser; another connector reads the ECS group.
    const connector = emulatorConnector(emulator.url, ['vpc-flow'], { vpcFlowLogs: true });
    const ecs = emulatorConnector(emulator.url, ['/ecs/web']);
    const first = await collectOnce({ connector, connectorId: 'c1', store, budgets: new RateBudgets(), pageLimit: 1_000 });
    expect(first.ok).toBe(true);
    expect(first.stored).toBe(2_500);
    expect(first.pages).toBeGreaterThanOrEqual(3);
    expect((await collectOnce({ connector: ecs, connectorId: 'c2', store, budgets: new RateBudgets() })).stored).toBe(2);

    const records = await allRecords(store);
    const truth = [...emulator.logs.exportEvents({ region: 'us-west-2' })].map((event) => event.eventId);
    expect(compareWithTruth(truth, records)).toEqual({ missing: [], duplicates: [], unexpected: [] });
    const flow = records.find((record) => record.aws.log_group === 'vpc-flow');
    expect(flow).toMatchObject({ msg_class: 'aws_cloudwatch_vpcflow', index: 'traffic', tenant_name: 'acme', connector: { id: 'c1', name: 'test-connector' }, aws: { account_id: '123456789012', region: 'us-west-2' }, dstport: 443 });
    expect(records.find((record) => record.aws.log_group === '/ecs/web')).toMatchObject({ msg_class: 'aws_cloudwatch_log', index: 'syslog' });

    const second = await collectOnce({ connector, connectorId: 'c1', store, budgets: new RateBudgets() });
    expect(second.stored).toBe(0);
    expect(await allRecords(store)).toHaveLength(2_502);
  });

  it('reports a missing log group as a 404 on that group and still collects the others', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    const client = logsClient(emulator.url);
    await putMessages(client, 'present', 's', ['hello'], Date.now() - 5_000);
    store = new SqliteStore(':memory:');
    const summary = await collectOnce({ connector: emulatorConnector(emulator.url, ['absent', 'present']), connectorId: 'c1', store, budgets: new RateBudgets() });
    expect(summary.ok).toBe(false);
    expect(summary.stored).toBe(1);
    const absent = summary.units.find((unit) => unit.logGroup === 'absent');
    expect(absent?.error).toMatchObject({ httpStatus: 404, awsCode: 'ResourceNotFoundException' });
  });

  it('is exactly-once under late ingestion, throttling, 500s, resets and slow responses', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'aws', faults: 'late=0.4:3,throttle=0.15,error=0.1,reset=0.05,slow=0.05:300', seed: 42 });
    const client = logsClient(emulator.url);
    store = new SqliteStore(':memory:');
    const connector = emulatorConnector(emulator.url, ['app'], {});
    const settings = { maxLatenessMilliseconds: 4_000, deepPeriodMilliseconds: 2_000, minimumLagWindowMilliseconds: 500, settleMilliseconds: 200, liveSpanMilliseconds: 5_000 };
    const budgets = new RateBudgets();
    let written = 0;
    const writing = (async () => {
      for (let round = 0; round < 12; round++) {
        // Timestamps are "now": the late fault makes some visible up to 3 s later, inside the 4 s bound.
        await putMessages(logsClient(emulator!.url), 'app', `stream-${round % 3}`, Array.from({ length: 40 }, (_, i) => `round ${round} event ${i}`)).catch(() => undefined);
        written += 40;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    let retries = 0;
    const deadline = Date.now() + 4_000;
    while (Date.now() < deadline) {
      const summary = await collectOnce({ connector, connectorId: 'late', store, budgets, settings, pageLimit: 50 });
      retries += summary.retries;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await writing;
    // After the writer stops, wait out the lateness bound and collect until a deep pass has covered everything.
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    for (let i = 0; i < 3; i++) {
      await collectOnce({ connector, connectorId: 'late', store, budgets, settings, pageLimit: 50 });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const truth = [...emulator.logs.exportEvents({ region: 'us-west-2', logGroupName: 'app' })];
    expect(truth.length).toBeGreaterThan(0);
    expect(truth.some((event) => event.ingestionTime - event.timestamp > 1_000)).toBe(true);
    expect(compareWithTruth(truth.map((event) => event.eventId), await allRecords(store))).toEqual({ missing: [], duplicates: [], unexpected: [] });
    expect(retries).toBeGreaterThan(0);
    void client;
    expect(written).toBe(480);
  }, 60_000);

  it('applies log filters on the store-writer thread and brings their counters back to the connector\'s chain', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    const now = Date.now() - 5_000;
    // 1,000 flows; every 4th goes to port 22.
    const flows = Array.from({ length: 1_000 }, (_, i) => FLOW(i).replace(' 443 6 ', i % 4 === 0 ? ' 22 6 ' : ' 443 6 '));
    await putMessages(logsClient(emulator.url), 'vpc-flow', 'eni-0a1b2c3d-all', flows, now);
    const directory = mkdtempSync(join(tmpdir(), 'cwc-collect-filters-'));
    const file = join(directory, 'store.db');
    await new SqliteStore(file).close();
    const writer = await StoreWriter.start({ openStore: sqliteOpener(file), prepare: cloudWatchPagePreparer() });
    try {
      const definitions: LogFilter[] = [{ id: 'no-ssh', name: 'Drop SSH', action: 'drop', query: 'dstport:22', enabled: true }];
      const chain = new FilterChain(definitions);
      const connector = emulatorConnector(emulator.url, ['vpc-flow'], { vpcFlowLogs: true });
      const summary = await collectOnce({ connector, connectorId: 'c1', sink: writerSink(writer, { definitions, chain }), budgets: new RateBudgets(), pageLimit: 300 });
      expect(summary.ok).toBe(true);
      expect(summary.filtered).toBe(250);
      expect(summary.stored).toBe(750);
      // The counters the status and Log Filters pages read are the connector's chain, on this thread.
      expect(chain.snapshot()).toMatchObject({ records: 1_000, kept: 750, dropped: 250, filters: [{ id: 'no-ssh', evaluated: 1_000, matched: 250, dropped: 250 }] });
      await writer.close();
      store = new SqliteStore(file);
      expect((await store.count({ query: 'dstport:22' }, { allTenants: true })).value).toBe(0);
      expect((await store.count({ query: 'dstport:443' }, { allTenants: true })).value).toBe(750);
    } finally {
      await writer.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('parses and stores in a worker thread, reading a long backlog as concurrent slices, exactly once through faults', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off', faults: 'throttle=0.1,error=0.1,slow=0.1:30', seed: 9 });
    const seeding = logsClient(emulator.url);
    // 4,000 events over the last 30 minutes, in 4 streams: a backlog the deep pass splits into time slices.
    const start = Date.now() - 32 * 60_000;
    for (let stream = 0; stream < 4; stream++) {
      await ensureStream(seeding, 'vpc-flow', `eni-${stream}-all`);
      const logEvents = Array.from({ length: 1_000 }, (_, i) => ({ timestamp: start + Math.floor((i * 30 * 60_000) / 1_000), message: i === 500 ? '2 not a flow line' : FLOW(i) }));
      await seeding.send(new PutLogEventsCommand({ logGroupName: 'vpc-flow', logStreamName: `eni-${stream}-all`, logEvents }));
    }
    const directory = mkdtempSync(join(tmpdir(), 'cwc-collect-worker-'));
    const file = join(directory, 'store.db');
    try {
      const connector = emulatorConnector(emulator.url, ['vpc-flow'], { vpcFlowLogs: true, startTime: new Date(start - 60_000).toISOString() });
      const sink = await workerSink(sqliteOpener(file));
      let first;
      let second;
      try {
        first = await collectOnce({ connector, connectorId: 'c1', sink, budgets: new RateBudgets(), pageLimit: 250, slices: 4 });
        second = await collectOnce({ connector, connectorId: 'c1', sink, budgets: new RateBudgets(), pageLimit: 250, slices: 4 });
      } finally {
        await sink.close();
      }
      expect(first.ok, JSON.stringify(first.units[0]?.error)).toBe(true);
      expect(first.stored).toBe(4_000);
      expect(first.parseErrors).toBe(4);
      expect(first.retries).toBeGreaterThan(0);
      expect(second.stored).toBe(0);
      // Log filters cannot cross to the worker: refused, never silently skipped.
      await expect(collectOnce({ connector, connectorId: 'c1', sink, budgets: new RateBudgets(), keep: () => false })).rejects.toThrow(/log filters/);
      store = new SqliteStore(file);
      const records = await allRecords(store);
      const truth = [...emulator.logs.exportEvents({ region: 'us-west-2' })].map((event) => event.eventId);
      expect(compareWithTruth(truth, records)).toEqual({ missing: [], duplicates: [], unexpected: [] });
      expect(records.find((record) => record.parse_error === undefined)).toMatchObject({ msg_class: 'aws_cloudwatch_vpcflow', connector: { id: 'c1' }, dstport: 443 });
    } finally {
      await store?.close();
      store = undefined;
      rmSync(directory, { recursive: true, force: true });
    }
  }, 60_000);
});
