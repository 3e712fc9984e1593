// The cycles of `cwc collect` (collect, report, wait an interval), run inside the collect thread with a bounded heap.
import { sleep } from '../../core/clock.js';
import type { Connector } from '../../core/connector.js';
import { collectOnce, type CollectSummary } from '../../connectors/collect.js';
import { workerSink } from '../../sources/cloudwatch/page-sink.js';
import { RateBudgets } from '../../sources/cloudwatch/rate-budget.js';
import { sqliteOpener } from '../../store/worker/open-sqlite.js';

/** Enough for the current day's index pages of a busy log group; reads by other processes have their own cache. */
const COLLECTOR_CACHE_MEBIBYTES = 16;

/** Plain data, so it can cross into the collect thread. */
export interface CycleParameters {
  connector: Connector;
  db: string;
  once: boolean;
  pageLimit?: number;
  maxRequestsPerSecond?: number;
}

/** Runs cycles until `once` or the signal stops them; true when the last cycle read every log group. */
export async function runCycles(parameters: CycleParameters, onSummary: (summary: CollectSummary) => void, signal: AbortSignal): Promise<boolean> {
  const { connector, pageLimit, maxRequestsPerSecond } = parameters;
  // The collector only writes: a small page cache keeps its memory flat however large the backlog. Parsing and
  // storing run in a worker thread with its own connection, while this thread fetches the next pages.
  const sink = await workerSink(sqliteOpener(parameters.db, { cacheMebibytes: COLLECTOR_CACHE_MEBIBYTES }));
  // The budget, not the network, bounds a drain: 8 requests/s of ~1 MB pages is ~60,000 VPC Flow events/s.
  const budgets = new RateBudgets(maxRequestsPerSecond === undefined ? {} : { overrides: { FilterLogEvents: maxRequestsPerSecond } });
  let ok: boolean;
  try {
    for (;;) {
      const summary = await collectOnce({ connector, connectorId: connector.name, sink, budgets, signal, ...(pageLimit === undefined ? {} : { pageLimit }) });
      onSummary(summary);
      ok = summary.ok;
      if (parameters.once || signal.aborted) break;
      await sleep((connector.config.intervalMinutes ?? 5) * 60_000, signal).catch(() => undefined);
      if (signal.aborted) break;
    }
  } finally {
    await sink.close();
  }
  return ok;
}
