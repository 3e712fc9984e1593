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
import { startEmulatorProcess, type EmulatorProcess } from './support/processes.js';
import { client, mixedMessages, seed } from './support/seed.js';
import { markdownTable } from './table.js';

const CONNECTORS = 20;
const CLIENTS = 50;
/** `BENCH_API_EVENTS_PER_GROUP` scales the collection (default 8,000 per group, 160,000 per run). */
const EVENTS_PER_GROUP = Number(process.env.BENCH_API_EVENTS_PER_GROUP ?? 8_000);
/**
 * Between a user's requests. Console users: the console's auto-refresh (Threat Hunting and Connector Overview refresh
 * every 10 s, src/ui), with jitter. Busy users: a request every 1–2 s, far more than the console sends.
 */
const CONSOLE_REFRESH_MILLISECONDS: [number, number] = [9_000, 11_000];
const BUSY_THINK_MILLISECONDS: [number, number] = [1_000, 2_000];
const PASSWORD = 'bench api password';

export const title = `REST API with ${CLIENTS} concurrent clients (searches + status reads) while ${CONNECTORS} connectors collect: p50/p99 per request, and collection throughput against collection alone (target: at most 20% lower). Console users send a request every ${CONSOLE_REFRESH_MILLISECONDS[0] / 1000}–${CONSOLE_REFRESH_MILLISECONDS[1] / 1000} s (the console's 10 s auto-refresh, uniform jitter), busy users every ${BUSY_THINK_MILLISECONDS[0] / 1000}–${BUSY_THINK_MILLISECONDS[1] / 1000} s; the closed loop (no think time) is the worst case`;

type Load = 'none' | 'console' | 'busy' | 'closed-loop';

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
      url: running.url, token, connectorIds: ids, clients: CLIENTS, ...(load === 'console' ? { thinkMilliseconds: CONSOLE_REFRESH_MILLISECONDS } : load === 'busy' ? { thinkMilliseconds: BUSY_THINK_MILLISECONDS } : {}),
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

type Quotas = 'aws' | 'off';

interface LoadedPhase {
  load: Exclude<Load, 'none'>;
  phase: Phase;
}

interface QuotaRun {
  quotas: Quotas;
  alone: Phase;
  loaded: LoadedPhase[];
}

/** Production gets every load; with quotas off (CPU-bound collection) the console and the worst case. */
const LOADS: Record<Quotas, Array<Exclude<Load, 'none'>>> = { aws: ['console', 'busy', 'closed-loop'], off: ['console', 'closed-loop'] };

async function seededEmulator(quotas: Quotas, groups: string[]): Promise<EmulatorProcess> {
  const emulator = await startEmulatorProcess(['--quotas', quotas]);
  const logs = client(emulator.url);
  for (const group of groups) await seed(logs, group, EVENTS_PER_GROUP, mixedMessages(), 4);
  return emulator;
}

async function quotaRun(quotas: Quotas, emulator: EmulatorProcess, groups: string[]): Promise<QuotaRun> {
  try {
    const alone = await collectPhase(emulator.url, groups, 'none');
    const loaded: LoadedPhase[] = [];
    for (const load of LOADS[quotas]) loaded.push({ load, phase: await collectPhase(emulator.url, groups, load) });
    return { quotas, alone, loaded };
  } finally {
    emulator.stop();
  }
}

const loadName: Record<Exclude<Load, 'none'>, string> = {
  console: `${CLIENTS} console users (${CONSOLE_REFRESH_MILLISECONDS[0] / 1000}–${CONSOLE_REFRESH_MILLISECONDS[1] / 1000} s)`,
  busy: `${CLIENTS} busy users (${BUSY_THINK_MILLISECONDS[0] / 1000}–${BUSY_THINK_MILLISECONDS[1] / 1000} s)`,
  'closed-loop': `${CLIENTS} closed-loop clients (worst case)`,
};

export async function run(): Promise<string> {
  // `BENCH_API_QUOTAS=aws` or `off` runs one condition only (both by default).
  const modes = (['aws', 'off'] as const).filter((mode) => (process.env.BENCH_API_QUOTAS ?? mode) === mode);
  const groups = Array.from({ length: CONNECTORS }, (_, n) => `bench-api-${n}`);
  // Both emulators are seeded at once (each is its own process), then measured one after the other.
  const emulators = await Promise.all(modes.map((mode) => seededEmulator(mode, groups)));
  const runs: QuotaRun[] = [];
  try {
    for (const [n, mode] of modes.entries()) runs.push(await quotaRun(mode, emulators[n] as EmulatorProcess, groups));
  } finally {
    for (const emulator of emulators) emulator.stop();
  }
  const events = CONNECTORS * EVENTS_PER_GROUP;
  const condition = (quotas: Quotas) => (quotas === 'aws' ? 'AWS default quotas (production)' : 'quotas off');
  const verdict = (ratio: number) => `${ratio.toFixed(2)}x (${ratio >= 0.8 ? 'meets' : 'misses'} the 20% target)`;
  const throughputRows = runs.flatMap((r) => [
    [`${condition(r.quotas)}: alone (baseline)`, events, r.alone.seconds, r.alone.eventsPerSecond, '1.00x', r.alone.loopDelay.p99, r.alone.loopDelay.max],
    ...r.loaded.map(({ load, phase }) => [
      `${condition(r.quotas)}: ${loadName[load]}`, events, phase.seconds, phase.eventsPerSecond, verdict(phase.eventsPerSecond / r.alone.eventsPerSecond), phase.loopDelay.p99, phase.loopDelay.max,
    ]),
  ]);
  const throughput = markdownTable(['collection (20 connectors, shared rate budget)', 'events', 'seconds', 'events/s', 'against alone', 'service loop delay p99 ms', 'max ms'], throughputRows);
  const latencyRows = runs.flatMap((r) => r.loaded.flatMap(({ load, phase }) => [
    [`${condition(r.quotas)}, ${loadName[load]}: POST /search (size 50, 1 in 4 with histogram)`, phase.clients?.search.length ?? 0, percentile(phase.clients?.search ?? [], 50), percentile(phase.clients?.search ?? [], 99), failures(phase.clients)],
    [`${condition(r.quotas)}, ${loadName[load]}: GET /connectors/{id}/status`, phase.clients?.status.length ?? 0, percentile(phase.clients?.status ?? [], 50), percentile(phase.clients?.status ?? [], 99), ''],
  ]));
  const latency = markdownTable(['API request under load', 'requests', 'p50 ms', 'p99 ms', 'not 200'], latencyRows);
  return `${throughput}\n\n${latency}\n\nSearches run on the service's pool of 2 search threads at lower priority (src/store/read-pool); the clients run on a thread of their own in the benchmark process, each emulator in its own process. Collection parses and stores on the service's store-writer thread. "Service loop delay" is how late the thread that runs the scheduler, page fetching and the API ran its callbacks (a status read waits at least that long). "not 200" counts answers such as 503 (search queue full) over both request kinds.`;
}
