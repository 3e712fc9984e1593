// Prometheus metrics (prom-client): events collected/stored/dropped per connector, lag, AWS API calls and throttles, tests.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { CollectSummary } from '../connectors/collect.js';
import type { ConnectivityResult } from '../connectors/connectivity.js';

export class ApiMetrics {
  readonly registry = new Registry();
  private readonly eventsRead: Counter<'connector'>;
  private readonly eventsStored: Counter<'connector'>;
  private readonly eventsDuplicate: Counter<'connector'>;
  private readonly eventsDropped: Counter<'connector' | 'reason'>;
  private readonly lagSeconds: Gauge<'connector' | 'log_group'>;
  private readonly awsCalls: Counter<'connector' | 'api'>;
  private readonly awsThrottles: Counter<'connector' | 'api'>;
  private readonly runs: Counter<'connector' | 'outcome'>;
  private readonly tests: Counter<'outcome'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.processMetrics ?? false) collectDefaultMetrics({ register: this.registry, prefix: 'cwc_' });
    this.eventsRead = new Counter({ name: 'cwc_events_collected_total', help: 'CloudWatch events read, per connector', labelNames: ['connector'], registers });
    this.eventsStored = new Counter({ name: 'cwc_events_stored_total', help: 'Interflow records newly stored, per connector', labelNames: ['connector'], registers });
    this.eventsDuplicate = new Counter({ name: 'cwc_events_duplicate_total', help: 'Events skipped as already stored, per connector', labelNames: ['connector'], registers });
    this.eventsDropped = new Counter({ name: 'cwc_events_dropped_total', help: 'Events not stored: dropped by a log filter or unparseable', labelNames: ['connector', 'reason'], registers });
    this.lagSeconds = new Gauge({ name: 'cwc_lag_seconds', help: 'How far behind now the newest completely read window ends', labelNames: ['connector', 'log_group'], registers });
    this.awsCalls = new Counter({ name: 'cwc_aws_api_calls_total', help: 'AWS API requests made by collection', labelNames: ['connector', 'api'], registers });
    this.awsThrottles = new Counter({ name: 'cwc_aws_api_throttles_total', help: 'AWS API requests throttled', labelNames: ['connector', 'api'], registers });
    this.runs = new Counter({ name: 'cwc_collection_runs_total', help: 'Collection runs by outcome', labelNames: ['connector', 'outcome'], registers });
    this.tests = new Counter({ name: 'cwc_connectivity_tests_total', help: 'Connectivity tests by outcome', labelNames: ['outcome'], registers });
    this.httpRequests = new Counter({ name: 'cwc_http_requests_total', help: 'REST API requests', labelNames: ['method', 'route', 'status'], registers });
  }

  /** The scheduler's onRunFinished hook. */
  runFinished(connectorId: string, summary: CollectSummary): void {
    const connector = connectorId;
    this.eventsRead.inc({ connector }, summary.eventsRead);
    this.eventsStored.inc({ connector }, summary.stored);
    this.eventsDuplicate.inc({ connector }, summary.duplicates);
    this.eventsDropped.inc({ connector, reason: 'log_filter' }, summary.filtered);
    this.eventsDropped.inc({ connector, reason: 'parse_error' }, summary.parseErrors);
    // Collection reads with FilterLogEvents; the read counters do not split by API, so that is the label.
    this.awsCalls.inc({ connector, api: 'FilterLogEvents' }, summary.requests);
    this.awsThrottles.inc({ connector, api: 'FilterLogEvents' }, summary.throttles);
    for (const unit of summary.units) this.lagSeconds.set({ connector, log_group: unit.logGroup }, unit.lagMilliseconds / 1000);
    this.runs.inc({ connector, outcome: summary.ok ? 'ok' : 'failed' });
  }

  runCrashed(connectorId: string): void {
    this.runs.inc({ connector: connectorId, outcome: 'crashed' });
  }

  testFinished(result: ConnectivityResult): void {
    this.tests.inc({ outcome: result.ok ? 'passed' : 'failed' });
  }

  /** A deleted connector's series go away with it. */
  forget(connectorId: string): void {
    for (const metric of [this.eventsRead, this.eventsStored, this.eventsDuplicate]) metric.remove({ connector: connectorId });
    this.eventsDropped.remove({ connector: connectorId, reason: 'log_filter' });
    this.eventsDropped.remove({ connector: connectorId, reason: 'parse_error' });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
