// PutLogEvents batching: every batch within AWS's limits and accepted whole by the real Logs service.
import { describe, expect, it } from 'vitest';
import { createLogsService } from '../logs/index.js';
import { EVENT_OVERHEAD_BYTES, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, MAX_BATCH_SPAN_MILLISECONDS, toBatches, type LogEvent } from './batch.js';

const NOW = Date.UTC(2025, 0, 15, 12);
const scope = { accountId: '123456789012', region: 'us-east-1' };

function bytes(batch: LogEvent[]): number {
  return batch.reduce((sum, event) => sum + Buffer.byteLength(event.message) + EVENT_OVERHEAD_BYTES, 0);
}

function putAll(batches: LogEvent[][]): number {
  const logs = createLogsService({ clock: () => NOW });
  logs.handle(scope, 'CreateLogGroup', { logGroupName: 'g' });
  logs.handle(scope, 'CreateLogStream', { logGroupName: 'g', logStreamName: 's' });
  for (const logEvents of batches) {
    const result = logs.handle(scope, 'PutLogEvents', { logGroupName: 'g', logStreamName: 's', logEvents });
    expect(result).not.toHaveProperty('rejectedLogEventsInfo');
  }
  return logs.eventCount();
}

describe('toBatches', () => {
  it('cuts at 10,000 events and keeps every event once, in time order', () => {
    const events = Array.from({ length: 25_001 }, (_, i) => ({ timestamp: NOW - 1_000_000 + ((i * 7919) % 25_001), message: `e${i}` }));
    const batches = toBatches(events);
    expect(batches.map((batch) => batch.length)).toEqual([MAX_BATCH_EVENTS, MAX_BATCH_EVENTS, 5_001]);
    const flat = batches.flat();
    expect(flat).toHaveLength(events.length);
    expect(flat.every((event, i) => i === 0 || event.timestamp >= flat[i - 1]!.timestamp)).toBe(true);
    expect(putAll(batches)).toBe(events.length);
  });

  it('cuts before 1 MiB counting 26 bytes per event, multibyte characters by their UTF-8 size', () => {
    const message = 'é'.repeat(50_000); // 100,000 bytes in UTF-8
    const events = Array.from({ length: 25 }, (_, i) => ({ timestamp: NOW - 1000 + i, message }));
    const batches = toBatches(events);
    for (const batch of batches) expect(bytes(batch)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(batches[0]).toHaveLength(10);
    expect(putAll(batches)).toBe(25);
  });

  it('never lets one batch span 24 hours', () => {
    const start = NOW - 3 * MAX_BATCH_SPAN_MILLISECONDS;
    const events = [0, 1, MAX_BATCH_SPAN_MILLISECONDS - 1, MAX_BATCH_SPAN_MILLISECONDS, 2.5 * MAX_BATCH_SPAN_MILLISECONDS].map((offset) => ({ timestamp: start + offset, message: 'x' }));
    const batches = toBatches(events);
    for (const batch of batches) expect(batch[batch.length - 1]!.timestamp - batch[0]!.timestamp).toBeLessThan(MAX_BATCH_SPAN_MILLISECONDS);
    expect(batches.map((batch) => batch.length)).toEqual([3, 1, 1]);
    expect(putAll(batches)).toBe(5);
  });

  it('refuses an event no batch can carry rather than sending it', () => {
    expect(() => toBatches([{ timestamp: NOW, message: 'x'.repeat(MAX_BATCH_BYTES) }])).toThrow(/exceeds/);
  });
});
