// A test preparer for the store-writer worker: turns `{ first, count, timestamp }` into contract traffic records.
import { trafficRecord } from '../../contract/records.js';
import type { PreparedBatch } from '../protocol.js';

export interface TrafficPayload {
  first: number;
  count: number;
  timestamp: number;
}

/** `config` reaches the worker as data: `salt` comes back in the counts to prove it. */
export function trafficPreparer(config: { salt: number }): (payload: unknown) => PreparedBatch {
  return (payload) => {
    const { first, count, timestamp } = payload as TrafficPayload;
    const records = Array.from({ length: count }, (_, i) => trafficRecord(first + i, timestamp + i));
    return { records, counts: { prepared: count, salt: config.salt } };
  };
}
