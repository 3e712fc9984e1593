// Starts the whole service: config DB, store, scheduler (every connector in a profile), REST API. `cwc serve` and tests use it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Scheduler, type SchedulerOptions } from '../connectors/scheduler.js';
import { CONFIG_DATABASE_FILE, openConnectorService, type ConnectorService } from '../connectors/service/index.js';
import { TestRunner } from '../connectors/test-runner.js';
import { writerSink } from '../sources/cloudwatch/page-sink.js';
import { cloudWatchPagePreparer } from '../sources/cloudwatch/prepare-page.js';
import { RateBudgets } from '../sources/cloudwatch/rate-budget.js';
import { ReadPoolStore, type ReadPoolOptions } from '../store/read-pool/read-pool.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { sqliteOpener } from '../store/worker/open-sqlite.js';
import { LastingStoreWriter } from '../store/worker/lasting-writer.js';
import type { InterflowStore } from '../store/store.js';
import { LogFilterRepository } from './log-filters.js';
import { ApiMetrics } from './metrics.js';
import { ConnectorRuntime } from './runtime.js';
import { createApiServer, type ApiDeps } from './server.js';

export const STORE_FILE = 'interflow.db';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
/** Page cache of the collection thread's connection: it only appends (the search threads have their own). */
const COLLECTION_CACHE_MEBIBYTES = 64;

export interface ServeOptions {
  dataDirectory: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** Runs before the scheduler starts: seeds tenants and connectors (config file, demo), may adjust checkpoints. */
  seed?: (service: ConnectorService, store: InterflowStore) => void | Promise<void>;
  /** Overrides of the scheduler (tests use seconds where connectors say minutes). */
  scheduler?: Partial<Pick<SchedulerOptions, 'collectOptions' | 'intervalMilliseconds' | 'maxConcurrentRuns'>>;
  api?: Partial<Pick<ApiDeps, 'logStream' | 'logLevel' | 'loginLimits' | 'secureCookie' | 'publicMetrics' | 'consoleDirectory'>>;
  /** The search threads (default 2, nice 10), how many searches may wait for one (default 64) before a 503, and how long one may run (30 s). */
  searchPool?: Pick<ReadPoolOptions, 'workers' | 'maxQueued' | 'retryAfterSeconds' | 'niceness' | 'searchTimeLimitSeconds'>;
}

export interface RunningService {
  url: string;
  app: FastifyInstance;
  service: ConnectorService;
  /** The store on the service's thread (seeding, retention, checkpoints; collection writes on its own thread). */
  store: SqliteStore;
  /** What the API searches: the same store, searched on worker threads. */
  searchStore: ReadPoolStore;
  runtime: ConnectorRuntime;
  /** Set on the first start when no CWC_ADMIN_PASSWORD was given: print it once. */
  generatedAdminPassword?: string;
  /** Graceful: stop taking requests, let running collection pages commit, close the databases. */
  close(): Promise<void>;
}

export async function startService(options: ServeOptions): Promise<RunningService> {
  mkdirSync(options.dataDirectory, { recursive: true, mode: 0o700 });
  // The filter table lives in the config DB, which the service opens: the lookup reaches it once both exist.
  const late: { filters?: LogFilterRepository } = {};
  const service = await openConnectorService({
    file: join(options.dataDirectory, CONFIG_DATABASE_FILE),
    env: options.env ?? process.env,
    logFilterExists: (id, tenant) => late.filters?.exists(id, tenant) ?? false,
  });
  const logFilters = (late.filters = new LogFilterRepository(service.db));
  const storeFile = join(options.dataDirectory, STORE_FILE);
  const store = new SqliteStore(storeFile);
  // Searches run on worker threads so a slow one never stalls the scheduler, collection or other requests. The
  // pool opens the file after the writer created it; closing the pool closes the writer too.
  const searchStore = new ReadPoolStore(store, { file: storeFile, ...options.searchPool });
  // Collection parses, filters and stores on a thread of its own with its own connection, one for every connector:
  // the thread that answers the API only fetches pages (decision 0008).
  let collectionWriter: LastingStoreWriter | undefined;
  try {
    collectionWriter = await LastingStoreWriter.start({ openStore: sqliteOpener(storeFile, { cacheMebibytes: COLLECTION_CACHE_MEBIBYTES }), prepare: cloudWatchPagePreparer() });
    const writer = collectionWriter;
    await options.seed?.(service, store);
    const metrics = new ApiMetrics({ processMetrics: true });
    const scheduler = new Scheduler({
      store,
      sinkFor: async (filters) => writerSink(await writer.current(), filters),
      budgets: new RateBudgets(),
      onRunFinished: (id, summary) => metrics.runFinished(id, summary),
      ...options.scheduler,
    });
    const runtime = new ConnectorRuntime({ service, scheduler, filtersFor: (id, connector) => logFilters.filtersFor(id, connector.tenant, connector.logFilters ?? []) });
    const app = await createApiServer({ service, store: searchStore, runtime, metrics, logFilters, testRunner: new TestRunner(), ...options.api });
    const address = await app.listen({ host: options.host ?? DEFAULT_HOST, port: options.port ?? DEFAULT_PORT });
    runtime.start();
    let closing: Promise<void> | undefined;
    return {
      url: address,
      app,
      service,
      store,
      searchStore,
      runtime,
      ...(service.firstStart.generatedPassword === undefined ? {} : { generatedAdminPassword: service.firstStart.generatedPassword }),
      close: () =>
        (closing ??= (async () => {
          await app.close();
          await runtime.stop();
          await writer.close();
          await searchStore.close();
          service.close();
        })()),
    };
  } catch (error) {
    await collectionWriter?.close();
    await searchStore.close();
    service.close();
    throw error;
  }
}
