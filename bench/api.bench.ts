// REST API under load: 50 concurrent clients mixing searches and status reads while 20 connectors collect; p50/p99 and throughput kept.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService } from '../src/api/serve.js';
import { SYSTEM_ACTOR } from '../src/api/system-actor.js';
import { startEmulatorProcess } from './support/processes.js';
import { client, mixedMessages, seed } from './support/seed.js';
import { markdownTable } from './table.js';

export const title = 'REST API latency with 50 concurrent clients (searches + status reads) while 20 connectors collect; collection throughput against collection alone (target: at most 20% lower)';

const CONNECTORS = 20;
const CLIENTS = 50;
/** `BENCH_API_EVENTS_PER_GROUP` scales the collection (default 20,000 per group, 400,000 in all). */
const EVENTS_PER_GROUP = Number(process.env.BENCH_API_EVENTS_PER_GROUP ?? 20_000);
const PASSWORD = 'bench api password';

interface Phase {
  eventsPerSecond: number;
  seconds: number;
  latencies: { search: number[]; status: number[] };
  errors: number;
}

async function collectPhase(url: string, groups: string[], withClients: boolean): Promise<Phase> {
  const directory = mkdtempSync(join(tmpdir(), 'cwc-bench-api-'));
  let running: RunningService | undefined;
  try {
    running = await startService({
      dataDirectory: directory,
      port: 0,
      env: { CWC_ADMIN_PASSWORD: PASSWORD, CWC_MASTER_KEY: Buffer.alloc(32, 3).toString('base64') },
      api: { logStream: false, loginLimits: { perIp: 1000, perUsername: 1000, windowMilliseconds: 60_000 } },
      scheduler: { maxConcurrentRuns: 4 },
      seed: (service) => {
        service.tenants.createUnchecked('bench');
      },
    });
    const server = running;
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    const token = ((await login.json()) as { token: string }).token;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const expected = groups.length * EVENTS_PER_GROUP;
    const started = performance.now();
    const ids = groups.map((group, n) => server.service.connectors.create(SYSTEM_ACTOR, {
      name: `bench-${n}`, category: 'paas', type: 'aws_cloudwatch', functions: ['collect'], tenant: 'bench', runOn: 'data-processor',
      config: { authMethod: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-west-2', logGroups: [group], endpoint: url, startTime: '-PT40M' },
    }, { addToDefaultProfile: true }).connector.id);

    const latencies = { search: [] as number[], status: [] as number[] };
    let errors = 0;
    let done = false;
    const queries = ['*', 'error', 'GET AND timeout', 'log_family:container', 'message:login*'];
    const worker = async (n: number) => {
      for (let i = 0; !done; i += 1) {
        const search = (n + i) % 2 === 0;
        const t0 = performance.now();
        const response = search
          ? await fetch(`${server.url}/api/v1/search`, { method: 'POST', headers, body: JSON.stringify({ query: queries[(n + i) % queries.length], size: 50, histogram: i % 4 === 0 }) })
          : await fetch(`${server.url}/api/v1/connectors/${ids[(n + i) % ids.length]}/status`, { headers });
        await response.arrayBuffer();
        (search ? latencies.search : latencies.status).push(performance.now() - t0);
        if (response.status !== 200) errors += 1;
      }
    };
    const workers = withClients ? Array.from({ length: CLIENTS }, (_, n) => worker(n)) : [];
    for (;;) {
      const stored = await server.store.count({ totalBound: 100_000_000 }, { allTenants: true });
      if (stored.value >= expected) break;
      if (process.env.BENCH_DEBUG) console.error('stored', stored, 'of', expected, Math.round(performance.now() - started), 'ms');
      if (performance.now() - started > 15 * 60_000) throw new Error(`collection stalled at ${stored.value} of ${expected}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    done = true;
    await Promise.all(workers);
    return { eventsPerSecond: expected / seconds, seconds, latencies, errors };
  } finally {
    await running?.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

export async function run(): Promise<string> {
  const emulator = await startEmulatorProcess(['--quotas', 'off']);
  try {
    const logs = client(emulator.url);
    const groups = Array.from({ length: CONNECTORS }, (_, n) => `bench-api-${n}`);
    for (const group of groups) await seed(logs, group, EVENTS_PER_GROUP, mixedMessages(), 4);
    const alone = await collectPhase(emulator.url, groups, false);
    const loaded = await collectPhase(emulator.url, groups, true);
    const ratio = loaded.eventsPerSecond / alone.eventsPerSecond;
    const throughput = markdownTable(
      ['collection (20 connectors)', 'events', 'seconds', 'events/s', 'ratio'],
      [
        ['alone (baseline)', CONNECTORS * EVENTS_PER_GROUP, alone.seconds, alone.eventsPerSecond, '1.00x'],
        [`with ${CLIENTS} API clients`, CONNECTORS * EVENTS_PER_GROUP, loaded.seconds, loaded.eventsPerSecond, `${ratio.toFixed(2)}x (${ratio >= 0.8 ? 'within' : 'NOT within'} the 20% target)`],
      ],
    );
    const latency = markdownTable(
      ['API request under load', 'requests', 'p50 ms', 'p99 ms', 'non-200'],
      [
        ['POST /search (size 50, 1 in 4 with histogram)', loaded.latencies.search.length, percentile(loaded.latencies.search, 50), percentile(loaded.latencies.search, 99), loaded.errors],
        ['GET /connectors/{id}/status', loaded.latencies.status.length, percentile(loaded.latencies.status, 50), percentile(loaded.latencies.status, 99), ''],
      ],
    );
    return `${throughput}\n\n${latency}\n\nClients run in the server's process (one Node thread shared with the API and collection); the emulator runs in its own.`;
  } finally {
    emulator.stop();
  }
}
