// FilterLogEvents: interleaved key order, inclusive time bounds, paging (limits, empty pages, fresh tokens), patterns, late data.
import { describe, expect, it } from 'vitest';
import { SCAN_BUDGET_EVENTS } from './filter.js';
import { T0, awsError, fixture, type Fixture } from './test-support.js';

interface FilteredEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}
interface FilterPage {
  events: FilteredEvent[];
  searchedLogStreams: unknown[];
  nextToken?: string;
}

function filterPage(f: Fixture, input: Record<string, unknown>): FilterPage {
  return f.call('FilterLogEvents', { logGroupName: 'g', ...input }) as unknown as FilterPage;
}

/** Follows nextToken to the end, checking the CLI's rule that a token never repeats on consecutive pages. */
function filterAll(f: Fixture, input: Record<string, unknown> = {}): { events: FilteredEvent[]; pages: FilterPage[] } {
  const pages: FilterPage[] = [];
  let token: string | undefined;
  do {
    const page = filterPage(f, { ...input, ...(token === undefined ? {} : { nextToken: token }) });
    expect(page.nextToken === undefined || page.nextToken !== token).toBe(true);
    pages.push(page);
    token = page.nextToken;
  } while (token !== undefined);
  return { events: pages.flatMap((p) => p.events), pages };
}

describe('FilterLogEvents', () => {
  it('interleaves streams by timestamp, then ingestion time, then put order, with unique 56-digit eventIds', () => {
    const f = fixture();
    f.setUp('g', ['a', 'b']);
    f.put('g', 'b', [[T0 - 5, 'b1'], [T0 - 5, 'b2']]);
    f.put('g', 'a', [[T0 - 5, 'a1']]);
    f.put('g', 'a', [[T0 - 9, 'a0']]);
    f.clock.now = T0 + 1;
    f.put('g', 'a', [[T0 - 5, 'a-later-ingest']]);
    f.clock.now = T0 + 2;
    const page = filterPage(f, {});
    expect(page.events.map((e) => e.message)).toEqual(['a0', 'b1', 'b2', 'a1', 'a-later-ingest']);
    expect(page.searchedLogStreams).toEqual([]);
    expect(page.nextToken).toBeUndefined();
    expect(page.events[0]).toMatchObject({ logStreamName: 'a', timestamp: T0 - 9, ingestionTime: T0 });
    const ids = page.events.map((e) => e.eventId);
    for (const id of ids) expect(id).toMatch(/^\d{56}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...f.logs.exportEvents()].map((e) => e.eventId)).toEqual(ids);
  });

  it('treats startTime and endTime as inclusive and honours stream selection by names or prefix', () => {
    const f = fixture();
    f.setUp('g', ['web-1', 'web-2', 'db-1']);
    for (const stream of ['web-1', 'web-2', 'db-1']) f.put('g', stream, [[T0 - 3, `${stream}@-3`], [T0 - 2, `${stream}@-2`], [T0 - 1, `${stream}@-1`]]);
    expect(filterPage(f, { startTime: T0 - 2, endTime: T0 - 2 }).events.map((e) => e.message)).toEqual(['web-1@-2', 'web-2@-2', 'db-1@-2']);
    expect(filterPage(f, { logStreamNamePrefix: 'web-', startTime: T0 - 1 }).events.map((e) => e.message)).toEqual(['web-1@-1', 'web-2@-1']);
    expect(filterPage(f, { logStreamNames: ['db-1', 'missing'], endTime: T0 - 3 }).events.map((e) => e.message)).toEqual(['db-1@-3']);
    const both = awsError(() => filterPage(f, { logStreamNames: ['db-1'], logStreamNamePrefix: 'web-' }));
    expect(both.code).toBe('InvalidParameterException');
    expect(awsError(() => filterPage(f, { logStreamNames: [] })).message).toContain('Member must have length greater than or equal to 1');
    expect(awsError(() => filterPage(f, { limit: 10_001 })).message).toContain('Member must have value less than or equal to 10000');
    expect(awsError(() => filterPage(f, { limit: 0 })).message).toContain('Member must have value greater than or equal to 1');
    expect(awsError(() => filterPage(f, { logGroupName: 'nope' })).message).toBe('The specified log group does not exist.');
    expect(awsError(() => filterPage(f, { nextToken: 'not-a-token' })).message).toBe('The specified nextToken is invalid.');
  });

  it('pages by limit, returns every event exactly once and omits nextToken on the last page', () => {
    const f = fixture();
    f.setUp('g', ['a', 'b', 'c']);
    for (const stream of ['a', 'b', 'c']) f.put('g', stream, Array.from({ length: 25 }, (_, i) => [T0 - 100 + i, `${stream}${i}`] as [number, string]));
    const { events, pages } = filterAll(f, { limit: 10 });
    expect(pages.map((p) => p.events.length)).toEqual([10, 10, 10, 10, 10, 10, 10, 5]);
    expect(events.length).toBe(75);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(75);
    expect(events.map((e) => e.eventId)).toEqual([...f.logs.exportEvents()].map((e) => e.eventId));
  });

  it('defaults to 10,000 events per page and caps a page at 1 MB', () => {
    const f = fixture();
    f.setUp('g', ['s']);
    for (let batch = 0; batch < 11; batch++) f.put('g', 's', Array.from({ length: 1_000 }, (_, i) => [T0 - 20_000 + batch * 1_000 + i, 'm'] as [number, string]));
    expect(filterAll(f).pages.map((p) => p.events.length)).toEqual([10_000, 1_000]);

    const big = fixture();
    big.setUp('g', ['s']);
    // (100,000 + 26) bytes per event: ten fit in 1,048,576, the eleventh does not.
    const message = 'x'.repeat(100_000);
    for (let i = 0; i < 3; i++) big.put('g', 's', Array.from({ length: 5 }, (_, j) => [T0 - 100 + i * 5 + j, message] as [number, string]));
    expect(filterAll(big).pages.map((p) => p.events.length)).toEqual([10, 5]);
  });

  it('returns empty pages that still carry a fresh nextToken when a page scans its budget without a match', () => {
    const f = fixture();
    f.setUp('g', ['s']);
    const noise = SCAN_BUDGET_EVENTS + 5_000;
    for (let start = 0; start < noise; start += 10_000) {
      const count = Math.min(10_000, noise - start);
      f.put('g', 's', Array.from({ length: count }, (_, i) => [T0 - 60_000 + start + i, 'noise'] as [number, string]));
    }
    f.put('g', 's', [[T0, 'NEEDLE here']]);
    const first = filterPage(f, { filterPattern: 'NEEDLE' });
    expect(first.events).toEqual([]);
    expect(first.nextToken).toBeDefined();
    const { events, pages } = filterAll(f, { filterPattern: 'NEEDLE' });
    expect(events.map((e) => e.message)).toEqual(['NEEDLE here']);
    expect(pages.length).toBe(2);
    expect(pages[0]?.events).toEqual([]);
  });

  it('applies simple filter patterns: AND terms, ?OR terms, quoted phrases, -exclusions and " "', () => {
    const f = fixture();
    f.setUp('g', ['s']);
    f.put('g', 's', [[T0 - 4, 'ERROR disk full'], [T0 - 3, 'ERROR ARGUMENTS missing'], [T0 - 2, 'WARN low memory'], [T0 - 1, 'INTERNAL SERVER ERROR']]);
    const messages = (pattern: string) => filterPage(f, { filterPattern: pattern }).events.map((e) => e.message);
    expect(messages('ERROR')).toEqual(['ERROR disk full', 'ERROR ARGUMENTS missing', 'INTERNAL SERVER ERROR']);
    expect(messages('ERROR ARGUMENTS')).toEqual(['ERROR ARGUMENTS missing']);
    expect(messages('?ARGUMENTS ?WARN')).toEqual(['ERROR ARGUMENTS missing', 'WARN low memory']);
    expect(messages('"SERVER ERROR"')).toEqual(['INTERNAL SERVER ERROR']);
    expect(messages('ERROR -ARGUMENTS')).toEqual(['ERROR disk full', 'INTERNAL SERVER ERROR']);
    expect(messages('" "')).toHaveLength(4);
    expect(messages('error')).toEqual([]);
    expect(awsError(() => messages('{ $.level = "ERROR" }')).message).toBe('Invalid filter pattern');
    expect(awsError(() => messages('"unclosed')).message).toBe('Invalid filter pattern');
  });

  it('continues an old token after its key: a late event with a smaller key is missed by it but found by a re-read', () => {
    const delays: number[] = [];
    const f = fixture({ visibilityDelayMilliseconds: () => delays.shift() ?? 0 });
    f.setUp('g', ['a', 'b']);
    f.put('g', 'a', [[T0 - 30, 'a-30'], [T0 - 10, 'a-10']]);
    delays.push(60_000);
    f.put('g', 'b', [[T0 - 20, 'late-b-20']]);
    const first = filterPage(f, { limit: 1 });
    expect(first.events.map((e) => e.message)).toEqual(['a-30']);
    f.clock.now = T0 + 60_000;
    // The late event (timestamp T0-20) is visible now, but the token continues after T0-30's key... and it is after it.
    const resumed = filterAll(f, { limit: 1, nextToken: first.nextToken });
    expect(resumed.events.map((e) => e.message)).toEqual(['late-b-20', 'a-10']);

    // When the token has already passed the late event's key, continuing it misses the event; a re-read finds it.
    const g = fixture({ visibilityDelayMilliseconds: () => delays.shift() ?? 0 });
    g.setUp('g', ['a', 'b']);
    delays.push(60_000);
    g.put('g', 'b', [[T0 - 20, 'late-b-20']]);
    g.put('g', 'a', [[T0 - 10, 'a-10'], [T0 - 5, 'a-5']]);
    const page = filterPage(g, { limit: 1 });
    expect(page.events.map((e) => e.message)).toEqual(['a-10']);
    g.clock.now = T0 + 60_000;
    expect(filterAll(g, { nextToken: page.nextToken }).events.map((e) => e.message)).toEqual(['a-5']);
    expect(filterAll(g).events.map((e) => e.message)).toEqual(['late-b-20', 'a-10', 'a-5']);
  });

  it('reads newest first with startFromHead false, only for ranges starting on or after 2024-01-01', () => {
    const f = fixture();
    f.setUp('g', ['a', 'b']);
    f.put('g', 'a', [[T0 - 4, 'a-4'], [T0 - 2, 'a-2']]);
    f.put('g', 'b', [[T0 - 3, 'b-3'], [T0 - 1, 'b-1']]);
    const { events, pages } = filterAll(f, { startFromHead: false, startTime: T0 - 3, limit: 2 });
    expect(events.map((e) => e.message)).toEqual(['b-1', 'a-2', 'b-3']);
    expect(pages.length).toBe(2);
    expect(awsError(() => filterPage(f, { startFromHead: false, startTime: Date.UTC(2023, 11, 31) })).code).toBe('InvalidParameterException');
    expect(awsError(() => filterPage(f, { startFromHead: false })).code).toBe('InvalidParameterException');
  });
});
