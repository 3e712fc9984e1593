// Child process for the two-writers test: writes checkpointed batches of one log group into a store another process writes too.
import { trafficRecord } from '../contract/records.js';
import { SqliteStore } from './sqlite-store.js';

export const batchSize = 500;
export const batches = 200;
export const firstTimestamp = Date.UTC(2026, 0, 1);

/** Batch b of `logGroup`: the same timestamps (so the same hour partitions) in every writer, other sources. */
export function batch(logGroup: string, b: number) {
  return Array.from({ length: batchSize }, (_, i) => {
    const n = b * batchSize + i;
    return trafficRecord(n, firstTimestamp + n * 1_000, { logGroup });
  });
}

async function main(file: string, logGroup: string): Promise<void> {
  const store = new SqliteStore(file, { cacheMebibytes: 16 });
  for (let b = 0; b < batches; b += 1) await store.write(batch(logGroup, b), { key: `concurrent/${logGroup}`, value: b });
  await store.close();
}

if (process.argv[2] !== undefined && process.argv[3] !== undefined) await main(process.argv[2], process.argv[3]);
