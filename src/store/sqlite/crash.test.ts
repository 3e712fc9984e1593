// Exactly-once across crashes: a writer is SIGKILLed mid-write again and again; the store must always hold exactly
// the records of the batches up to its committed checkpoint — no partial batch, no duplicate, FTS in step.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { batch, batchSize, checkpointKey } from './crash-writer.js';
import { SqliteStore } from './sqlite-store.js';

const directory = mkdtempSync(path.join(tmpdir(), 'cwc-crash-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const writerScript = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const iterations = 24;

/** Starts the writer, waits until it has committed once, lets it run a random while, then SIGKILLs it. */
function runAndKill(file: string, runMilliseconds: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), runMilliseconds));
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited on its own: ${stderr}`))));
  });
}

it(`keeps exactly the checkpointed batches across ${iterations} SIGKILLs mid-write`, async () => {
  const file = path.join(directory, 'crash.db');
  let previous = -1;
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    await runAndKill(file, 5 + ((iteration * 37) % 120));
    const store = new SqliteStore(file);
    try {
      const committed = (await store.readCheckpoint(checkpointKey)) as number;
      expect(committed).toBeGreaterThanOrEqual(previous);
      previous = committed;
      const expected = (committed + 1) * batchSize;
      const all = { allTenants: true } as const;
      expect(await store.count({ totalBound: 10_000_000 }, all)).toEqual({ value: expected, relation: 'eq' });
      // Every event of the committed batches is there exactly once (ids are distinct, so count = distinct count).
      const lastBatch = batch(committed);
      const newest = await store.search({ size: 1 }, all);
      expect(newest.hits[0]?.aws.event_id).toBe(lastBatch.at(-1)?.aws.event_id);
      // The full-text index committed with its rows: 'request' is in every container line of the syslog records.
      const containerLines = Array.from({ length: committed + 1 }, (_, b) => batch(b))
        .flat()
        .filter((r) => r.msg_class === 'aws_cloudwatch_log').length;
      expect((await store.count({ query: 'request', indices: ['syslog'], totalBound: 10_000_000 }, all)).value).toBe(containerLines);
    } finally {
      await store.close();
    }
  }
  expect(previous).toBeGreaterThan(iterations);
}, 120_000);
