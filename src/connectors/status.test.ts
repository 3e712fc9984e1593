import { describe, expect, it } from 'vitest';
import type { CollectSummary, UnitReport } from './collect.js';
import type { ConnectivityResult } from './connectivity.js';
import { StatusTracker } from './status.js';

const denied = { httpStatus: 403 as const, httpName: 'Forbidden', explanation: 'e', recommendation: 'r', awsCode: 'AccessDeniedException', awsMessage: 'denied' };

function summary(at: number, error?: typeof denied, stored = 10): CollectSummary {
  const unit: UnitReport = { key: 'k', logGroup: 'vpc-flow', eventsRead: stored, stored, duplicates: 0, filtered: 0, parseErrors: 0, finalUntil: at - 1000, lagMilliseconds: 2000, observedIngestionLagMilliseconds: 0, ...(error ? { error } : {}) };
  return { connector: 'c', startedAt: at - 500, finishedAt: at, requests: 1, pages: 1, emptyPages: 0, throttles: 1, retries: 0, retriedErrors: {}, eventsRead: stored, stored, duplicates: 0, filtered: 0, parseErrors: 0, readAmplification: 1, maxLagMilliseconds: 2000, units: [unit], ok: error === undefined };
}

const passed: ConnectivityResult = { ok: true, summary: 'Success', httpStatus: 200, httpName: 'OK', checks: [], durationMilliseconds: 5 };

describe('StatusTracker', () => {
  it('is pending until the first run, then shows that run at once', () => {
    let now = 0;
    const tracker = new StatusTracker(() => now);
    expect(tracker.status().state).toBe('pending');
    now = 1_000;
    tracker.runFinished(summary(1_000));
    expect(tracker.status()).toMatchObject({ state: 'ok', eventsCollected: 10, eventsLastRun: 10, throttles: 1, logGroups: [{ logGroup: 'vpc-flow', lagMilliseconds: 2000 }] });
  });

  it('refreshes every five minutes, not on every run', () => {
    let now = 0;
    const tracker = new StatusTracker(() => now);
    tracker.runFinished(summary(0));
    expect(tracker.status().state).toBe('ok');
    now = 60_000;
    tracker.runFinished(summary(60_000, denied));
    expect(tracker.status().state).toBe('ok');
    now = 300_000;
    expect(tracker.status()).toMatchObject({ state: 'failed', lastError: { awsCode: 'AccessDeniedException', logGroup: 'vpc-flow' } });
  });

  it('is cleared by a successful test and fails again a minute later if the problem persists', () => {
    let now = 0;
    const tracker = new StatusTracker(() => now);
    tracker.runFinished(summary(0, denied));
    expect(tracker.status().state).toBe('failed');
    now = 10_000;
    tracker.testFinished(passed);
    expect(tracker.status()).toMatchObject({ state: 'ok', clearedByTestAt: 10_000 });
    now = 69_000;
    expect(tracker.status().state).toBe('ok');
    now = 70_000;
    expect(tracker.status()).toMatchObject({ state: 'failed', lastError: { awsCode: 'AccessDeniedException' } });
  });

  it('stays ok after the minute when a successful run fixed the problem', () => {
    let now = 0;
    const tracker = new StatusTracker(() => now);
    tracker.runFinished(summary(0, denied));
    now = 10_000;
    tracker.testFinished(passed);
    now = 20_000;
    tracker.runFinished(summary(20_000));
    now = 80_000;
    expect(tracker.status().state).toBe('ok');
    now = 400_000;
    expect(tracker.status()).not.toHaveProperty('lastError');
  });

  it('shows a failed test at once, with its explanation', () => {
    let now = 0;
    const tracker = new StatusTracker(() => now);
    tracker.runFinished(summary(0));
    now = 1_000;
    tracker.testFinished({ ...passed, ok: false, summary: 'logs:FilterLogEvents on log group vpc-flow in us-west-2 is denied', httpStatus: 403, httpName: 'Forbidden', awsCode: 'AccessDeniedException', awsMessage: 'User … is not authorized', explanation: 'x', recommendation: 'y' });
    expect(tracker.status()).toMatchObject({ state: 'failed', lastError: { httpStatus: 403, awsCode: 'AccessDeniedException' } });
  });
});
