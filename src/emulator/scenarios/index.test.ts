// The scenario runner against the real emulated Logs service: determinism, rate, accepted batches, ground truth.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.js';
import { createLogsService, type EmulatedLogs } from '../logs/index.js';
import type { LogsService, Scope } from '../types.js';
import { acceptedCount, scenarioNames, startScenario, type ScenarioOptions } from './index.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0, 250);

/** The real Logs service, with every PutLogEvents answer kept so a test can check none rejected anything. */
function recordingLogs(clock: () => number): { logs: EmulatedLogs; putResults: unknown[]; service: LogsService } {
  const logs = createLogsService({ clock });
  const putResults: unknown[] = [];
  const service: LogsService = {
    handle(scope: Scope, operation: string, input: Record<string, unknown>) {
      const result = logs.handle(scope, operation, input);
      if (operation === 'PutLogEvents') putResults.push(result);
      return result;
    },
  };
  return { logs, putResults, service };
}

function exported(logs: EmulatedLogs): string[] {
  return [...logs.exportEvents()].map((event) => `${event.logGroupName}\t${event.logStreamName}\t${event.timestamp}\t${event.message}`);
}

function runDemo(options: Partial<ScenarioOptions> = {}, now = NOW) {
  let time = now;
  const clock = () => time;
  const recording = recordingLogs(clock);
  const scenario = startScenario('demo', recording.service, { accountId: ACCOUNT, region: REGION, clock, ...options });
  return { ...recording, scenario, setTime: (value: number) => (time = value) };
}

describe('startScenario', () => {
  it('lists its scenarios', () => {
    expect(scenarioNames()).toEqual(['demo', 'load']);
  });

  it('makes byte-identical events from the same seed and clock, and different ones from another seed', () => {
    // Five minutes: long enough to include the story's first act (one minute in) and a GuardDuty finding.
    const startTime = NOW - 5 * 60_000;
    const first = runDemo({ seed: 7, startTime });
    first.scenario.tick(NOW);
    const second = runDemo({ seed: 7, startTime });
    second.scenario.tick(NOW);
    const other = runDemo({ seed: 8, startTime });
    other.scenario.tick(NOW);
    const a = exported(first.logs);
    expect(a.length).toBeGreaterThan(5_000);
    expect(exported(second.logs)).toEqual(a);
    const b = exported(other.logs);
    expect(b).not.toEqual(a);
    // Not just reordered: most messages differ.
    const inA = new Set(a);
    expect(b.filter((line) => inA.has(line)).length).toBeLessThan(b.length / 10);
  });

  it('writes the same events whether it ticks once or many times', () => {
    const startTime = NOW - 5 * 60_000;
    const once = runDemo({ seed: 3, startTime });
    once.scenario.tick(NOW);
    const often = runDemo({ seed: 3, startTime });
    for (let time = startTime; time <= NOW; time += 7_123) {
      often.setTime(time);
      often.scenario.tick(time);
    }
    often.setTime(NOW);
    often.scenario.tick(NOW);
    expect(exported(often.logs).sort()).toEqual(exported(once.logs).sort());
  });

  it('writes about R events per second, and its counts agree with the service', () => {
    const eventsPerSecond = 37.5;
    const run = runDemo({ seed: 11, eventsPerSecond, startTime: NOW - 600_000 });
    const written = run.scenario.tick(NOW);
    // 600 whole seconds at 37.5/s; the story adds a few events in seconds where it outgrows the budget.
    expect(written).toBeGreaterThanOrEqual(Math.floor(600 * eventsPerSecond) - 40);
    expect(written).toBeLessThanOrEqual(600 * eventsPerSecond * 1.05);
    const counts = run.scenario.writtenCount();
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(written);
    for (const group of run.scenario.logGroups) {
      expect([...run.logs.exportEvents({ logGroupName: group })].length, group).toBe(counts[group]);
    }
    expect(run.logs.eventCount()).toBe(written);
  });

  it('never writes an event in the future and keeps writing as time passes', () => {
    const run = runDemo({ seed: 5, startTime: NOW - 60_000 });
    const backfill = run.scenario.tick(NOW);
    expect(Math.max(...[...run.logs.exportEvents()].map((event) => event.timestamp))).toBeLessThan(NOW);
    run.setTime(NOW + 10_000);
    const next = run.scenario.tick(NOW + 10_000);
    expect(next).toBeGreaterThanOrEqual(10 * 20);
    expect(run.logs.eventCount()).toBe(backfill + next);
    // A tick at the same time writes nothing new.
    expect(run.scenario.tick(NOW + 10_000)).toBe(0);
  });

  it('has every batch accepted whole by the real Logs service', () => {
    const run = runDemo({ seed: 9, eventsPerSecond: 200, startTime: NOW - 120_000 });
    run.scenario.tick(NOW);
    expect(run.putResults.length).toBeGreaterThan(0);
    for (const result of run.putResults) expect(result).not.toHaveProperty('rejectedLogEventsInfo');
  });

  it('recreates a log group deleted behind its back instead of failing forever', () => {
    const run = runDemo({ seed: 2, startTime: NOW - 60_000 });
    run.scenario.tick(NOW);
    run.logs.handle({ accountId: ACCOUNT, region: REGION }, 'DeleteLogGroup', { logGroupName: 'vpc-flow' });
    run.setTime(NOW + 30_000);
    run.scenario.tick(NOW + 30_000);
    expect([...run.logs.exportEvents({ logGroupName: 'vpc-flow' })].length).toBeGreaterThan(0);
  });

  it('ticks on its own timer until stopped', async () => {
    const timed = recordingLogs(() => NOW);
    const scenario = startScenario('demo', timed.service, { accountId: ACCOUNT, region: REGION, clock: () => NOW, startTime: NOW - 5_000, timer: true });
    // The first tick runs at once, so the demo has data before the first interval.
    expect(timed.logs.eventCount()).toBeGreaterThan(0);
    scenario.stop();
    const after = timed.logs.eventCount();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(timed.logs.eventCount()).toBe(after);
    expect(scenario.tick(NOW + 60_000)).toBe(0);
  });

  it('rejects an unknown scenario and bad options with the field named', () => {
    const logs = createLogsService();
    expect(() => startScenario('nope', logs, { accountId: ACCOUNT, region: REGION })).toThrow(UsageError);
    expect(() => startScenario('demo', logs, { accountId: '12', region: REGION })).toThrow(/accountId/);
    expect(() => startScenario('demo', logs, { accountId: ACCOUNT, region: REGION, eventsPerSecond: 0 })).toThrow(/eventsPerSecond/);
    expect(() => startScenario('demo', logs, { accountId: ACCOUNT, region: 'mars', clock: () => NOW })).toThrow(/region/);
    expect(() => startScenario('demo', logs, { accountId: ACCOUNT, region: REGION, clock: () => NOW, startTime: NOW - 15 * 86_400_000 })).toThrow(/startTime/);
  });
});

describe('acceptedCount', () => {
  it('subtracts the events AWS reports as too old, expired or too new', () => {
    expect(acceptedCount({ nextSequenceToken: '1' }, 10)).toBe(10);
    expect(acceptedCount({ rejectedLogEventsInfo: { tooOldLogEventEndIndex: 3 } }, 10)).toBe(7);
    expect(acceptedCount({ rejectedLogEventsInfo: { expiredLogEventEndIndex: 4, tooOldLogEventEndIndex: 2 } }, 10)).toBe(6);
    expect(acceptedCount({ rejectedLogEventsInfo: { tooNewLogEventStartIndex: 8 } }, 10)).toBe(8);
    expect(acceptedCount({ rejectedLogEventsInfo: { tooOldLogEventEndIndex: 5, tooNewLogEventStartIndex: 5 } }, 10)).toBe(0);
  });
});
