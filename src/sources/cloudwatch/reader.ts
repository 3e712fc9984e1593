// Reads one timestamp window of a work unit with FilterLogEvents: every page, through empty pages, within the rate budget.
import { FilterLogEventsCommand, type CloudWatchLogsClient, type FilteredLogEvent, type FilterLogEventsCommandInput, type FilterLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { sleep } from '../../core/clock.js';
import { awsErrorCode, isRetryable } from '../../aws/explain.js';
import type { RateBudget, Priority } from './rate-budget.js';
import type { WorkUnit } from './units.js';

export interface ReadCounters {
  requests: number;
  pages: number;
  emptyPages: number;
  throttles: number;
  retries: number;
  /** Error codes of retried failures, e.g. {ThrottlingException: 3, ServiceUnavailableException: 1}. */
  retriedErrors: Record<string, number>;
}

export function emptyCounters(): ReadCounters {
  return { requests: 0, pages: 0, emptyPages: 0, throttles: 0, retries: 0, retriedErrors: {} };
}

export interface ReadOptions {
  logs: CloudWatchLogsClient;
  budget: RateBudget;
  priority: Priority;
  counters: ReadCounters;
  signal?: AbortSignal;
  /** Attempts per page before the pass fails (the cycle reports it and the next cycle retries the window). */
  maxAttemptsPerPage?: number;
  /** Events per page; AWS's default and maximum is 10,000. */
  pageLimit?: number;
  /**
   * Request the next page while the caller handles this one (default true). Concurrent slices turn it off: they
   * overlap requests themselves, and each prefetched page is memory held while the store catches up.
   */
  prefetch?: boolean;
  /** Called when AWS says the session credentials expired earlier than this machine's clock expected. */
  onExpiredCredentials?: () => void;
}

const THROTTLE_CODES = new Set(['ThrottlingException', 'LimitExceededException', 'Throttling', 'TooManyRequestsException']);
const EXPIRED_CODES = new Set(['ExpiredTokenException', 'ExpiredToken']);

function backoffMilliseconds(attempt: number): number {
  // Full jitter, 100 ms doubling to a 20 s cap: spreads retries of many units apart.
  return Math.floor(Math.random() * Math.min(20_000, 100 * 2 ** attempt));
}

/** Sends one FilterLogEvents request within the budget, retrying transient failures; throws when they persist. */
async function fetchPage(input: FilterLogEventsCommandInput, options: ReadOptions, signal: AbortSignal): Promise<FilterLogEventsCommandOutput> {
  const maxAttempts = options.maxAttemptsPerPage ?? 10;
  let renewed = false;
  for (let attempt = 1; ; attempt++) {
    await options.budget.acquire(options.priority, signal);
    options.counters.requests += 1;
    try {
      const response = await options.logs.send(new FilterLogEventsCommand(input), { abortSignal: signal });
      options.budget.onSuccess();
      return response;
    } catch (error) {
      if (signal.aborted) throw error;
      const code = awsErrorCode(error);
      // Session credentials can expire before our clock says so (clock skew, an early revocation): renew once per page.
      const expired = EXPIRED_CODES.has(code) && options.onExpiredCredentials !== undefined && !renewed;
      if (expired) {
        renewed = true;
        options.onExpiredCredentials?.();
      }
      if (!(expired || isRetryable(error)) || attempt >= maxAttempts) throw error;
      if (THROTTLE_CODES.has(code)) {
        options.counters.throttles += 1;
        options.budget.onThrottle();
      }
      options.counters.retries += 1;
      options.counters.retriedErrors[code] = (options.counters.retriedErrors[code] ?? 0) + 1;
      await sleep(backoffMilliseconds(attempt), signal);
    }
  }
}

/**
 * Yields each page's events in the order AWS returns them (timestamp, then ingestion). An empty page with a
 * nextToken is not the end. Unless `prefetch` is off, the next page is requested while the caller processes this one,
 * so reading overlaps parsing and storing. Transient failures are retried within the budget; when they persist, or on any other
 * error, it throws — it never returns early as if the window were done.
 */
export async function* readWindow(unit: WorkUnit, startTime: number, endTime: number, options: ReadOptions): AsyncGenerator<FilteredLogEvent[]> {
  const request = (nextToken: string | undefined): FilterLogEventsCommandInput => ({
    logGroupName: unit.logGroup,
    startTime,
    endTime,
    limit: options.pageLimit ?? 10_000,
    // Deprecated and ignored by AWS, which always interleaves; moto and other emulators sort by time only with it.
    interleaved: true,
    ...(unit.logStreams ? { logStreamNames: unit.logStreams } : {}),
    ...(nextToken === undefined ? {} : { nextToken }),
  });
  // Aborted when the caller stops early, so a prefetched request does not outlive the read.
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const prefetch = options.prefetch ?? true;
  let pending: Promise<FilterLogEventsCommandOutput> | undefined = fetchPage(request(undefined), options, controller.signal);
  try {
    while (pending !== undefined) {
      const response: FilterLogEventsCommandOutput = await pending;
      const nextToken = response.nextToken;
      pending = nextToken === undefined || !prefetch ? undefined : fetchPage(request(nextToken), options, controller.signal);
      const events = response.events ?? [];
      options.counters.pages += 1;
      if (events.length === 0) options.counters.emptyPages += 1;
      yield events;
      if (nextToken !== undefined && !prefetch) pending = fetchPage(request(nextToken), options, controller.signal);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    if (pending !== undefined) {
      controller.abort(new Error('read stopped'));
      pending.catch(() => undefined);
    }
  }
}
