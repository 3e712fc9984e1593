// Keeps the scheduler in step with the config DB: connectors that pull are scheduled; joins, leaves and edits follow.
import type { ConnectorService } from '../connectors/service/index.js';
import type { ScheduledConnector, Scheduler } from '../connectors/scheduler.js';
import type { ConnectivityResult } from '../connectors/connectivity.js';
import type { ConnectorFilters } from '../filters/index.js';
import type { Connector } from '../core/connector.js';

export interface RuntimeOptions {
  service: ConnectorService;
  scheduler: Scheduler;
  /** A connector's log filters (definitions and counters); absent = keep everything. */
  filtersFor?: (connectorId: string, connector: Connector) => ConnectorFilters | undefined;
  onError?: (error: unknown) => void;
}

export class ConnectorRuntime {
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: RuntimeOptions) {}

  get scheduler(): Scheduler {
    return this.options.scheduler;
  }

  /** Schedules every connector that pulls now and follows profile membership from then on. */
  start(): void {
    this.unsubscribe = this.options.service.profiles.onProfileMembershipChanged((change) => {
      if (change.pulling) this.schedule(change.connectorId, change.pullImmediately);
      else void this.options.scheduler.remove(change.connectorId).catch((error: unknown) => this.options.onError?.(error));
    });
    for (const runnable of this.options.service.connectors.listPulling()) this.options.scheduler.add(this.scheduled(runnable.id, runnable.connector));
  }

  private scheduled(id: string, connector: Connector): ScheduledConnector {
    const filters = this.options.filtersFor?.(id, connector);
    return { id, connector, ...(filters === undefined ? {} : { filters }) };
  }

  private schedule(id: string, pullImmediately: boolean): void {
    const runnable = this.options.service.connectors.runnable(id);
    if (runnable === undefined || !runnable.pulling) return;
    this.options.scheduler.add(this.scheduled(id, runnable.connector), { pullImmediately });
  }

  /** After an edit: the next run uses the new configuration. */
  connectorUpdated(id: string): void {
    if (this.options.scheduler.ids().includes(id)) {
      const runnable = this.options.service.connectors.runnable(id);
      if (runnable !== undefined) this.options.scheduler.update(this.scheduled(id, runnable.connector));
    }
  }

  isScheduled(id: string): boolean {
    return this.options.scheduler.ids().includes(id);
  }

  /** A successful test clears a failed status for a minute (the status tracker's rule). */
  testFinished(id: string, result: ConnectivityResult): void {
    this.options.scheduler.tracker(id)?.testFinished(result);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.options.scheduler.stop();
  }
}
