// `cwc collect`: runs collection cycles of one connector into a store, resuming from the store's checkpoints.
import { sleep } from '../../core/clock.js';
import { UsageError } from '../../core/errors.js';
import { collectOnce, type CollectSummary } from '../../connectors/collect.js';
import { loadConnectorFile } from '../../connectors/load.js';
import { RateBudgets } from '../../sources/cloudwatch/rate-budget.js';
import { workerSink } from '../../sources/cloudwatch/page-sink.js';
import { sqliteOpener } from '../../store/worker/open-sqlite.js';
import { integerOption, stringOption, type Command, type CommandIo } from '../command.js';
import { escapeForTerminal, formatCount, formatDuration } from '../format.js';

/** Enough for the current day's index pages of a busy log group; reads by other processes have their own cache. */
const COLLECTOR_CACHE_MEBIBYTES = 48;

export function summaryLine(summary: CollectSummary): string {
  const retried = Object.entries(summary.retriedErrors).map(([code, count]) => `${code} ×${count}`).join(', ');
  return (
    `${escapeForTerminal(summary.connector)}: read ${formatCount(summary.eventsRead)} events, stored ${formatCount(summary.stored)}, ` +
    `skipped ${formatCount(summary.duplicates)} duplicates, filtered ${formatCount(summary.filtered)}, ${formatCount(summary.parseErrors)} parse errors; ` +
    `lag ${formatDuration(summary.maxLagMilliseconds)}; ${formatCount(summary.requests)} requests (${formatCount(summary.pages)} pages, ` +
    `${formatCount(summary.emptyPages)} empty), ${formatCount(summary.throttles)} throttled, ${formatCount(summary.retries)} retried${retried ? ` (${retried})` : ''}; ` +
    `read amplification ${summary.readAmplification.toFixed(2)}; ${formatDuration(summary.finishedAt - summary.startedAt)}`
  );
}

function reportErrors(summary: CollectSummary, io: CommandIo): void {
  for (const unit of summary.units) {
    if (!unit.error) continue;
    const { httpStatus, httpName, awsCode, awsMessage, recommendation } = unit.error;
    io.stderr.write(`error: log group ${escapeForTerminal(unit.logGroup)}: ${httpStatus} ${httpName}: ${awsCode}: ${escapeForTerminal(awsMessage)} — ${recommendation}\n`);
  }
}

export const collectCommand: Command = {
  name: 'collect',
  summary: 'Collect a connector’s log groups into a store, exactly once',
  usage: `Usage: cwc collect --connector FILE --db FILE [--once] [--json]

Reads every event of the connector's log groups (or listed streams) that is available up to now, minus a
one-second settle delay, parses it into Interflow records and stores it in the SQLite store FILE, exactly
once: it resumes from the checkpoints in the store, and re-reads a trailing window for late events.

Options:
  --connector FILE   connector JSON (see the README)
  --db FILE          the store (created if missing)
  --once             one cycle, then exit (default: a cycle every intervalMinutes until Ctrl-C)
  --json             print the summary as JSON instead of one line
  --page-size N      events per FilterLogEvents request, 1–10000 (default 10000, AWS's maximum)
  --max-requests-per-second N
                     FilterLogEvents requests/s this process allows itself, 1–100000, for an account whose quota
                     was raised (or an emulator with --quotas off); default 80% of AWS's default quota

Exit status: 0 when every log group was read, 1 when one failed (the reason is printed), 2 on bad options.
`,
  options: { connector: { type: 'string' }, db: { type: 'string' }, once: { type: 'boolean' }, json: { type: 'boolean' }, 'page-size': { type: 'string' }, 'max-requests-per-second': { type: 'string' } },
  async run(args, io) {
    const file = stringOption(args, 'connector');
    const db = stringOption(args, 'db');
    if (file === undefined) throw new UsageError('--connector FILE is required');
    if (db === undefined) throw new UsageError('--db FILE is required');
    const pageLimit = integerOption(args, 'page-size', { min: 1, max: 10_000 });
    const maxRequestsPerSecond = integerOption(args, 'max-requests-per-second', { min: 1, max: 100_000 });
    const connector = await loadConnectorFile(file);
    // The collector only writes: a small page cache keeps its memory flat however large the backlog. Parsing and
    // storing run in a worker thread with its own connection, while this thread fetches the next pages.
    const sink = await workerSink(sqliteOpener(db, { cacheMebibytes: COLLECTOR_CACHE_MEBIBYTES }));
    // The budget, not the network, bounds a drain: 8 requests/s of ~1 MB pages is ~60,000 VPC Flow events/s.
    const budgets = new RateBudgets(maxRequestsPerSecond === undefined ? {} : { overrides: { FilterLogEvents: maxRequestsPerSecond } });
    const controller = new AbortController();
    const stop = () => controller.abort(new Error('stopped'));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let ok: boolean;
    try {
      for (;;) {
        const summary = await collectOnce({ connector, connectorId: connector.name, sink, budgets, signal: controller.signal, ...(pageLimit === undefined ? {} : { pageLimit }) });
        io.stdout.write(`${args.values.json === true ? JSON.stringify(summary) : summaryLine(summary)}\n`);
        reportErrors(summary, io);
        ok = summary.ok;
        if (args.values.once === true || controller.signal.aborted) break;
        await sleep((connector.config.intervalMinutes ?? 5) * 60_000, controller.signal).catch(() => undefined);
        if (controller.signal.aborted) break;
      }
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await sink.close();
    }
    return ok ? 0 : 1;
  },
};
