// Child process for the SIGKILL test: resumes from its checkpoint and writes checkpointed batches until it is killed.
import { syslogRecord, trafficRecord } from '../contract/records.js';
import { SqliteStore } from './sqlite-store.js';

export const batchSize = 200;
export const checkpointKey = 'crash-test/stream';
export const firstTimestamp = Date.UTC(2026, 0, 1);

/** Batch b: records b*batchSize … (b+1)*batchSize-1, alternating indices, one minute apart (so days roll over mid-run). */
export function batch(b: number) {
  return Array.from({ length: batchSize }, (_, i) => {
    const n = b * batchSize + i;
    const timestamp = firstTimestamp + n * 60_000;
    return n % 2 === 0 ? trafficRecord(n, timestamp) : syslogRecord(n, timestamp);
  });
}

async function main(file: string): Promise<void> {
  const store = new SqliteStore(file);
  const last = (await store.readCheckpoint(checkpointKey)) as number | undefined;
  // Rewrite the last committed batch first, as a collector that crashed before acking would.
  let next = last ?? 0;
  let announced = false;
  for (;;) {
    await store.write(batch(next), { key: checkpointKey, value: next });
    if (!announced) {
      process.stdout.write('writing\n');
      announced = true;
    }
    next += 1;
  }
}

if (process.argv[2] !== undefined) await main(process.argv[2]);
