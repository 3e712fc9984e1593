// Connector status as the product document describes it: refreshed every five minutes, cleared by a successful test,
// and failed again a minute later if the problem persists.
import type { ExplainedError } from '../aws/explain.js';
import type { Clock } from '../core/clock.js';
import type { CollectSummary } from './collect.js';
import type { ConnectivityResult, ConnectorState, ConnectorStatus } from './reports.js';

export const STATUS_REFRESH_MILLISECONDS = 5 * 60_000;
export const TEST_CLEARS_FOR_MILLISECONDS = 60_000;

export type { ConnectorState, ConnectorStatus, LogGroupStatus } from './reports.js';

/** The run history of one connector, and the status a person sees. */
export class StatusTracker {
  private lastSummary: CollectSummary | undefined;
  private lastFailure: (ExplainedError & { logGroup?: string; at: number }) | undefined;
  private lastSuccessAt: number | undefined;
  private eventsCollected = 0;
  private throttles = 0;
  private running = false;
  private clearedByTestAt: number | undefined;
  private shown: ConnectorStatus | undefined;

  constructor(private readonly clock: Clock) {}

  runStarted(): void {
    this.running = true;
  }

  runFinished(summary: CollectSummary): void {
    this.running = false;
    this.lastSummary = summary;
    this.eventsCollected += summary.stored;
    this.throttles += summary.throttles;
    const failed = summary.units.find((unit) => unit.error !== undefined);
    if (failed?.error) this.lastFailure = { ...failed.error, logGroup: failed.logGroup, at: summary.finishedAt };
    else this.lastSuccessAt = summary.finishedAt;
  }

  /** A run that could not start at all (e.g. credentials rejected before any log group was read). */
  runCrashed(error: ExplainedError): void {
    this.running = false;
    this.lastFailure = { ...error, at: this.clock() };
  }

  testFinished(result: ConnectivityResult): void {
    const now = this.clock();
    if (result.ok) this.clearedByTestAt = now;
    else {
      this.clearedByTestAt = undefined;
      this.lastFailure = {
        httpStatus: result.httpStatus === 200 ? 400 : result.httpStatus,
        httpName: result.httpName,
        explanation: result.explanation ?? '',
        recommendation: result.recommendation ?? '',
        awsCode: result.awsCode ?? '',
        awsMessage: result.awsMessage ?? result.summary,
        at: now,
      };
    }
    this.shown = undefined;
  }

  /**
   * What the console shows: recomputed when five minutes old, after a test, when a cleared status expires, and
   * when the first run ends (a new connector should not say "pending" for five minutes after its first pull).
   */
  status(): ConnectorStatus {
    const now = this.clock();
    const clearExpired = this.clearedByTestAt !== undefined && now - this.clearedByTestAt >= TEST_CLEARS_FOR_MILLISECONDS;
    const firstResult = this.shown?.state === 'pending' && (this.lastSummary !== undefined || this.lastFailure !== undefined);
    if (!this.shown || firstResult || now - this.shown.updatedAt >= STATUS_REFRESH_MILLISECONDS || (clearExpired && this.shown.clearedByTestAt !== undefined)) {
      this.shown = this.compute(now);
    }
    return { ...this.shown, running: this.running };
  }

  private compute(now: number): ConnectorStatus {
    const failing = this.lastFailure !== undefined && (this.lastSuccessAt === undefined || this.lastFailure.at > this.lastSuccessAt);
    const cleared = this.clearedByTestAt !== undefined && now - this.clearedByTestAt < TEST_CLEARS_FOR_MILLISECONDS;
    // After the minute, a problem that a later successful run has not fixed shows again.
    if (this.clearedByTestAt !== undefined && !cleared) this.clearedByTestAt = undefined;
    const state: ConnectorState = failing && !cleared ? 'failed' : this.lastSummary === undefined && this.lastFailure === undefined ? 'pending' : 'ok';
    const summary = this.lastSummary;
    return {
      state,
      updatedAt: now,
      running: this.running,
      ...(summary ? { lastRunAt: summary.startedAt, lastRunDurationMilliseconds: summary.finishedAt - summary.startedAt } : {}),
      eventsCollected: this.eventsCollected,
      eventsLastRun: summary?.stored ?? 0,
      throttles: this.throttles,
      logGroups: (summary?.units ?? []).map((unit) => ({
        logGroup: unit.logGroup,
        lagMilliseconds: unit.lagMilliseconds,
        finalUntil: unit.finalUntil,
        ...(unit.error ? { error: unit.error } : {}),
      })),
      ...(failing && this.lastFailure ? { lastError: this.lastFailure } : {}),
      ...(cleared ? { clearedByTestAt: this.clearedByTestAt } : {}),
    };
  }
}
