// One collection cycle of a connector: source → parse → log filters → store.write(records, cursor), per work unit.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createConnectorClients, type ConnectorClients } from '../aws/clients.js';
import { explainAwsError, type ExplainedError } from '../aws/explain.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Connector } from '../core/connector.js';
import type { InterflowRecord, ParseContext } from '../core/record.js';
import { parseEvents } from '../parsers/index.js';
import { initialCursor, isUnitCursor, type CursorSettings, type UnitCursor } from '../sources/cloudwatch/cursor.js';
import type { RateBudgets } from '../sources/cloudwatch/rate-budget.js';
import { emptyCounters, type ReadCounters } from '../sources/cloudwatch/reader.js';
import { unitBatches } from '../sources/cloudwatch/source.js';
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
  store: InterflowStore;
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
  pageLimit?: number;
  /** Overrides of the timing derived from the connector (tests use seconds where the connector says minutes). */
  settings?: Partial<CursorSettings>;
}

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

async function loadCursor(store: InterflowStore, unit: WorkUnit, fallbackStart: number): Promise<UnitCursor> {
  const stored = await store.readCheckpoint(unit.key);
  return isUnitCursor(stored) ? stored : initialCursor(fallbackStart);
}

export async function collectOnce(options: CollectOptions): Promise<CollectSummary> {
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
        reports.push(await collectUnit(unit, { ...options, clock, counters, budget, settings, context: { ...context, logGroup: unit.logGroup }, clients }));
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
}

async function collectUnit(unit: WorkUnit, deps: UnitDependencies): Promise<UnitReport> {
  let cursor = await loadCursor(deps.store, unit, startTimeFor(deps.connector, deps.clock()));
  const report = emptyReport(unit, deps.clock());
  try {
    const batches = unitBatches(unit, cursor, {
      logs: deps.clients.logs,
      budget: deps.budget,
      clock: deps.clock,
      settings: deps.settings,
      counters: deps.counters,
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
      ...(deps.backfillTimeLimitMilliseconds === undefined ? {} : { backfillTimeLimitMilliseconds: deps.backfillTimeLimitMilliseconds }),
      ...(deps.pageLimit === undefined ? {} : { pageLimit: deps.pageLimit }),
      onExpiredCredentials: () => deps.clients.credentials.invalidate(),
    });
    for await (const batch of batches) {
      const parsed = parseEvents(batch.events, deps.context);
      const kept = deps.keep ? parsed.filter(deps.keep) : parsed;
      // Records and the cursor that covers them commit together: a crash after this line re-reads nothing lost.
      const written = await deps.store.write(kept, { key: unit.key, value: batch.cursor });
      cursor = batch.cursor;
      report.eventsRead += batch.events.length;
      report.stored += written.stored;
      report.duplicates += written.duplicates;
      report.filtered += parsed.length - kept.length;
      for (const record of parsed) if (record.parse_error !== undefined) report.parseErrors += 1;
    }
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
