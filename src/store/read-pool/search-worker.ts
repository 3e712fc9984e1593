// A search worker thread: its own connection to the store's database, answering one search, count, histogram or top-terms call at a time.
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import type { Histogram, SearchRequest, TenantScope } from '../store.js';
import { serializeError, type ReadCall, type WorkerData, type WorkerReply } from './protocol.js';

const data = workerData as WorkerData;
const port = parentPort;
if (port === null) throw new Error('search-worker must run as a worker thread');

// SQLite in WAL lets this connection read while the collector's connection writes. The store has no read-only mode
// yet (docs/decisions/0024-search-worker-pool.md); it is opened after the writer created the schema, so opening it
// finds nothing to create or seal, and this worker only ever calls read methods.
const open = (): SqliteStore =>
  new SqliteStore(data.file, {
    readOnly: true,
    searchTimeLimitMilliseconds: data.searchTimeLimitMilliseconds,
    ...(data.cacheMebibytes === undefined ? {} : { cacheMebibytes: data.cacheMebibytes }),
  });

// On Linux the nice value belongs to the thread (setpriority on "process 0" is the calling thread): searches then get
// the CPU time collection leaves, and the collector's thread keeps its share however many users search.
let niceness: number | undefined;
try {
  setPriority(data.niceness);
  niceness = getPriority();
} catch {
  niceness = undefined;
}

let store: SqliteStore;
try {
  store = open();
} catch (error) {
  port.postMessage({ kind: 'failed-to-open', error: serializeError(error) } satisfies WorkerReply);
  throw error;
}

function run(call: ReadCall): Promise<unknown> {
  const { request, scope } = call as { request: SearchRequest; scope: TenantScope };
  switch (call.method) {
    case 'search': return store.search(request, scope);
    case 'count': return store.count(request, scope);
    case 'histogram': return store.histogram(request, scope, call.extra as Parameters<SqliteStore['histogram']>[2]) as Promise<Histogram>;
    case 'topTerms': {
      const [field, size] = call.extra as [string, number | undefined];
      return store.topTerms(request, scope, field, size);
    }
  }
}

/**
 * The store learns which record fields exist when it opens, so a field first written after that is rejected as
 * unknown. On that error the worker reopens its store (a few milliseconds) and tries once more: new fields become
 * searchable, and a typo still gets the store's "unknown field, did you mean" answer.
 */
async function answer(call: ReadCall): Promise<unknown> {
  try {
    return await run(call);
  } catch (error) {
    const unknownField = (error as { code?: unknown }).code === 'query_unknown_field';
    if (!unknownField) throw error;
    await store.close();
    store = open();
    return run(call);
  }
}

port.on('message', (call: ReadCall) => {
  answer(call).then(
    (value) => port.postMessage({ kind: 'result', id: call.id, value } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ kind: 'error', id: call.id, error: serializeError(error) } satisfies WorkerReply),
  );
});
port.postMessage({ kind: 'ready', niceness } satisfies WorkerReply);
