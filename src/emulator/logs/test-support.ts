// Shared test fixtures for the Logs emulator tests: a service on a hand-driven clock and an AwsError catcher.
import { AwsError } from '../errors.js';
import type { Scope } from '../types.js';
import { createLogsService, type EmulatedLogs, type LogsServiceOptions } from './index.js';

export const SCOPE: Scope = { accountId: '123456789012', region: 'us-east-1' };
/** 2025-06-15T15:06:40Z: after 2024-01-01, so newest-first reads are allowed. */
export const T0 = 1_750_000_000_000;

export interface Fixture {
  logs: EmulatedLogs;
  clock: { now: number };
  call(operation: string, input?: Record<string, unknown>): Record<string, unknown>;
  put(group: string, stream: string, events: Array<[timestamp: number, message: string]>): Record<string, unknown>;
  setUp(group: string, streams: string[]): void;
}

export function fixture(options: Omit<LogsServiceOptions, 'clock'> = {}): Fixture {
  const clock = { now: T0 };
  const logs = createLogsService({ ...options, clock: () => clock.now });
  const call = (operation: string, input: Record<string, unknown> = {}) => (logs.handle(SCOPE, operation, input) ?? {}) as Record<string, unknown>;
  return {
    logs,
    clock,
    call,
    put: (group, stream, events) => call('PutLogEvents', { logGroupName: group, logStreamName: stream, logEvents: events.map(([timestamp, message]) => ({ timestamp, message })) }),
    setUp(group, streams) {
      call('CreateLogGroup', { logGroupName: group });
      for (const stream of streams) call('CreateLogStream', { logGroupName: group, logStreamName: stream });
    },
  };
}

/** Runs `fn`, expecting an AwsError, and returns it. */
export function awsError(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwsError) return error;
    throw error;
  }
  throw new Error('expected an AwsError, but the call succeeded');
}
