// Splits one stream's events into PutLogEvents batches that AWS accepts: chronological, ≤ 10,000 events,
// ≤ 1,048,576 bytes counting 26 bytes of overhead per event, and spanning less than 24 hours.

export const MAX_BATCH_EVENTS = 10_000;
export const MAX_BATCH_BYTES = 1_048_576;
export const EVENT_OVERHEAD_BYTES = 26;
export const MAX_BATCH_SPAN_MILLISECONDS = 24 * 60 * 60 * 1000;

export interface LogEvent {
  timestamp: number;
  message: string;
}

/** Sorts by timestamp (stable, so equal timestamps keep their generated order) and cuts into valid batches. */
export function toBatches(events: readonly LogEvent[]): LogEvent[][] {
  const sorted = [...events].sort((a, b) => a.timestamp - b.timestamp);
  const batches: LogEvent[][] = [];
  let current: LogEvent[] = [];
  let currentBytes = 0;
  for (const event of sorted) {
    const size = Buffer.byteLength(event.message, 'utf8') + EVENT_OVERHEAD_BYTES;
    if (size > MAX_BATCH_BYTES) throw new Error(`a generated event of ${size} bytes exceeds the PutLogEvents limit`);
    const first = current[0];
    const full = current.length >= MAX_BATCH_EVENTS || currentBytes + size > MAX_BATCH_BYTES
      || (first !== undefined && event.timestamp - first.timestamp >= MAX_BATCH_SPAN_MILLISECONDS);
    if (full) {
      batches.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(event);
    currentBytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
