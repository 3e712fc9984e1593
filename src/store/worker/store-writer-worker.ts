// The worker side of StoreWriter: opens its own store, prepares each payload into records, writes them in order.
import { parentPort, workerData } from 'node:worker_threads';
import { CwcError } from '../../core/errors.js';
import type { InterflowStore } from '../store.js';
import type { ModuleExport, PrepareBatch, PreparedBatch, Request, Response, SerializedError, StoreWriterWorkerData } from './protocol.js';

const port = parentPort;
if (port === null) throw new Error('store-writer-worker runs only as a worker thread');
const data = workerData as StoreWriterWorkerData;

async function exported<T>(named: ModuleExport): Promise<T> {
  const module = (await import(named.moduleUrl)) as Record<string, unknown>;
  const value = module[named.exportName];
  if (typeof value !== 'function') throw new Error(`${named.moduleUrl} does not export a function ${named.exportName}`);
  return value as T;
}

function serialize(error: unknown): SerializedError {
  if (error instanceof CwcError) return { name: error.name, message: error.message, code: error.code, status: error.status, details: error.details };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

const noPreparation: PrepareBatch = (payload) => ({ records: payload as PreparedBatch['records'] });

const open = await exported<(...args: unknown[]) => InterflowStore | Promise<InterflowStore>>(data.openStore);
const store = await open(...data.openStore.args);
const prepare = data.prepare === undefined ? noPreparation : (await exported<(config: unknown) => PrepareBatch>(data.prepare))(data.prepare.config);

// One request at a time, in arrival order: the owner relies on writes committing in the order it sent them.
let chain: Promise<void> = Promise.resolve();
port.on('message', (request: Request) => {
  chain = chain.then(() => handle(request));
});
port.postMessage({ id: 0, ready: true } satisfies Response);

async function handle(request: Request): Promise<void> {
  let response: Response;
  try {
    response = { id: request.id, ok: true, result: await perform(request) };
  } catch (error) {
    response = { id: request.id, ok: false, error: serialize(error) };
  }
  port?.postMessage(response);
  if (request.type === 'close' && response.ok) port?.close();
}

async function perform(request: Request): Promise<unknown> {
  switch (request.type) {
    case 'write': {
      const prepared = prepare(request.payload);
      const written = await store.write(prepared.records, request.checkpoint);
      return { ...written, counts: prepared.counts ?? {}, ...(prepared.report === undefined ? {} : { report: prepared.report }) };
    }
    case 'readCheckpoint':
      return store.readCheckpoint(request.key);
    case 'close':
      await store.close();
      return undefined;
  }
}
