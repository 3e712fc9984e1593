// The durable position of one work unit, and how a finished pass moves it. Pure: no I/O, no clock.

/** Stored in the store beside the records, in the same transaction. */
export interface UnitCursor {
  version: 1;
  /**
   * The final frontier: every event with a timestamp below it that became visible within the lateness bound
   * is already stored. Never "last timestamp + 1": it only moves to what is provably complete.
   */
  finalUntil: number;
  /** When the next deep pass (re-reading from finalUntil) is due, ms since epoch. */
  deepDueAt: number;
  /** End of the last live pass's window; the next live pass starts a lag window before it. */
  liveUntil: number;
  /** Largest ingestion lag (ingestionTime − timestamp) seen recently, ms; sizes the live re-read window. */
  observedLagMilliseconds: number;
}

export interface CursorSettings {
  /** Events ingested later than this after their timestamp are not owed (connector maxLatenessMinutes). */
  maxLatenessMilliseconds: number;
  /** Events younger than this are left for the next run: CloudWatch may still be making them visible. */
  settleMilliseconds: number;
  /** How often a deep pass re-reads from the final frontier. */
  deepPeriodMilliseconds: number;
  /** Smallest live lookback, whatever the observed lag. */
  minimumLagWindowMilliseconds: number;
  /**
   * The most a live pass reaches back beyond its lag window (after downtime or at the start of a backfill); older
   * data is left to deep passes at backfill priority.
   */
  liveSpanMilliseconds: number;
}

export function initialCursor(startTime: number): UnitCursor {
  return { version: 1, finalUntil: startTime, deepDueAt: 0, liveUntil: startTime, observedLagMilliseconds: 0 };
}

export function isUnitCursor(value: unknown): value is UnitCursor {
  const v = value as Partial<UnitCursor> | null;
  return (
    typeof v === 'object' && v !== null && v.version === 1 &&
    [v.finalUntil, v.deepDueAt, v.liveUntil, v.observedLagMilliseconds].every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

export type PassKind = 'deep' | 'live';

export interface PassPlan {
  kind: PassKind;
  /** Inclusive start and end of the timestamp window, ms. */
  startTime: number;
  endTime: number;
  /** Deep passes over a long past range are backfill: they yield the quota to live reads. */
  priority: 'live' | 'backfill';
}

/** How far back a live pass re-reads: twice the worst lag seen, within [minimum, maxLateness]. */
export function lagWindow(cursor: UnitCursor, settings: CursorSettings): number {
  return Math.min(settings.maxLatenessMilliseconds, Math.max(settings.minimumLagWindowMilliseconds, cursor.observedLagMilliseconds * 2));
}

/**
 * The passes one collection cycle makes for a unit at `now`. A deep pass re-reads from the final frontier (that is
 * what makes late events safe); a live pass re-reads only a lag-sized window (that keeps the quota cost low).
 * When the deep window is short anyway, one deep pass does both jobs.
 */
export function planPasses(cursor: UnitCursor, now: number, settings: CursorSettings): PassPlan[] {
  const endTime = now - settings.settleMilliseconds;
  if (endTime < cursor.finalUntil) return [];
  const liveStart = Math.max(cursor.finalUntil, Math.max(cursor.liveUntil, endTime - settings.liveSpanMilliseconds) - lagWindow(cursor, settings));
  const deepDue = now >= cursor.deepDueAt;
  // In steady state a deep pass spans maxLateness + deepPeriod; much more than that is a backfill.
  const backfill = liveStart - cursor.finalUntil > settings.maxLatenessMilliseconds + settings.deepPeriodMilliseconds;
  if (deepDue && !backfill) return [{ kind: 'deep', startTime: cursor.finalUntil, endTime, priority: 'live' }];
  const live: PassPlan = { kind: 'live', startTime: liveStart, endTime, priority: 'live' };
  if (!deepDue) return [live];
  // The backfill stops where the live pass starts: the live pass covers the rest at live priority.
  return [live, { kind: 'deep', startTime: cursor.finalUntil, endTime: liveStart - 1, priority: 'backfill' }];
}

/**
 * After a pass that started reading at `readStartedAt` has returned every event with a timestamp below
 * `completeBelow` (events are returned in timestamp order), the frontier may move to the smaller of that and
 * readStartedAt − maxLateness: anything older that was not visible when the read began is later than owed.
 */
export function advanceFinal(cursor: UnitCursor, pass: PassPlan, readStartedAt: number, completeBelow: number, settings: CursorSettings): UnitCursor {
  if (pass.startTime > cursor.finalUntil) return cursor;
  const provable = Math.min(completeBelow, readStartedAt - settings.maxLatenessMilliseconds);
  return provable > cursor.finalUntil ? { ...cursor, finalUntil: provable } : cursor;
}

/** Records what a completed pass proved and when the next deep pass is due. */
export function completePass(cursor: UnitCursor, pass: PassPlan, readStartedAt: number, settings: CursorSettings): UnitCursor {
  const finished = advanceFinal(cursor, pass, readStartedAt, pass.endTime + 1, settings);
  if (pass.kind === 'deep') return { ...finished, deepDueAt: readStartedAt + settings.deepPeriodMilliseconds, liveUntil: Math.max(finished.liveUntil, pass.endTime) };
  return { ...finished, liveUntil: Math.max(finished.liveUntil, pass.endTime) };
}

/** Folds lags seen in a pass into the cursor: the maximum, decaying slowly so one outlier does not widen reads forever. */
export function observeLag(cursor: UnitCursor, maxLagInPassMilliseconds: number): UnitCursor {
  const decayed = Math.floor(cursor.observedLagMilliseconds * 0.9);
  return { ...cursor, observedLagMilliseconds: Math.max(decayed, maxLagInPassMilliseconds) };
}
