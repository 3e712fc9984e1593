import { describe, expect, it } from 'vitest';
import { advanceFinal, completePass, initialCursor, isUnitCursor, lagWindow, observeLag, planPasses, type CursorSettings } from './cursor.js';

const MINUTE = 60_000;
const settings: CursorSettings = {
  maxLatenessMilliseconds: 60 * MINUTE,
  settleMilliseconds: 2_000,
  deepPeriodMilliseconds: 60 * MINUTE,
  minimumLagWindowMilliseconds: MINUTE,
  liveSpanMilliseconds: 10 * MINUTE,
};
const now = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('planPasses', () => {
  it('reads everything from the start time in one deep pass on a first run', () => {
    const cursor = initialCursor(now - 5 * MINUTE);
    expect(planPasses(cursor, now, settings)).toEqual([{ kind: 'deep', startTime: now - 5 * MINUTE, endTime: now - 2_000, priority: 'live' }]);
  });

  it('splits a long backfill: live data first, the past at backfill priority, with no gap between them', () => {
    const cursor = initialCursor(now - 3 * 24 * 60 * MINUTE);
    const [live, deep] = planPasses(cursor, now, settings);
    expect(live).toEqual({ kind: 'live', startTime: now - 2_000 - 10 * MINUTE - MINUTE, endTime: now - 2_000, priority: 'live' });
    expect(deep).toEqual({ kind: 'deep', startTime: cursor.finalUntil, endTime: (live?.startTime ?? 0) - 1, priority: 'backfill' });
  });

  it('re-reads only a lag-sized window between deep passes', () => {
    const cursor = { ...initialCursor(now - 90 * MINUTE), deepDueAt: now + 30 * MINUTE, liveUntil: now - 5 * MINUTE, observedLagMilliseconds: 3 * MINUTE };
    expect(planPasses(cursor, now, settings)).toEqual([{ kind: 'live', startTime: now - 5 * MINUTE - 6 * MINUTE, endTime: now - 2_000, priority: 'live' }]);
  });

  it('waits for the settle delay before reading at all', () => {
    expect(planPasses(initialCursor(now - 1_000), now, settings)).toEqual([]);
  });
});

describe('lagWindow', () => {
  it('is twice the observed lag, bounded by the minimum and by maxLateness', () => {
    expect(lagWindow({ ...initialCursor(0), observedLagMilliseconds: 0 }, settings)).toBe(MINUTE);
    expect(lagWindow({ ...initialCursor(0), observedLagMilliseconds: 5 * MINUTE }, settings)).toBe(10 * MINUTE);
    expect(lagWindow({ ...initialCursor(0), observedLagMilliseconds: 500 * MINUTE }, settings)).toBe(60 * MINUTE);
  });
});

describe('advanceFinal and completePass', () => {
  it('never moves the frontier past readStart − maxLateness, whatever was read', () => {
    const cursor = initialCursor(now - 120 * MINUTE);
    const pass = { kind: 'deep' as const, startTime: cursor.finalUntil, endTime: now, priority: 'live' as const };
    expect(advanceFinal(cursor, pass, now, now, settings).finalUntil).toBe(now - 60 * MINUTE);
    expect(advanceFinal(cursor, pass, now, now - 100 * MINUTE, settings).finalUntil).toBe(now - 100 * MINUTE);
  });

  it('does not move the frontier for a pass that started after it (a gap could hide events)', () => {
    const cursor = initialCursor(now - 120 * MINUTE);
    const pass = { kind: 'live' as const, startTime: now - 10 * MINUTE, endTime: now, priority: 'live' as const };
    expect(advanceFinal(cursor, pass, now, now, settings)).toBe(cursor);
  });

  it('schedules the next deep pass one period after a deep pass began', () => {
    const cursor = initialCursor(now - 30 * MINUTE);
    const pass = { kind: 'deep' as const, startTime: cursor.finalUntil, endTime: now - 2_000, priority: 'live' as const };
    const done = completePass(cursor, pass, now, settings);
    expect(done).toMatchObject({ finalUntil: now - 30 * MINUTE, deepDueAt: now + 60 * MINUTE, liveUntil: now - 2_000 });
  });
});

describe('guarantee', () => {
  // Simulates many cycles with events of random lateness ≤ maxLateness and checks each is inside some pass that
  // started after the event became visible: the property that makes collection lossless.
  it('every event visible within maxLateness falls inside a pass that read after it appeared', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const interval = 5 * MINUTE;
    const start = now;
    let cursor = initialCursor(start - interval);
    const passes: Array<{ startTime: number; endTime: number; readAt: number }> = [];
    for (let t = start; t < start + 12 * 60 * MINUTE; t += interval) {
      for (const pass of planPasses(cursor, t, settings)) {
        passes.push({ startTime: pass.startTime, endTime: pass.endTime, readAt: t });
        cursor = observeLag(completePass(cursor, pass, t, settings), random() * 10 * MINUTE);
      }
    }
    let checked = 0;
    for (let i = 0; i < 5_000; i++) {
      const timestamp = start + random() * 10 * 60 * MINUTE;
      const visibleAt = timestamp + random() * settings.maxLatenessMilliseconds;
      const caught = passes.some((p) => p.readAt >= visibleAt && p.startTime <= timestamp && timestamp <= p.endTime);
      expect(caught, `event at ${timestamp} visible at ${visibleAt}`).toBe(true);
      checked += 1;
    }
    expect(checked).toBe(5_000);
  });
});

describe('isUnitCursor', () => {
  it('accepts a stored cursor and rejects anything else', () => {
    expect(isUnitCursor(JSON.parse(JSON.stringify(initialCursor(5))))).toBe(true);
    expect(isUnitCursor({ version: 2, finalUntil: 1, deepDueAt: 0, liveUntil: 0, observedLagMilliseconds: 0 })).toBe(false);
    expect(isUnitCursor({ version: 1, finalUntil: 'x' })).toBe(false);
    expect(isUnitCursor(null)).toBe(false);
  });
});
