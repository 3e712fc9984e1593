// GetLogEvents: newest page by default, exclusive endTime, f/b tokens that are never null and repeat at the end.
import { describe, expect, it } from 'vitest';
import { SCAN_BUDGET_EVENTS } from './filter.js';
import { T0, awsError, fixture, type Fixture } from './test-support.js';

interface GetPage {
  events: Array<{ timestamp: number; message: string; ingestionTime: number }>;
  nextForwardToken: string;
  nextBackwardToken: string;
}

function get(f: Fixture, input: Record<string, unknown>): GetPage {
  return f.call('GetLogEvents', { logGroupName: 'g', logStreamName: 's', ...input }) as unknown as GetPage;
}

function seeded(count: number): Fixture {
  const f = fixture();
  f.setUp('g', ['s']);
  if (count > 0) f.put('g', 's', Array.from({ length: count }, (_, i) => [T0 - 1_000 + i, `m${i}`] as [number, string]));
  return f;
}

const TOKEN = /^[fb]\/\d{56}\/s$/;

describe('GetLogEvents', () => {
  it('returns the newest page by default, without eventId or stream name, in AWS token format', () => {
    const f = seeded(5);
    const page = get(f, { limit: 2 });
    expect(page.events).toEqual([
      { timestamp: T0 - 997, message: 'm3', ingestionTime: T0 },
      { timestamp: T0 - 996, message: 'm4', ingestionTime: T0 },
    ]);
    expect(page.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
    expect(page.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);
  });

  it('walks backward to the head, then returns the same backward token it was given', () => {
    const f = seeded(5);
    let page = get(f, { limit: 2 });
    const seen = [...page.events.map((e) => e.message)];
    for (;;) {
      const token = page.nextBackwardToken;
      page = get(f, { limit: 2, nextToken: token });
      if (page.nextBackwardToken === token) {
        expect(page.events).toEqual([]);
        break;
      }
      seen.unshift(...page.events.map((e) => e.message));
    }
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('walks forward from the head with startFromHead, returning the same forward token at the end', () => {
    const f = seeded(5);
    let page = get(f, { limit: 2, startFromHead: true });
    const seen = page.events.map((e) => e.message);
    let calls = 1;
    for (;;) {
      const token = page.nextForwardToken;
      page = get(f, { limit: 2, startFromHead: true, nextToken: token });
      calls++;
      expect(page.nextForwardToken).toMatch(TOKEN);
      expect(page.nextBackwardToken).toMatch(TOKEN);
      if (page.nextForwardToken === token) break;
      seen.push(...page.events.map((e) => e.message));
    }
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(calls).toBe(4);
    // New events after the end are found by the same forward token.
    f.put('g', 's', [[T0, 'm5']]);
    expect(get(f, { startFromHead: true, nextToken: page.nextForwardToken }).events.map((e) => e.message)).toEqual(['m5']);
  });

  it('treats startTime as inclusive and endTime as exclusive', () => {
    const f = seeded(5);
    expect(get(f, { startFromHead: true, startTime: T0 - 999, endTime: T0 - 997 }).events.map((e) => e.message)).toEqual(['m1', 'm2']);
  });

  it('gives never-null tokens for an empty stream and repeats them', () => {
    const f = seeded(0);
    const page = get(f, {});
    expect(page.events).toEqual([]);
    expect(page.nextForwardToken).toMatch(TOKEN);
    expect(page.nextBackwardToken).toMatch(TOKEN);
    const again = get(f, { nextToken: page.nextForwardToken });
    expect(again.nextForwardToken).toBe(page.nextForwardToken);
  });

  it('returns an empty page with a new forward token when a page scans only invisible events', () => {
    const delays: number[] = [];
    const f = fixture({ visibilityDelayMilliseconds: () => delays.shift() ?? 0 });
    f.setUp('g', ['s']);
    delays.push(...Array.from({ length: SCAN_BUDGET_EVENTS }, () => 60_000));
    f.put('g', 's', Array.from({ length: SCAN_BUDGET_EVENTS }, (_, i) => [T0 - 20_000 + i, 'late'] as [number, string]));
    f.put('g', 's', [[T0, 'visible']]);
    const first = get(f, { startFromHead: true });
    expect(first.events).toEqual([]);
    const second = get(f, { startFromHead: true, nextToken: first.nextForwardToken });
    expect(second.nextForwardToken).not.toBe(first.nextForwardToken);
    expect(second.events.map((e) => e.message)).toEqual(['visible']);
  });

  it('validates the stream, the limit and the token', () => {
    const f = seeded(1);
    expect(awsError(() => get(f, { logStreamName: 'other' })).message).toBe('The specified log stream does not exist.');
    expect(awsError(() => get(f, { logStreamName: undefined })).message).toBe("1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null");
    expect(awsError(() => get(f, { limit: 10_001 })).code).toBe('InvalidParameterException');
    expect(awsError(() => get(f, { nextToken: 'f/123' })).message).toBe('The specified nextToken is invalid.');
    expect(awsError(() => get(f, { logGroupName: undefined, logGroupIdentifier: 'arn:aws:logs:us-east-1:999999999999:log-group:g' })).code).toBe('ResourceNotFoundException');
    expect(get(f, { logGroupName: undefined, logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:g' }).events).toHaveLength(1);
    // The model's identifier pattern has no `*`, so the `arn` form with `:*` is a validation error.
    expect(awsError(() => get(f, { logGroupName: undefined, logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:g:*' })).message).toContain(
      'Member must satisfy regular expression pattern: [\\w#+=/:,.@-]*',
    );
  });
});
