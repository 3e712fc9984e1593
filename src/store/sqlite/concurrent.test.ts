// Two processes writing one store at once (cwc ingest beside cwc serve, two collectors on one file): every write of both
// commits, in the same hour partitions, without "database is locked" or a stale-snapshot failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { batches, batchSize } from './concurrent-writer.js';
import { SqliteStore } from './sqlite-store.js';

const directory = mkdtempSync(path.join(tmpdir(), 'cwc-concurrent-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const writerScript = fileURLToPath(new URL('./concurrent-writer.ts', import.meta.url));

function write(file: string, logGroup: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file, logGroup], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(logGroup) : reject(new Error(`writer for ${logGroup} failed (exit ${String(code)}): ${stderr}`))));
  });
}

it('commits every batch of two processes writing the same hours of one store at once', async () => {
  const file = path.join(directory, 'shared.db');
  // The file exists first (as with a running service), then both write the same hours from separate processes.
  await new SqliteStore(file).close();
  await Promise.all([write(file, 'group-a'), write(file, 'group-b')]);
  const store = new SqliteStore(file);
  try {
    const all = { allTenants: true } as const;
    for (const group of ['group-a', 'group-b']) {
      expect(await store.readCheckpoint(`concurrent/${group}`)).toBe(batches - 1);
      expect((await store.count({ query: `aws.log_group:${group}`, totalBound: 10_000_000 }, all)).value).toBe(batches * batchSize);
    }
  } finally {
    await store.close();
  }
}, 120_000);
