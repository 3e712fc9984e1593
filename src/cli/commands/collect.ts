// `cwc collect`: runs collection cycles of one connector into a store, resuming from the store's checkpoints.
import { UsageError } from '../../core/errors.js';
import { startWorker } from '../../core/worker-thread.js';
import type { CollectSummary } from '../../connectors/collect.js';
import { loadConnectorFile } from '../../connectors/load.js';
import type { CycleParameters } from './collect-cycles.js';
import type { CollectThreadMessage } from './collect-thread.js';
import { integerOption, stringOption, type Command, type CommandIo } from '../command.js';
import { escapeForTerminal, formatCount, formatDuration } from '../format.js';

/** The collect thread's old generation: ~30 MB is live while draining; the rest is room for garbage between collections. */
const COLLECT_THREAD_HEAP_MEBIBYTES = 128;

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
    const parameters: CycleParameters = { connector, db, once: args.values.once === true, ...(pageLimit === undefined ? {} : { pageLimit }), ...(maxRequestsPerSecond === undefined ? {} : { maxRequestsPerSecond }) };
    // Fetching runs in its own thread with a bounded heap: V8 otherwise lets the SDK's short-lived page objects grow
    // the old generation far past what is live (~30 MB), and a drain of millions of events would cost ~400 MB RSS.
    const thread = startWorker(import.meta.url, './collect-thread', { workerData: parameters, resourceLimits: { maxOldGenerationSizeMb: COLLECT_THREAD_HEAP_MEBIBYTES } });
    const stop = () => thread.postMessage('stop');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let ok: boolean;
    try {
      ok = await new Promise<boolean>((resolve, reject) => {
        let finished = false;
        thread.on('message', (message: CollectThreadMessage) => {
          if ('done' in message) {
            finished = true;
            resolve(message.done);
            return;
          }
          io.stdout.write(`${args.values.json === true ? JSON.stringify(message.summary) : summaryLine(message.summary)}\n`);
          reportErrors(message.summary, io);
        });
        thread.on('error', reject);
        thread.on('exit', (code) => {
          if (!finished) reject(new Error(`the collect thread stopped (exit code ${code}) before finishing its cycle`));
        });
      });
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return ok ? 0 : 1;
  },
};
