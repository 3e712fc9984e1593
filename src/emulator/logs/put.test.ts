// PutLogEvents batch rules, rejectedLogEventsInfo, sequence tokens, late visibility and the stored-event bound.
import { describe, expect, it } from 'vitest';
import { T0, awsError, fixture } from './test-support.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('PutLogEvents', () => {
  it('accepts a batch, returns a 56-digit nextSequenceToken and ignores sequenceToken', () => {
    const f = fixture();
    f.setUp('g', ['s']);
    const first = f.call('PutLogEvents', { logGroupName: 'g', logStreamName: 's', sequenceToken: 'whatever', logEvents: [{ timestamp: T0, message: 'a' }] });
    const second = f.put('g', 's', [[T0, 'b']]);
    expect(first.nextSequenceToken).toMatch(/^\d{56}$/);
    expect(second.nextSequenceToken).toMatch(/^\d{56}$/);
    expect(second.nextSequenceToken).not.toBe(first.nextSequenceToken);
    expect(first.rejectedLogEventsInfo).toBeUndefined();
    expect([...f.logs.exportEvents()].map((e) => e.message)).toEqual(['a', 'b']);
  });

  it('stores the in-range events and reports too-old and too-new ones by index', () => {
    const f = fixture();
    f.setUp('g', ['s']);
    const result = f.put('g', 's', [
      [T0 - 15 * DAY, 'old-0'],
      [T0 - 14 * DAY - 1, 'old-1'],
      [T0 - 14 * DAY, 'oldest-kept'],
      [T0 - 13 * DAY, 'kept'],
      [T0 + 3 * HOUR, 'new-4'],
    ]);
    expect(result.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1, tooNewLogEventStartIndex: 4 });
    expect(f.put('g', 's', [[T0 + 2 * HOUR, 'newest-kept'], [T0 + 2 * HOUR + 1, 'new-1']]).rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    expect([...f.logs.exportEvents()].map((e) => e.message)).toEqual(['oldest-kept', 'kept', 'newest-kept']);
    const allRejected = f.put('g', 's', [[T0 + 3 * HOUR, 'too new']]);
    expect(allRejected).toEqual({ rejectedLogEventsInfo: { tooNewLogEventStartIndex: 0 } });
    expect(f.logs.eventCount()).toBe(3);
  });

  it('fails the whole call on order, span and size violations, storing nothing', () => {
    const f = fixture();
    f.setUp('g', ['s']);
    const order = awsError(() => f.put('g', 's', [[T0, 'b'], [T0 - 1, 'a']]));
    expect([order.code, order.message]).toEqual(['InvalidParameterException', 'Log events in a single PutLogEvents request must be in chronological order.']);
    expect(awsError(() => f.put('g', 's', [[T0 - 25 * HOUR, 'a'], [T0, 'b']])).message).toBe(
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
    // 10 × (104,832 + 26) = 1,048,580 bytes: four over the limit, counted in UTF-8 ("é" is two bytes).
    const message = `${'é'.repeat(2)}${'x'.repeat(104_828)}`;
    expect(awsError(() => f.put('g', 's', Array.from({ length: 10 }, () => [T0, message] as [number, string]))).message).toBe(
      'Upload too large: 1048580 bytes exceeds limit of 1048576',
    );
    f.put('g', 's', Array.from({ length: 10 }, () => [T0, message.slice(1)] as [number, string]));
    expect(f.logs.eventCount()).toBe(10);
    expect(awsError(() => f.put('g', 's', Array.from({ length: 10_001 }, () => [T0, 'x'] as [number, string]))).message).toContain(
      "at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to 10000",
    );
    expect(awsError(() => f.put('g', 's', [])).message).toContain('Member must have length greater than or equal to 1');
    expect(awsError(() => f.put('g', 's', [[T0, '']])).message).toBe(
      "1 validation error detected: Value '' at 'logEvents.1.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(awsError(() => f.call('PutLogEvents', { logGroupName: 'g', logStreamName: 's', logEvents: [{ message: 'x' }] })).message).toContain("Value null at 'logEvents.1.member.timestamp'");
    expect(f.logs.eventCount()).toBe(10);
  });

  it('needs an existing group and stream', () => {
    const f = fixture();
    f.setUp('g', ['s']);
    expect(awsError(() => f.put('nope', 's', [[T0, 'x']])).message).toBe('The specified log group does not exist.');
    expect(awsError(() => f.put('g', 'nope', [[T0, 'x']])).message).toBe('The specified log stream does not exist.');
  });

  it('makes late events invisible to reads until put time + delay, with that ingestionTime', () => {
    const delays = [0, 5_000, 0];
    const f = fixture({ visibilityDelayMilliseconds: () => delays.shift() ?? 0 });
    f.setUp('g', ['s']);
    f.put('g', 's', [[T0 - 3, 'on-time-1'], [T0 - 2, 'late'], [T0 - 1, 'on-time-2']]);
    const visibleNow = (f.call('FilterLogEvents', { logGroupName: 'g' }).events as Array<{ message: string }>).map((e) => e.message);
    expect(visibleNow).toEqual(['on-time-1', 'on-time-2']);
    expect((f.call('GetLogEvents', { logGroupName: 'g', logStreamName: 's' }).events as unknown[]).length).toBe(2);
    expect([...f.logs.exportEvents()].length).toBe(2);
    expect([...f.logs.exportEvents({ visibleAt: T0 + 5_000 })].map((e) => [e.message, e.ingestionTime])).toEqual([
      ['on-time-1', T0],
      ['late', T0 + 5_000],
      ['on-time-2', T0],
    ]);
    f.clock.now = T0 + 5_000;
    expect((f.call('FilterLogEvents', { logGroupName: 'g' }).events as Array<{ message: string }>).map((e) => e.message)).toEqual(['on-time-1', 'late', 'on-time-2']);
  });

  it('evicts the oldest puts beyond maxStoredEvents and never holds more than the bound', () => {
    const f = fixture({ maxStoredEvents: 1_000 });
    f.setUp('g', ['a', 'b']);
    for (let batch = 0; batch < 50; batch++) {
      // Alternate streams and go back in time, so eviction is by put order rather than by timestamp.
      f.put('g', batch % 2 === 0 ? 'a' : 'b', Array.from({ length: 100 }, (_, i) => [T0 - batch * 1_000 + i, `batch-${batch}`] as [number, string]));
      expect(f.logs.eventCount()).toBeLessThanOrEqual(1_000);
    }
    const kept = [...f.logs.exportEvents()];
    expect(kept.length).toBe(f.logs.eventCount());
    expect(kept.length).toBeGreaterThan(900);
    const batches = new Set(kept.map((e) => Number(e.message.slice(6))));
    // Only the newest puts survive, whatever their timestamps.
    expect(Math.min(...batches)).toBeGreaterThanOrEqual(40);
    expect(batches.has(49)).toBe(true);
    const stored = f.call('DescribeLogGroups').logGroups as Array<{ storedBytes: number }>;
    expect(stored[0]?.storedBytes).toBe(kept.reduce((sum, e) => sum + e.message.length, 0));
  });
});
