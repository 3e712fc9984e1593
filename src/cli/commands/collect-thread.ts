// Entry of the collect thread: runs the cycles it is given and reports each summary, stopping when told to.
import { parentPort, workerData } from 'node:worker_threads';
import type { CollectSummary } from '../../connectors/collect.js';
import { runCycles, type CycleParameters } from './collect-cycles.js';

/** What the collect thread tells the command: each cycle's summary, then whether the last cycle succeeded. */
export type CollectThreadMessage = { summary: CollectSummary } | { done: boolean };

const port = parentPort;
if (port === null) throw new Error('collect-thread runs as a worker thread');
const controller = new AbortController();
port.on('message', (message: unknown) => {
  if (message === 'stop') controller.abort(new Error('stopped'));
});
const ok = await runCycles(workerData as CycleParameters, (summary) => port.postMessage({ summary } satisfies CollectThreadMessage), controller.signal);
port.postMessage({ done: ok } satisfies CollectThreadMessage);
port.close();
