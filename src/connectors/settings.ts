// Collection settings derived from a connector: lateness bound, deep-pass period, settle delay, start time.
import { resolveStartTime, type Connector } from '../core/connector.js';
import type { CursorSettings } from '../sources/cloudwatch/cursor.js';

const MINUTE = 60_000;

/** How late an event may be ingested after its timestamp and still be collected, unless the connector says. */
export const DEFAULT_MAX_LATENESS_MINUTES = 60;
/** Events younger than this wait for the next run: CloudWatch may still be making them visible. */
export const SETTLE_MILLISECONDS = 1_000;

export function cursorSettings(connector: Connector): CursorSettings {
  const intervalMilliseconds = (connector.config.intervalMinutes ?? 5) * MINUTE;
  const maxLatenessMilliseconds = (connector.config.maxLatenessMinutes ?? DEFAULT_MAX_LATENESS_MINUTES) * MINUTE;
  return {
    maxLatenessMilliseconds,
    settleMilliseconds: SETTLE_MILLISECONDS,
    // One deep pass per lateness period re-reads each event about twice in total: the guarantee's quota cost.
    deepPeriodMilliseconds: Math.max(intervalMilliseconds, maxLatenessMilliseconds),
    minimumLagWindowMilliseconds: MINUTE,
    liveSpanMilliseconds: Math.max(2 * intervalMilliseconds, 10 * MINUTE),
  };
}

/** Where a unit without a checkpoint starts: the connector's startTime, or one interval before now. */
export function startTimeFor(connector: Connector, now: number): number {
  if (connector.config.startTime !== undefined) return resolveStartTime(connector.config.startTime, now) ?? now;
  return now - (connector.config.intervalMinutes ?? 5) * MINUTE;
}
