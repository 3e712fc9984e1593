// The emulated CloudWatch Logs data plane: dispatches JSON operations per (account, region) and exposes ground truth.
import { type Clock, systemClock } from '../../core/clock.js';
import { AwsError } from '../errors.js';
import type { LogsService, Scope } from '../types.js';
import { filterLogEvents } from './filter.js';
import { getLogEvents } from './get.js';
import { CursorHeap, type StreamCursor } from './merge.js';
import { putLogEvents } from './put.js';
import { createLogGroup, createLogStream, deleteLogGroup, deleteLogStream, describeLogGroups, describeLogStreams } from './resources.js';
import { LogsState } from './state.js';
import { eventIdOf } from './tokens.js';

export interface LogsServiceOptions {
  clock?: Clock; // from src/core/clock.ts; default systemClock
  /** Late-ingestion fault: called once per accepted event; returns how long after the put it becomes visible (0 = at once). */
  visibilityDelayMilliseconds?: () => number;
  /** Memory bound: when more events are stored, the oldest (by ingestion) are evicted, as if retention expired. */
  maxStoredEvents?: number; // pick a sane default, e.g. 5_000_000 per service
}

export interface StoredEventView {
  accountId: string;
  region: string;
  logGroupName: string;
  logStreamName: string;
  eventId: string;
  timestamp: number;
  ingestionTime: number;
  message: string;
}

export interface EmulatedLogs extends LogsService {
  /** Ground truth for tests: every stored event that is visible at `visibleAt` (default now), in FilterLogEvents order per group. */
  exportEvents(options?: { visibleAt?: number; accountId?: string; region?: string; logGroupName?: string }): Iterable<StoredEventView>;
  eventCount(): number;
}

/** About 170 bytes per VPC-flow-sized event: 5 M events stay under 1 GiB of heap. */
export const DEFAULT_MAX_STORED_EVENTS = 5_000_000;

type Operation = (state: LogsState, scope: Scope, input: Record<string, unknown>) => unknown;

export function createLogsService(options: LogsServiceOptions = {}): EmulatedLogs {
  const clock = options.clock ?? systemClock;
  const delay = options.visibilityDelayMilliseconds ?? (() => 0);
  const maxStoredEvents = options.maxStoredEvents ?? DEFAULT_MAX_STORED_EVENTS;
  if (!Number.isInteger(maxStoredEvents) || maxStoredEvents < 1) throw new RangeError(`maxStoredEvents must be a positive integer, got ${maxStoredEvents}`);
  const state = new LogsState(clock, maxStoredEvents);
  const operations: Record<string, Operation> = {
    CreateLogGroup: createLogGroup,
    CreateLogStream: createLogStream,
    DeleteLogGroup: deleteLogGroup,
    DeleteLogStream: deleteLogStream,
    DescribeLogGroups: describeLogGroups,
    DescribeLogStreams: describeLogStreams,
    PutLogEvents: (s, scope, input) => putLogEvents(s, scope, input, delay),
    GetLogEvents: getLogEvents,
    FilterLogEvents: filterLogEvents,
  };

  return {
    handle(scope: Scope, operation: string, input: Record<string, unknown>): unknown {
      const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
      if (run === undefined) throw new AwsError('UnknownOperationException', '');
      return run(state, scope, input);
    },
    eventCount: () => state.eventCount(),
    *exportEvents(filter = {}): Iterable<StoredEventView> {
      const visibleAt = filter.visibleAt ?? clock();
      for (const group of state.allGroups()) {
        const { accountId, region } = group.scope;
        if (filter.accountId !== undefined && filter.accountId !== accountId) continue;
        if (filter.region !== undefined && filter.region !== region) continue;
        if (filter.logGroupName !== undefined && filter.logGroupName !== group.name) continue;
        const cursors: StreamCursor[] = [...group.streams.values()].map((stream) => ({ streamName: stream.name, events: stream.events, index: 0, stop: stream.events.length }));
        const heap = new CursorHeap(cursors, true);
        for (let cursor = heap.top(); cursor !== undefined; cursor = heap.top()) {
          const columns = cursor.events;
          const index = cursor.index;
          const ingestionTime = columns.ingestionTimes[index] as number;
          if (ingestionTime <= visibleAt) {
            const timestamp = columns.timestamps[index] as number;
            yield {
              accountId,
              region,
              logGroupName: group.name,
              logStreamName: cursor.streamName,
              eventId: eventIdOf(timestamp, columns.sequences[index] as number),
              timestamp,
              ingestionTime,
              message: columns.messages[index] as string,
            };
          }
          heap.advanceTop();
        }
      }
    },
  };
}
