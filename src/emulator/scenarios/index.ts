// Deterministic demo scenarios: seeded generators that keep writing realistic logs into the emulator's Logs service.
import { systemClock, type Clock } from '../../core/clock.js';
import { UsageError, type FieldProblem } from '../../core/errors.js';
import { AwsError } from '../errors.js';
import type { LogsService, Scope } from '../types.js';
import { toBatches, type LogEvent } from './batch.js';
import { demoScenario } from './demo.js';
import { LOAD_DEFAULT_EVENTS_PER_SECOND, loadScenario } from './load.js';
import type { GeneratedEvent, ResolvedScenarioOptions, ScenarioDefinition } from './types.js';

export { CUSTOM_VPC_FLOW_FORMAT, DEFAULT_VPC_FLOW_FORMAT } from './families/vpcflow.js';
export { ATTACKER_IP, COMMAND_AND_CONTROL_IP } from './world.js';

export interface ScenarioOptions {
  accountId: string;
  region: string;
  seed?: number;
  eventsPerSecond?: number;
  clock?: Clock;
  /** Backfill start, ms since epoch; default now − 15 min for `demo`, now for `load`. */
  startTime?: number;
  /** Where timer-driven ticks report failures; default: one line on stderr. */
  onError?: (error: unknown) => void;
}

export interface RunningScenario {
  logGroups: string[];
  /** Writes everything due up to `now` (called by the timer; tests call it directly with a fake clock). Returns events written. */
  tick(now: number): number;
  stop(): void;
  /** Events accepted by the Logs service so far, per log group (every group of the scenario is listed). */
  writtenCount(): Record<string, number>;
}

interface ScenarioEntry {
  create(options: ResolvedScenarioOptions): ScenarioDefinition;
  defaultEventsPerSecond: number;
  defaultBackfillMilliseconds: number;
}

const SCENARIOS: Record<string, ScenarioEntry> = {
  demo: { create: demoScenario, defaultEventsPerSecond: 20, defaultBackfillMilliseconds: 15 * 60_000 },
  // No backfill by default: at benchmark rates fifteen minutes would be millions of events before the first read.
  load: { create: loadScenario, defaultEventsPerSecond: LOAD_DEFAULT_EVENTS_PER_SECOND, defaultBackfillMilliseconds: 0 },
};

export const DEFAULT_SEED = 20_240_601;
const TICK_INTERVAL_MILLISECONDS = 1000;
/** PutLogEvents rejects events older than 14 days; keep an hour of margin for a slow start. */
const MAX_BACKFILL_MILLISECONDS = 14 * 24 * 3600_000 - 3600_000;
const MAX_EVENTS_PER_SECOND = 1_000_000;
/** Events held in memory between flushes while catching up a long backfill. */
const FLUSH_EVENTS = 50_000;

export function scenarioNames(): string[] {
  return Object.keys(SCENARIOS);
}

export function startScenario(name: string, logs: LogsService, options: ScenarioOptions & { timer?: boolean }): RunningScenario {
  const entry = SCENARIOS[name];
  if (entry === undefined) {
    throw new UsageError(`unknown scenario '${name}' (known: ${scenarioNames().join(', ')})`, [{ path: 'scenario', message: `must be one of ${scenarioNames().join(', ')}` }]);
  }
  const clock = options.clock ?? systemClock;
  const resolved = resolveOptions(entry, options, clock());
  const definition = entry.create(resolved);
  const scope: Scope = { accountId: resolved.accountId, region: resolved.region };
  const onError = options.onError ?? ((error: unknown) => process.stderr.write(`scenario ${name}: ${error instanceof Error ? error.message : String(error)}\n`));

  const counts = new Map<string, number>(definition.logGroups.map((group) => [group, 0]));
  const knownStreams = new Set<string>();
  const streamKey = (group: string, stream: string) => `${group}\u0000${stream}`;

  const createGroup = (logGroupName: string) => ignoreExisting(() => logs.handle(scope, 'CreateLogGroup', { logGroupName }));
  const createStream = (logGroupName: string, logStreamName: string) => {
    ignoreExisting(() => logs.handle(scope, 'CreateLogStream', { logGroupName, logStreamName }));
    knownStreams.add(streamKey(logGroupName, logStreamName));
  };
  for (const group of definition.logGroups) createGroup(group);
  for (const stream of definition.streams) createStream(stream.logGroupName, stream.logStreamName);

  /** Puts one valid batch; if the group or stream was deleted behind our back, recreates it and tries once more. */
  const put = (logGroupName: string, logStreamName: string, logEvents: LogEvent[]): number => {
    const input = { logGroupName, logStreamName, logEvents };
    let result: unknown;
    try {
      result = logs.handle(scope, 'PutLogEvents', input);
    } catch (error) {
      if (!(error instanceof AwsError) || error.code !== 'ResourceNotFoundException') throw error;
      createGroup(logGroupName);
      createStream(logGroupName, logStreamName);
      result = logs.handle(scope, 'PutLogEvents', input);
    }
    return acceptedCount(result, logEvents.length);
  };

  const flush = (events: GeneratedEvent[]): number => {
    const byStream = new Map<string, { logGroupName: string; logStreamName: string; events: LogEvent[] }>();
    for (const event of events) {
      const key = streamKey(event.logGroupName, event.logStreamName);
      let entry = byStream.get(key);
      if (entry === undefined) {
        entry = { logGroupName: event.logGroupName, logStreamName: event.logStreamName, events: [] };
        byStream.set(key, entry);
      }
      entry.events.push({ timestamp: event.timestamp, message: event.message });
    }
    let written = 0;
    for (const [key, stream] of byStream) {
      if (!knownStreams.has(key)) createStream(stream.logGroupName, stream.logStreamName);
      for (const batch of toBatches(stream.events)) {
        const accepted = put(stream.logGroupName, stream.logStreamName, batch);
        counts.set(stream.logGroupName, (counts.get(stream.logGroupName) ?? 0) + accepted);
        written += accepted;
      }
    }
    return written;
  };

  let nextSecondStart = Math.floor(resolved.startTime / 1000) * 1000;
  let stopped = false;

  const tick = (now: number): number => {
    if (stopped) return 0;
    // Only whole seconds that have ended are written, so no event is ever in the future.
    const endExclusive = Math.floor(now / 1000) * 1000;
    let written = 0;
    let pending: GeneratedEvent[] = [];
    while (nextSecondStart < endExclusive) {
      const events = definition.eventsForSecond(nextSecondStart);
      for (const event of events) pending.push(event);
      nextSecondStart += 1000;
      if (pending.length >= FLUSH_EVENTS) {
        // Seconds already generated are not generated again even if the write fails: a retry could duplicate.
        const chunk = pending;
        pending = [];
        written += flush(chunk);
      }
    }
    if (pending.length > 0) written += flush(pending);
    return written;
  };

  let timer: NodeJS.Timeout | undefined;
  if (options.timer) {
    const safeTick = () => {
      try {
        tick(clock());
      } catch (error) {
        onError(error);
      }
    };
    safeTick();
    timer = setInterval(safeTick, TICK_INTERVAL_MILLISECONDS);
    timer.unref();
  }

  return {
    logGroups: [...definition.logGroups],
    tick,
    stop() {
      stopped = true;
      if (timer !== undefined) clearInterval(timer);
    },
    writtenCount: () => Object.fromEntries(counts),
  };
}

function resolveOptions(entry: ScenarioEntry, options: ScenarioOptions, now: number): ResolvedScenarioOptions {
  const problems: FieldProblem[] = [];
  if (typeof options.accountId !== 'string' || !/^\d{12}$/.test(options.accountId)) problems.push({ path: 'accountId', message: 'must be 12 digits' });
  if (typeof options.region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region)) problems.push({ path: 'region', message: 'must be an AWS region code such as us-east-1' });
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) problems.push({ path: 'seed', message: 'must be an integer' });
  const eventsPerSecond = options.eventsPerSecond ?? entry.defaultEventsPerSecond;
  if (!Number.isFinite(eventsPerSecond) || eventsPerSecond <= 0 || eventsPerSecond > MAX_EVENTS_PER_SECOND) {
    problems.push({ path: 'eventsPerSecond', message: `must be a number above 0 and at most ${MAX_EVENTS_PER_SECOND}` });
  }
  const startTime = options.startTime ?? now - entry.defaultBackfillMilliseconds;
  if (!Number.isFinite(startTime)) problems.push({ path: 'startTime', message: 'must be a time in ms since epoch' });
  else if (startTime < now - MAX_BACKFILL_MILLISECONDS) problems.push({ path: 'startTime', message: 'must be less than 14 days ago (CloudWatch Logs rejects older events)' });
  if (problems.length > 0) throw new UsageError(`invalid scenario options: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
  return { accountId: options.accountId, region: options.region, seed, eventsPerSecond, startTime };
}

function ignoreExisting(create: () => unknown): void {
  try {
    create();
  } catch (error) {
    if (!(error instanceof AwsError) || error.code !== 'ResourceAlreadyExistsException') throw error;
  }
}

/** How many events of a batch the service kept, from its `rejectedLogEventsInfo` (indices as AWS defines them). */
export function acceptedCount(result: unknown, batchSize: number): number {
  const info = (result as { rejectedLogEventsInfo?: Record<string, unknown> } | undefined)?.rejectedLogEventsInfo;
  if (info === undefined || info === null) return batchSize;
  const index = (key: string) => (typeof info[key] === 'number' ? (info[key] as number) : undefined);
  const firstKept = Math.max(index('tooOldLogEventEndIndex') ?? 0, index('expiredLogEventEndIndex') ?? 0);
  const endKept = Math.min(index('tooNewLogEventStartIndex') ?? batchSize, batchSize);
  return Math.max(0, endKept - firstKept);
}
