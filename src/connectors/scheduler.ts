// Runs every active connector's collection: at once when it joins, then every interval; never two runs of one connector.
import { createConnectorClients, type ConnectorClients } from '../aws/clients.js';
import { explainAwsError } from '../aws/explain.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Connector } from '../core/connector.js';
import type { ConnectorFilters } from '../filters/index.js';
import type { PageSink } from '../sources/cloudwatch/page-sink.js';
import type { RateBudgets } from '../sources/cloudwatch/rate-budget.js';
import type { InterflowStore } from '../store/store.js';
import { collectOnce, type CollectOptions, type CollectSummary } from './collect.js';
import { StatusTracker, type ConnectorStatus } from './status.js';

export interface ScheduledConnector {
  id: string;
  connector: Connector;
  /** Its log filters as definitions (a `sinkFor` sink filters on another thread) and the chain that counts; absent = keep everything. */
  filters?: ConnectorFilters;
}

export interface SchedulerOptions {
  store: InterflowStore;
  /**
   * Where a run's pages are parsed, filtered and stored instead of on this thread (the service: a store-writer thread
   * shared by every connector). Given the connector's filters; absent = `store`, on this thread.
   */
  sinkFor?: (filters: ConnectorFilters | undefined) => PageSink | Promise<PageSink>;
  budgets: RateBudgets;
  clock?: Clock;
  /** Runs at the same time across connectors; the rate budgets already share each account's quota fairly. */
  maxConcurrentRuns?: number;
  /** A backfill pass yields after this long so other connectors and live data get their turn. Default 5 min. */
  backfillTimeLimitMilliseconds?: number;
  onRunFinished?: (id: string, summary: CollectSummary) => void;
  /** Overrides for tests (seconds where connectors say minutes). */
  collectOptions?: Partial<Pick<CollectOptions, 'settings' | 'pageLimit'>>;
  intervalMilliseconds?: (connector: Connector) => number;
}

interface Entry {
  scheduled: ScheduledConnector;
  clients: ConnectorClients;
  status: StatusTracker;
  timer?: NodeJS.Timeout;
  running?: Promise<CollectSummary | undefined>;
  controller?: AbortController;
  removed: boolean;
}

export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /**
   * A connector joins (it was added to a profile). The first time ever it pulls immediately, then every interval;
   * a connector that rejoins waits for its interval (the product document: "not again until the scheduled interval").
   */
  add(scheduled: ScheduledConnector, options: { pullImmediately?: boolean } = {}): void {
    if (this.entries.has(scheduled.id)) return this.update(scheduled);
    const entry: Entry = { scheduled, clients: createConnectorClients(scheduled.connector, { maxAttempts: 1 }), status: new StatusTracker(this.clock), removed: false };
    this.entries.set(scheduled.id, entry);
    if (options.pullImmediately ?? true) void this.runNow(scheduled.id);
    else this.scheduleNext(entry);
  }

  /** New configuration: used from the next run on; the interval restarts from now. */
  update(scheduled: ScheduledConnector): void {
    const entry = this.entries.get(scheduled.id);
    if (!entry) return this.add(scheduled);
    entry.scheduled = scheduled;
    const old = entry.clients;
    entry.clients = createConnectorClients(scheduled.connector, { maxAttempts: 1 });
    void (entry.running ?? Promise.resolve()).then(() => old.destroy());
    this.scheduleNext(entry);
  }

  /** The connector left its profile or was deleted: no more runs; a running one stops after its current page. */
  async remove(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.removed = true;
    this.entries.delete(id);
    if (entry.timer) clearTimeout(entry.timer);
    entry.controller?.abort(new Error('connector removed'));
    await entry.running;
    entry.clients.destroy();
  }

  /** "Run now": starts a run unless one is going, in which case it returns that run. */
  runNow(id: string): Promise<CollectSummary | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return Promise.resolve(undefined);
    entry.running ??= this.run(entry).finally(() => {
      entry.running = undefined;
      entry.controller = undefined;
      if (!entry.removed) this.scheduleNext(entry);
    });
    return entry.running;
  }

  status(id: string): ConnectorStatus | undefined {
    return this.entries.get(id)?.status.status();
  }

  tracker(id: string): StatusTracker | undefined {
    return this.entries.get(id)?.status;
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /** Graceful shutdown (SIGTERM): no new runs; running ones stop after their current page, which is committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    const entries = [...this.entries.values()];
    for (const entry of entries) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.controller?.abort(new Error('shutting down'));
    }
    for (const release of this.waiting.splice(0)) release();
    await Promise.all(entries.map((entry) => entry.running));
    for (const entry of entries) entry.clients.destroy();
    this.entries.clear();
  }

  private scheduleNext(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    if (this.stopped || entry.removed) return;
    const interval = this.options.intervalMilliseconds?.(entry.scheduled.connector) ?? (entry.scheduled.connector.config.intervalMinutes ?? 5) * 60_000;
    entry.timer = setTimeout(() => void this.runNow(entry.scheduled.id), interval);
    entry.timer.unref();
  }

  private async slot(): Promise<void> {
    if (this.active < (this.options.maxConcurrentRuns ?? 4)) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }

  private async run(entry: Entry): Promise<CollectSummary | undefined> {
    if (entry.timer) clearTimeout(entry.timer);
    await this.slot();
    try {
      if (this.stopped || entry.removed) return undefined;
      entry.controller = new AbortController();
      entry.status.runStarted();
      const { id, connector, filters } = entry.scheduled;
      const sink = await this.options.sinkFor?.(filters);
      const keep = filters === undefined || filters.chain.empty ? undefined : filters.chain.keep;
      const destination = sink !== undefined ? { sink } : { store: this.options.store, ...(keep === undefined ? {} : { keep }) };
      const summary = await collectOnce({
        connector,
        connectorId: id,
        ...destination,
        budgets: this.options.budgets,
        clock: this.clock,
        signal: entry.controller.signal,
        clients: entry.clients,
        backfillTimeLimitMilliseconds: this.options.backfillTimeLimitMilliseconds ?? 5 * 60_000,
        ...this.options.collectOptions,
      }).finally(() => sink?.close());
      entry.status.runFinished(summary);
      this.options.onRunFinished?.(id, summary);
      return summary;
    } catch (error) {
      entry.status.runCrashed(explainAwsError(error));
      return undefined;
    } finally {
      this.release();
    }
  }
}
