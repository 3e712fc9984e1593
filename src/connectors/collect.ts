// One collection cycle of a connector: source → parse → log filters → store.write(records, cursor), per work unit.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createConnectorClients, type ConnectorClients } from '../aws/clients.js';
import { explainAwsError, type ExplainedError } from '../aws/explain.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Connector } from '../core/connector.js';
import type { InterflowRecord, ParseContext } from '../core/record.js';
import { initialCursor, isUnitCursor, type CursorSettings, type UnitCursor } from '../sources/cloudwatch/cursor.js';
import type { RateBudgets } from '../sources/cloudwatch/rate-budget.js';
import { emptyCounters, type ReadCounters } from '../sources/cloudwatch/reader.js';
import { storeSink, type PageSink } from '../sources/cloudwatch/page-sink.js';
import { collectUnitPasses } from '../sources/cloudwatch/sliced-passes.js';
import { workUnits, type WorkUnit } from '../sources/cloudwatch/units.js';
import type { InterflowStore } from '../store/store.js';
import { cursorSettings, startTimeFor } from './settings.js';

export interface UnitReport {
  key: string;
  logGroup: string;
  logStreams?: string[];
  eventsRead: number;
  stored: number;
  duplicates: number;
  filtered: number;
  parseErrors: number;
  /** Every event with a timestamp below this is stored (within the lateness bound). */
  finalUntil: number;
  /** How far behind now the newest completely read window ends, ms. */
  lagMilliseconds: number;
  /** The largest ingestion delay (ingestionTime − timestamp) seen recently, ms. */
  observedIngestionLagMilliseconds: number;
  error?: ExplainedError;
}

export interface CollectSummary extends ReadCounters {
  connector: string;
  startedAt: number;
  finishedAt: number;
  eventsRead: number;
  stored: number;
  duplicates: number;
  filtered: number;
  parseErrors: number;
  /** Events fetched per event newly stored: the quota cost of re-reading for late events. */
  readAmplification: number;
  maxLagMilliseconds: number;
  units: UnitReport[];
  ok: boolean;
}

export interface CollectOptions {
  connector: Connector;
  /** Stable id used in checkpoint keys and on records (`connector.id`). */
  connectorId: string;
  /** Where records and checkpoints go, parsed on this thread; or pass `sink` (e.g. a worker) instead. */
  store?: InterflowStore;
  /** Overrides `store`: a sink that parses and stores elsewhere (src/sources/cloudwatch/page-sink.ts). */
  sink?: PageSink;
  budgets: RateBudgets;
  clock?: Clock;
  signal?: AbortSignal;
  /** Log filters: return false to drop a record before storage. */
  keep?: (record: InterflowRecord) => boolean;
  /** Reuse clients across cycles (the scheduler does); created and destroyed per cycle otherwise. */
  clients?: ConnectorClients;
  /** Stop a backfill pass after this long so live data is not delayed; undefined = read everything (`--once`). */
  backfillTimeLimitMilliseconds?: number;
  /** Work units read concurrently. */
  concurrency?: number;
  /** Concurrent time slices of a unit's deep pass (hides request latency); default 4, 1 = none. */
  slices?: number;
  /** A deep pass is sliced only into slices at least this long; default one minute. */
  minimumSliceMilliseconds?: number;
  pageLimit?: number;
  /** Overrides of the timing derived from the connector (tests use seconds where the connector says minutes). */
  settings?: Partial<CursorSettings>;
}

const DEFAULT_SLICES = 4;
const DEFAULT_MINIMUM_SLICE_MILLISECONDS = 60_000;

const accountIds = new Map<string, string>();

/** The account whose quota the connector spends: from the role ARN, or asked of STS once per access key. */
export async function accountIdOf(connector: Connector, clients: ConnectorClients): Promise<string> {
  if (connector.config.authMethod === 'iam_role') return connector.config.roleArn?.split(':')[4] ?? 'unknown';
  const key = connector.config.accessKeyId ?? '';
  const known = accountIds.get(key);
  if (known !== undefined) return known;
  const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
  const account = identity.Account ?? key;
  accountIds.set(key, account);
  return account;
}

async function loadCursor(store: Pick<PageSink, 'readCheckpoint'>, unit: WorkUnit, fallbackStart: number): Promise<UnitCursor> {
  const stored = await store.readCheckpoint(unit.key);
  return isUnitCursor(stored) ? stored : initialCursor(fallbackStart);
}

export async function collectOnce(options: CollectOptions): Promise<CollectSummary> {
  const sink = options.sink ?? (options.store === undefined ? undefined : storeSink(options.store, options.keep));
  if (sink === undefined) throw new TypeError('collectOnce needs a store or a sink');
  // Filters are functions and cannot reach a worker's sink: refuse rather than store what they would drop.
  if (options.sink !== undefined && options.keep !== undefined) throw new TypeError('collectOnce: log filters (keep) need `store`, not `sink`');
  const clock = options.clock ?? systemClock;
  const { connector } = options;
  const startedAt = clock();
  const counters = emptyCounters();
  const clients = options.clients ?? createConnectorClients(connector, { maxAttempts: 1 });
  const units = workUnits(options.connectorId, connector);
  const reports: UnitReport[] = [];
  try {
    let accountId: string;
    try {
      accountId = await accountIdOf(connector, clients);
    } catch (error) {
      const explained = explainAwsError(error);
      for (const unit of units) reports.push(emptyReport(unit, startedAt, explained));
      return summarize(connector, startedAt, clock(), counters, reports);
    }
    const budget = options.budgets.get(accountId, connector.config.region, 'FilterLogEvents');
    const settings = { ...cursorSettings(connector), ...options.settings };
    const context: ParseContext = {
      region: connector.config.region,
      accountId,
      tenant: connector.tenant,
      connector: { id: options.connectorId, name: connector.name },
      vpcFlowLogs: connector.config.vpcFlowLogs ?? false,
      ...(connector.config.vpcFlowLogFormat === undefined ? {} : { vpcFlowLogFormat: connector.config.vpcFlowLogFormat }),
    };
    const queue = [...units];
    const worker = async () => {
      for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
        reports.push(await collectUnit(unit, { ...options, clock, counters, budget, settings, context: { ...context, logGroup: unit.logGroup }, clients, sink }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, units.length) }, worker));
  } finally {
    if (options.clients === undefined) clients.destroy();
  }
  return summarize(connector, startedAt, clock(), counters, reports);
}

interface UnitDependencies extends CollectOptions {
  clock: Clock;
  counters: ReadCounters;
  budget: ReturnType<RateBudgets['get']>;
  settings: CursorSettings;
  context: ParseContext;
  clients: ConnectorClients;
  sink: PageSink;
}

async function collectUnit(unit: WorkUnit, deps: UnitDependencies): Promise<UnitReport> {
  let cursor = await loadCursor(deps.sink, unit, startTimeFor(deps.connector, deps.clock()));
  const report = emptyReport(unit, deps.clock());
  try {
    cursor = await collectUnitPasses(unit, cursor, {
      logs: deps.clients.logs,
      budget: deps.budget,
      clock: deps.clock,
      settings: deps.settings,
      counters: deps.counters,
      slices: deps.slices ?? DEFAULT_SLICES,
      minimumSliceMilliseconds: deps.minimumSliceMilliseconds ?? DEFAULT_MINIMUM_SLICE_MILLISECONDS,
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
      ...(deps.backfillTimeLimitMilliseconds === undefined ? {} : { backfillTimeLimitMilliseconds: deps.backfillTimeLimitMilliseconds }),
      ...(deps.pageLimit === undefined ? {} : { pageLimit: deps.pageLimit }),
      onExpiredCredentials: () => deps.clients.credentials.invalidate(),
      // Records and the cursor that covers them commit together: a crash after this line re-reads nothing lost.
      commit: async (batch) => {
        // Nothing here holds the events past the write: a page's memory is freed as soon as the sink has it.
        const eventsRead = batch.events.length;
        const batchCursor = batch.cursor;
        const written = await deps.sink.write(batch.events, deps.context, { key: unit.key, value: batchCursor });
        // Slices may commit out of order: on failure, report the furthest frontier committed.
        if (batchCursor.finalUntil >= cursor.finalUntil) cursor = batchCursor;
        report.eventsRead += eventsRead;
        report.stored += written.stored;
        report.duplicates += written.duplicates;
        report.filtered += written.filtered;
        report.parseErrors += written.parseErrors;
      },
    });
  } catch (error) {
    report.error = explainAwsError(error);
  }
  report.finalUntil = cursor.finalUntil;
  report.lagMilliseconds = Math.max(0, deps.clock() - cursor.liveUntil);
  report.observedIngestionLagMilliseconds = cursor.observedLagMilliseconds;
  return report;
}

function emptyReport(unit: WorkUnit, now: number, error?: ExplainedError): UnitReport {
  return {
    key: unit.key,
    logGroup: unit.logGroup,
    ...(unit.logStreams ? { logStreams: unit.logStreams } : {}),
    eventsRead: 0,
    stored: 0,
    duplicates: 0,
    filtered: 0,
    parseErrors: 0,
    finalUntil: 0,
    lagMilliseconds: now,
    observedIngestionLagMilliseconds: 0,
    ...(error === undefined ? {} : { error }),
  };
}

function summarize(connector: Connector, startedAt: number, finishedAt: number, counters: ReadCounters, units: UnitReport[]): CollectSummary {
  const sum = (pick: (unit: UnitReport) => number) => units.reduce((total, unit) => total + pick(unit), 0);
  const eventsRead = sum((u) => u.eventsRead);
  const stored = sum((u) => u.stored);
  return {
    connector: connector.name,
    startedAt,
    finishedAt,
    ...counters,
    eventsRead,
    stored,
    duplicates: sum((u) => u.duplicates),
    filtered: sum((u) => u.filtered),
    parseErrors: sum((u) => u.parseErrors),
    readAmplification: stored === 0 ? (eventsRead === 0 ? 1 : eventsRead) : eventsRead / stored,
    maxLagMilliseconds: Math.max(0, ...units.map((u) => u.lagMilliseconds)),
    units: units.sort((a, b) => a.key.localeCompare(b.key)),
    ok: units.every((u) => u.error === undefined),
  };
}
