// The CloudWatch source for one work unit: plans this cycle's passes and yields RawBatch {events, cursor} per page.
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { Clock } from '../../core/clock.js';
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchEvent } from '../../core/record.js';
import { advanceFinal, completePass, observeLag, planPasses, type CursorSettings, type PassPlan, type UnitCursor } from './cursor.js';
import type { RateBudget } from './rate-budget.js';
import { readWindow, type ReadCounters } from './reader.js';
import type { WorkUnit } from './units.js';

/** What a source hands the pipeline: events to store, and the cursor to commit in the same transaction. */
export interface RawBatch {
  unit: WorkUnit;
  pass: PassPlan;
  events: CloudWatchEvent[];
  /** The unit's cursor once these events are stored. The source never commits it itself. */
  cursor: UnitCursor;
}

export interface UnitSourceOptions {
  logs: CloudWatchLogsClient;
  budget: RateBudget;
  clock: Clock;
  settings: CursorSettings;
  counters: ReadCounters;
  signal?: AbortSignal;
  /** A backfill pass stops after this long so the next cycle's live pass is not delayed; undefined = no limit. */
  backfillTimeLimitMilliseconds?: number;
  pageLimit?: number;
  onExpiredCredentials?: () => void;
}

/**
 * Yields the batches of one cycle of one unit, passes in order (live before backfill). The last batch of every
 * completed pass carries the cursor that records the pass's completion.
 */
export async function* unitBatches(unit: WorkUnit, startCursor: UnitCursor, options: UnitSourceOptions): AsyncGenerator<RawBatch> {
  let cursor = startCursor;
  for (const pass of planPasses(cursor, options.clock(), options.settings)) {
    const readStartedAt = options.clock();
    let maxLagMilliseconds = 0;
    let stoppedEarly = false;
    const pages = readWindow(unit, pass.startTime, pass.endTime, {
      logs: options.logs,
      budget: options.budget,
      priority: pass.priority,
      counters: options.counters,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.pageLimit === undefined ? {} : { pageLimit: options.pageLimit }),
      ...(options.onExpiredCredentials === undefined ? {} : { onExpiredCredentials: options.onExpiredCredentials }),
    });
    for await (const page of pages) {
      const { events, lastTimestamp, maxLagMilliseconds: pageLag } = toCloudWatchEvents(page);
      maxLagMilliseconds = Math.max(maxLagMilliseconds, pageLag);
      // Events come in timestamp order: everything below the last one seen is complete (ties may continue).
      if (lastTimestamp !== undefined) cursor = advanceFinal(cursor, pass, readStartedAt, lastTimestamp, options.settings);
      yield { unit, pass, events, cursor };
      const overTime = options.backfillTimeLimitMilliseconds !== undefined && options.clock() - readStartedAt > options.backfillTimeLimitMilliseconds;
      if (pass.priority === 'backfill' && overTime) {
        stoppedEarly = true;
        break;
      }
    }
    cursor = observeLag(stoppedEarly ? cursor : completePass(cursor, pass, readStartedAt, options.settings), maxLagMilliseconds);
    yield { unit, pass, events: [], cursor };
  }
}

export interface ConvertedPage {
  events: CloudWatchEvent[];
  /** Timestamp of the page's last event: everything below it has been returned (ties may continue). */
  lastTimestamp: number | undefined;
  /** Largest ingestionTime − timestamp in the page, ms. */
  maxLagMilliseconds: number;
}

/**
 * The SDK's events as the collector's CloudWatchEvent, with what the cursor needs to know about the page. The page's
 * own objects are completed in place rather than copied (they have the same fields): a copy per event was garbage
 * the fetching thread's heap grew on, in memory the issue caps.
 */
export function toCloudWatchEvents(page: FilteredLogEvent[]): ConvertedPage {
  let lastTimestamp: number | undefined;
  let maxLagMilliseconds = 0;
  for (const event of page) {
    event.timestamp ??= 0;
    event.message ??= '';
    if (event.ingestionTime !== undefined) maxLagMilliseconds = Math.max(maxLagMilliseconds, event.ingestionTime - event.timestamp);
    lastTimestamp = event.timestamp;
  }
  return { events: page as CloudWatchEvent[], lastTimestamp, maxLagMilliseconds };
}
