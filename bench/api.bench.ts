// REST API under load: 50 concurrent clients mixing searches and status reads while 20 connectors collect; p50/p99 and throughput kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startService, STORE_FILE } from '../src/api/serve.js';
import { SYSTEM_ACTOR } from '../src/api/system-actor.js';
import { startWorker } from '../src/core/worker-thread.js';
import { ReadPoolStore } from '../src/store/read-pool/read-pool.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { ApiClientsData, ApiClientsResult } from './support/api-clients.js';
import { startEmulatorProcess } from './support/processes.js';
import { client, mixedMessages, seed } from './support/seed.js';
import { markdownTable } from './table.js';

const CONNECTORS = 20;
const CLIENTS = 50;
/** `BENCH_API_EVENTS_PER_GROUP` scales the collection (default 8,000 per group, 160,000 per run). */
const EVENTS_PER_GROUP = Number(process.env.BENCH_API_EVENTS_PER_GROUP ?? 8_000);
/** What a console user does between requests: the console's auto-refresh, with jitter. */
const THINK_MILLISECONDS: [number, number] = [1_000, 2_000];
const PASSWORD = 'bench api password';

export const title = `REST API with ${CLIENTS} concurrent clients (searches + status reads) while ${CONNECTORS} connectors collect: p50/p99 per request, and collection throughput against collection alone (target: at most 20% lower). Console users think ${THINK_MILLISECONDS[0] / 1000}–${THINK_MILLISECONDS[1] / 1000} s (uniform jitter) between requests, like the console's auto-refresh; the closed loop (no think time) is the worst case`;

type Load = 'none' | 'console' | 'closed-loop';

interface Phase {
  eventsPerSecond: number;
  seconds: number;
  clients: ApiClientsResult | undefined;
  /** How late the service's thread (scheduler, collection, API) ran its callbacks: p99 and max, ms. */
  loopDelay: { p99: number; max: number };
}

/** Runs the clients on their own thread: real users are on other machines, and must not share the server's event loop. */
function startClients(data: ApiClientsData): { stop(): Promise<ApiClientsResult> } {
  const worker = startWorker(import.meta.url, './support/api-clients', { workerData: data });
  const finished = new Promise<ApiClientsResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const result = await finished;
      await worker.terminate();
      return result;
    },
  };
}

async function collectPhase(url: string, groups: string[], load: Load): Promise<Phase> {
  const directory = mkdtempSync(join(tmpdir(), 'cwc-bench-api-'));
  const running = await startService({
    dataDirectory: directory,
    port: 0,
    env: { CWC_ADMIN_PASSWORD: PASSWORD, CWC_MASTER_KEY: Buffer.alloc(32, 3).toString('base64') },
    api: { logStream: false, loginLimits: { perIp: 1000, perUsername: 1000, windowMilliseconds: 60_000 } },
    scheduler: { maxConcurrentRuns: 4 },
    seed: (service) => {
      service.tenants.createUnchecked('bench');
    },
  });
  // Progress is counted on a thread of its own, so the measurement neither blocks the service nor waits behind clients.
  const progress = new ReadPoolStore(new SqliteStore(':memory:'), { file: join(directory, STORE_FILE), workers: 1, niceness: 0 });
  try {
    const login = await fetch(`${running.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const token = ((await login.json()) as { token: string }).token;

    const expected = groups.length * EVENTS_PER_GROUP;
    const started = performance.now();
    const ids = groups.map((group, n) => running.service.connectors.create(SYSTEM_ACTOR, {
      name: `bench-${n}`, category: 'paas', type: 'aws_cloudwatch', functions: ['collect'], tenant: 'bench', runOn: 'data-processor',
      config: { authMethod: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-west-2', logGroups: [group], endpoint: url, startTime: '-PT40M' },
    }, { addToDefaultProfile: true }).connector.id);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const clients = load === 'none' ? undefined : startClients({
      url: running.url, token, connectorIds: ids, clients: CLIENTS, ...(load === 'console' ? { thinkMilliseconds: THINK_MILLISECONDS } : {}),
    });
    for (;;) {
      const stored = await progress.count({ totalBound: 100_000_000 }, { allTenants: true });
      if (stored.value >= expected) break;
      if (process.env.BENCH_DEBUG) console.error(load, 'stored', stored.value, 'of', expected, Math.round(performance.now() - started), 'ms');
      if (performance.now() - started > 10 * 60_000) throw new Error(`collection stalled at ${stored.value} of ${expected}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    loop.disable();
    const loopDelay = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    return { eventsPerSecond: expected / seconds, seconds, clients: await clients?.stop(), loopDelay };
  } finally {
    await progress.close();
    await running.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const failures = (result: ApiClientsResult | undefined): string =>
  Object.entries(result?.failures ?? {}).map(([status, count]) => `${count}× ${status}`).join(', ') || '0';

interface QuotaRun {
  quotas: 'aws' | 'off';
  alone: Phase;
  console: Phase;
  closedLoop: Phase;
}

async function quotaRun(quotas: 'aws' | 'off'): Promise<QuotaRun> {
  const emulator = await startEmulatorProcess(['--quotas', quotas]);
  try {
    const logs = client(emulator.url);
    const groups = Array.from({ length: CONNECTORS }, (_, n) => `bench-api-${n}`);
    for (const group of groups) await seed(logs, group, EVENTS_PER_GROUP, mixedMessages(), 4);
    const alone = await collectPhase(emulator.url, groups, 'none');
    const consoleUsers = await collectPhase(emulator.url, groups, 'console');
    const closedLoop = await collectPhase(emulator.url, groups, 'closed-loop');
    return { quotas, alone, console: consoleUsers, closedLoop };
  } finally {
    emulator.stop();
  }
}

export async function run(): Promise<string> {
  // `BENCH_API_QUOTAS=aws` or `off` runs one condition only (both by default).
  const modes = (['aws', 'off'] as const).filter((mode) => (process.env.BENCH_API_QUOTAS ?? mode) === mode);
  const runs: QuotaRun[] = [];
  for (const mode of modes) runs.push(await quotaRun(mode));
  const events = CONNECTORS * EVENTS_PER_GROUP;
  const condition = (quotas: 'aws' | 'off') => (quotas === 'aws' ? 'AWS default quotas (production)' : 'quotas off');
  const verdict = (ratio: number) => `${ratio.toFixed(2)}x (${ratio >= 0.8 ? 'meets' : 'misses'} the 20% target)`;
  const throughputRows = runs.flatMap((r) => [
    [`${condition(r.quotas)}: alone (baseline)`, events, r.alone.seconds, r.alone.eventsPerSecond, '1.00x', r.alone.loopDelay.p99, r.alone.loopDelay.max],
    [`${condition(r.quotas)}: ${CLIENTS} console users`, events, r.console.seconds, r.console.eventsPerSecond, verdict(r.console.eventsPerSecond / r.alone.eventsPerSecond), r.console.loopDelay.p99, r.console.loopDelay.max],
    [`${condition(r.quotas)}: ${CLIENTS} closed-loop clients (worst case)`, events, r.closedLoop.seconds, r.closedLoop.eventsPerSecond, verdict(r.closedLoop.eventsPerSecond / r.alone.eventsPerSecond), r.closedLoop.loopDelay.p99, r.closedLoop.loopDelay.max],
  ]);
  const throughput = markdownTable(['collection (20 connectors, shared rate budget)', 'events', 'seconds', 'events/s', 'against alone', 'service loop delay p99 ms', 'max ms'], throughputRows);
  const latencyRows = runs.flatMap((r) => ([['console users', r.console], ['closed loop', r.closedLoop]] as const).flatMap(([name, phase]) => [
    [`${condition(r.quotas)}, ${name}: POST /search (size 50, 1 in 4 with histogram)`, phase.clients?.search.length ?? 0, percentile(phase.clients?.search ?? [], 50), percentile(phase.clients?.search ?? [], 99), failures(phase.clients)],
    [`${condition(r.quotas)}, ${name}: GET /connectors/{id}/status`, phase.clients?.status.length ?? 0, percentile(phase.clients?.status ?? [], 50), percentile(phase.clients?.status ?? [], 99), ''],
  ]));
  const latency = markdownTable(['API request under load', 'requests', 'p50 ms', 'p99 ms', 'not 200'], latencyRows);
  return `${throughput}\n\n${latency}\n\nSearches run on the service's pool of 2 search threads (src/store/read-pool); the clients run on a thread of their own in the benchmark process, the emulator in its own process. "Service loop delay" is how late the thread that runs the scheduler, collection and the API ran its callbacks (a status read waits at least that long). "not 200" counts answers such as 503 (search queue full) over both request kinds.`;
}
