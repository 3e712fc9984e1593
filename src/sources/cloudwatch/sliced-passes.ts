// One cycle of a unit with long deep passes read as concurrent time slices, so request latency does not serialize the pull.
import { advanceFinal, completePass, observeLag, planPasses, type PassPlan, type UnitCursor } from './cursor.js';
import { readWindow } from './reader.js';
import { toCloudWatchEvents, type RawBatch, type UnitSourceOptions } from './source.js';
import type { WorkUnit } from './units.js';

export interface SlicedPassOptions extends UnitSourceOptions {
  /** Concurrent slices a deep pass is split into (each with its own FilterLogEvents pagination); 1 = no split. */
  slices: number;
  /** A slice spans at least this much time: short deep passes are read whole. */
  minimumSliceMilliseconds: number;
  /** Stores the batch's records and its cursor in one transaction; resolves once that is committed. */
  commit: (batch: RawBatch) => Promise<void>;
}

export interface TimeSlice {
  /** Inclusive bounds, ms, like a pass. */
  startTime: number;
  endTime: number;
}

/** Splits a pass's window into at most `slices` adjacent, non-overlapping slices of whole milliseconds. */
export function sliceWindow(pass: Pick<PassPlan, 'startTime' | 'endTime'>, slices: number, minimumSliceMilliseconds: number): TimeSlice[] {
  const span = pass.endTime - pass.startTime + 1;
  const count = Math.max(1, Math.min(Math.floor(slices), Math.floor(span / Math.max(1, minimumSliceMilliseconds))));
  const result: TimeSlice[] = [];
  for (let i = 0; i < count; i++) {
    const startTime = pass.startTime + Math.floor((span * i) / count);
    const endTime = pass.startTime + Math.floor((span * (i + 1)) / count) - 1;
    result.push({ startTime, endTime });
  }
  return result;
}

interface SliceProgress extends TimeSlice {
  /** Every event of the slice below this timestamp is committed. */
  committedBelow: number;
  done: boolean;
}

/**
 * The first slice not yet read to its end bounds what is complete: the frontier may pass a slice only when the slice
 * and every one before it are committed. `own` lets a slice count the page it is committing in the same transaction.
 */
function completeBelow(slices: readonly SliceProgress[], own?: { slice: SliceProgress; below: number }): number {
  for (const slice of slices) {
    if (slice.done) continue;
    return own?.slice === slice ? Math.max(slice.committedBelow, own.below) : slice.committedBelow;
  }
  const last = slices[slices.length - 1];
  return last === undefined ? Number.NEGATIVE_INFINITY : last.endTime + 1;
}

/**
 * Reads the unit's passes (live first, as planned) and commits every page through `commit`. A deep pass is read as
 * concurrent slices; each page's cursor claims only what is committed (or in the page's own transaction), so a
 * crash or a failed slice at any moment leaves a cursor that hides nothing, and re-reads are deduplicated by eventId.
 * Returns the cursor last committed; throws (after the other slices stop) when a slice fails.
 */
export async function collectUnitPasses(unit: WorkUnit, startCursor: UnitCursor, options: SlicedPassOptions): Promise<UnitCursor> {
  let cursor = startCursor;
  for (const pass of planPasses(cursor, options.clock(), options.settings)) {
    const readStartedAt = options.clock();
    const passCursor = cursor;
    const slices: SliceProgress[] = (pass.kind === 'deep' ? sliceWindow(pass, options.slices, options.minimumSliceMilliseconds) : [pass]).map((slice) => ({
      startTime: slice.startTime,
      endTime: slice.endTime,
      committedBelow: slice.startTime,
      done: false,
    }));
    let maxLagMilliseconds = 0;
    let stoppedEarly = false;
    const cursorWith = (own?: { slice: SliceProgress; below: number }) => advanceFinal(passCursor, pass, readStartedAt, completeBelow(slices, own), options.settings);

    // One slice failing stops its siblings: their pages would be re-read next cycle anyway.
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const readSlice = async (slice: SliceProgress) => {
      const pages = readWindow(unit, slice.startTime, slice.endTime, {
        logs: options.logs,
        budget: options.budget,
        priority: pass.priority,
        counters: options.counters,
        signal: controller.signal,
        // Several slices already overlap their requests; a prefetched page per slice would only hold memory.
        prefetch: slices.length === 1,
        ...(options.pageLimit === undefined ? {} : { pageLimit: options.pageLimit }),
        ...(options.onExpiredCredentials === undefined ? {} : { onExpiredCredentials: options.onExpiredCredentials }),
      });
      for await (const page of pages) {
        const { events, lastTimestamp, maxLagMilliseconds: pageLag } = toCloudWatchEvents(page);
        maxLagMilliseconds = Math.max(maxLagMilliseconds, pageLag);
        const below = lastTimestamp ?? slice.committedBelow;
        const batchCursor = cursorWith({ slice, below });
        await options.commit({ unit, pass, events, cursor: batchCursor });
        slice.committedBelow = Math.max(slice.committedBelow, below);
        cursor = laterOf(cursor, batchCursor);
        const overTime = options.backfillTimeLimitMilliseconds !== undefined && options.clock() - readStartedAt > options.backfillTimeLimitMilliseconds;
        if (pass.priority === 'backfill' && overTime) {
          stoppedEarly = true;
          return;
        }
      }
      slice.done = true;
    };
    // The first failure is the cause; the siblings' abort errors that follow it are not worth reporting.
    let firstFailure: { error: unknown } | undefined;
    try {
      await Promise.all(
        slices.map((slice) =>
          readSlice(slice).catch((error: unknown) => {
            firstFailure ??= { error };
            controller.abort(error);
          }),
        ),
      );
      if (firstFailure !== undefined) throw firstFailure.error;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
    const finished = stoppedEarly ? cursorWith() : completePass(passCursor, pass, readStartedAt, options.settings);
    cursor = observeLag(finished, maxLagMilliseconds);
    await options.commit({ unit, pass, events: [], cursor });
  }
  return cursor;
}

/** Of two cursors of the same pass, the one with the further frontier (slices may commit out of order). */
function laterOf(a: UnitCursor, b: UnitCursor): UnitCursor {
  return b.finalUntil >= a.finalUntil ? b : a;
}
