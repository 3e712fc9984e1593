// Shapes shared by the scenario generators: one generated event, and one scenario's definition.

/** One log event as a scenario makes it, before it is batched into PutLogEvents. */
export interface GeneratedEvent {
  logGroupName: string;
  logStreamName: string;
  /** Event time, ms since epoch. */
  timestamp: number;
  message: string;
}

export interface LogStreamName {
  logGroupName: string;
  logStreamName: string;
}

/** What a scenario is: the streams it writes and a pure function from one second of time to its events. */
export interface ScenarioDefinition {
  /** Every log group the scenario writes to, created at start. */
  logGroups: string[];
  /** The streams known in advance, created at start; any other stream is created on its first event. */
  streams: LogStreamName[];
  /**
   * The events of the second that starts at `secondStartMilliseconds` (a multiple of 1000), with timestamps in
   * [secondStart, secondStart + 1000). Must depend only on the seed, the scenario's start and that second, so the
   * events do not change with how often or when `tick` is called.
   */
  eventsForSecond(secondStartMilliseconds: number): GeneratedEvent[];
}

/** The options every scenario factory receives once they are resolved. */
export interface ResolvedScenarioOptions {
  accountId: string;
  region: string;
  seed: number;
  eventsPerSecond: number;
  /** Where the scenario's timeline starts (the backfill start), ms since epoch. */
  startTime: number;
}
