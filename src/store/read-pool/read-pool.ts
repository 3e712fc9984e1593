// An InterflowStore whose searches run on a small pool of worker threads, each with its own database connection, behind a bounded queue.
import type { Worker } from 'node:worker_threads';
import { CwcError, UsageError } from '../../core/errors.js';
import { startWorker } from '../../core/worker-thread.js';
import type { InterflowRecord } from '../../core/record.js';
import {
  SearchTimeoutError,
  type Checkpoint, type Histogram, type InterflowStore, type RetentionResult, type SearchRequest, type SearchResult, type TenantScope,
  type TermCount, type Total, type WriteResult,
} from '../store.js';
import { deserializeError, type ReadCall, type ReadMethod, type WorkerData, type WorkerReply } from './protocol.js';

export interface ReadPoolOptions {
  /** The store's database file, already created by the writer (the workers open it after it). */
  file: string;
  /** Search threads; default 2. */
  workers?: number;
  /** Searches that may wait for a free thread; beyond that the pool answers 503 at once. Default 64. */
  maxQueued?: number;
  /** Sent as Retry-After with a 503. Default 1. */
  retryAfterSeconds?: number;
  /** Page cache per worker connection, MiB. Default the store's. */
  cacheMebibytes?: number;
  /**
   * Nice value of the search threads, 0–19 (Linux sets it per thread). Default 10: on a busy machine searches get
   * the CPU that collection leaves, so users searching never slow collection much; on an idle one they run at full speed.
   */
  niceness?: number;
  /**
   * How long one search may run, seconds. Default 30. The store stops a call between time partitions once it is
   * over (503 search_timeout, saying what to narrow); a thread still busy after twice the limit (one partition's
   * query running away) is replaced, and its search gets the same answer.
   */
  searchTimeLimitSeconds?: number;
}

/** Too many searches are waiting: the caller should try again later (HTTP 503 with Retry-After). */
export class SearchesBusyError extends CwcError {
  constructor(readonly retryAfterSeconds: number, queued: number, why = `the server is busy with ${queued} waiting searches`) {
    super('search_busy', `${why}; try again in ${retryAfterSeconds} s`, { status: 503 });
    this.name = 'SearchesBusyError';
  }
}

interface Pending {
  call: ReadCall;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** Replaces the thread if the search outlives twice its limit. */
  overdue?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  /** Resolves once the worker opened its store (or rejects when it could not). */
  ready: Promise<void>;
  busy: Pending | undefined;
  niceness: number | undefined;
}

/**
 * Writes, checkpoints and retention go to `writer` (the collector's connection, on this thread); search, count,
 * histogram and top terms go to the workers, so a slow query never stalls the scheduler or other requests. Tenant
 * scope is part of every call and is applied by the store in the worker exactly as it would be here.
 */
export class ReadPoolStore implements InterflowStore {
  private readonly slots: Slot[] = [];
  /** Replaced threads still finishing a runaway query: as many as the pool has threads means the CPU is theirs. */
  private readonly retiring = new Set<Worker>();
  private readonly queue: Pending[] = [];
  private readonly maxQueued: number;
  private readonly retryAfterSeconds: number;
  private readonly niceness: number;
  private readonly searchTimeLimitMilliseconds: number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly writer: InterflowStore, private readonly options: ReadPoolOptions) {
    const workers = options.workers ?? 2;
    if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`workers: must be an integer from 1 to 64, got ${String(workers)}`);
    this.maxQueued = options.maxQueued ?? 64;
    if (!Number.isInteger(this.maxQueued) || this.maxQueued < 0) throw new UsageError(`maxQueued: must be a whole number, got ${String(this.maxQueued)}`);
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.niceness = options.niceness ?? 10;
    if (!Number.isInteger(this.niceness) || this.niceness < 0 || this.niceness > 19) throw new UsageError(`niceness: must be an integer from 0 to 19, got ${String(this.niceness)}`);
    const limitSeconds = options.searchTimeLimitSeconds ?? 30;
    if (!Number.isFinite(limitSeconds) || limitSeconds < 0.001 || limitSeconds > 86_400) throw new UsageError(`searchTimeLimitSeconds: must be from 0.001 to 86400, got ${String(limitSeconds)}`);
    this.searchTimeLimitMilliseconds = Math.round(limitSeconds * 1000);
    for (let n = 0; n < workers; n += 1) this.slots.push(this.startSlot());
  }

  private startSlot(): Slot {
    const data: WorkerData = { file: this.options.file, niceness: this.niceness, searchTimeLimitMilliseconds: this.searchTimeLimitMilliseconds, ...(this.options.cacheMebibytes === undefined ? {} : { cacheMebibytes: this.options.cacheMebibytes }) };
    const worker = startWorker(import.meta.url, './search-worker', { workerData: data });
    let markReady!: () => void;
    let markFailed!: (error: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    ready.catch(() => undefined);
    const slot: Slot = { worker, ready, busy: undefined, niceness: undefined };
    let opened = false;
    worker.on('message', (reply: WorkerReply) => {
      if (reply.kind === 'ready') {
        opened = true;
        slot.niceness = reply.niceness;
        return markReady();
      }
      if (reply.kind === 'failed-to-open') return markFailed(deserializeError(reply.error));
      const pending = slot.busy;
      if (pending === undefined || pending.call.id !== reply.id) return;
      clearTimeout(pending.overdue);
      slot.busy = undefined;
      if (reply.kind === 'result') pending.resolve(reply.value);
      else pending.reject(deserializeError(reply.error));
      this.dispatch();
    });
    worker.on('error', (error) => {
      markFailed(error);
      slot.busy?.reject(new CwcError('search_failed', `a search worker failed: ${error.message}`, { status: 500, cause: error }));
      slot.busy = undefined;
    });
    worker.on('exit', () => {
      markFailed(new Error('the worker stopped before it opened the store'));
      // A worker that died is replaced, so one crash does not shrink the pool for good; one that could not even open
      // the store is not (it would fail again): its searches get a 500 that says why.
      if (this.closed || !opened) return;
      slot.busy?.reject(new CwcError('search_failed', 'a search worker stopped unexpectedly', { status: 500 }));
      slot.busy = undefined;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.startSlot();
      this.dispatch();
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.busy !== undefined) continue;
      const pending = this.queue.shift() as Pending;
      slot.busy = pending;
      slot.ready.then(
        () => {
          slot.worker.postMessage(pending.call);
          pending.overdue = setTimeout(() => this.replaceOverdue(slot, pending), 2 * this.searchTimeLimitMilliseconds).unref();
        },
        (error: unknown) => {
          slot.busy = undefined;
          pending.reject(new CwcError('search_failed', `the search worker could not open the store: ${(error as Error).message}`, { status: 500, cause: error }));
        },
      );
    }
  }

  /**
   * better-sqlite3 cannot interrupt a statement, so a search stuck in one long query is answered now and its thread
   * replaced: a new one takes the slot at once, and the old one is terminated (it stops when the query returns).
   */
  private replaceOverdue(slot: Slot, pending: Pending): void {
    if (slot.busy !== pending || this.closed) return;
    slot.busy = undefined;
    pending.reject(new SearchTimeoutError(this.searchTimeLimitMilliseconds));
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = this.startSlot();
    const { worker } = slot;
    this.retiring.add(worker);
    void worker.terminate().finally(() => this.retiring.delete(worker));
    this.dispatch();
  }

  private call<T>(method: ReadMethod, request: SearchRequest, scope: TenantScope, extra?: unknown): Promise<T> {
    if (this.closed) return Promise.reject(new CwcError('store_closed', 'the store is closed', { status: 500 }));
    // Runaway queries cannot be interrupted: while as many of them still run as the pool has threads, more searches
    // would only share the CPU with them, so they are refused until those finish.
    if (this.retiring.size >= this.slots.length) {
      return Promise.reject(new SearchesBusyError(this.retryAfterSeconds, this.queue.length, `${this.retiring.size} stopped searches are still finishing their last query`));
    }
    const running = this.slots.filter((slot) => slot.busy !== undefined).length;
    if (running === this.slots.length && this.queue.length >= this.maxQueued) {
      return Promise.reject(new SearchesBusyError(this.retryAfterSeconds, this.queue.length));
    }
    return new Promise<T>((resolve, reject) => {
      const call: ReadCall = { id: this.nextId++, method, request, scope, ...(extra === undefined ? {} : { extra }) };
      this.queue.push({ call, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Searches waiting for a thread and running now (for tests and metrics). */
  get load(): { running: number; queued: number } {
    return { running: this.slots.filter((slot) => slot.busy !== undefined).length, queued: this.queue.length };
  }

  /** Each started search thread's nice value (undefined where the platform refused); for tests and diagnostics. */
  async workerNiceness(): Promise<Array<number | undefined>> {
    await Promise.all(this.slots.map((slot) => slot.ready.catch(() => undefined)));
    return this.slots.map((slot) => slot.niceness);
  }

  search(request: SearchRequest, scope: TenantScope): Promise<SearchResult> {
    return this.call('search', request, scope);
  }

  count(request: SearchRequest, scope: TenantScope): Promise<Total> {
    return this.call('count', request, scope);
  }

  histogram(request: SearchRequest, scope: TenantScope, options?: { intervalMilliseconds?: number; targetBuckets?: number }): Promise<Histogram> {
    return this.call('histogram', request, scope, options);
  }

  topTerms(request: SearchRequest, scope: TenantScope, field: string, size?: number): Promise<TermCount[]> {
    return this.call('topTerms', request, scope, [field, size]);
  }

  write(records: readonly InterflowRecord[], checkpoint?: Checkpoint): Promise<WriteResult> {
    return this.writer.write(records, checkpoint);
  }

  readCheckpoint(key: string): Promise<unknown> {
    return this.writer.readCheckpoint(key);
  }

  listCheckpoints(prefix: string): Promise<Checkpoint[]> {
    return this.writer.listCheckpoints(prefix);
  }

  applyRetention(now: number): Promise<RetentionResult> {
    return this.writer.applyRetention(now);
  }

  /** Stops the workers (a search still running is answered with an error), then closes the writer. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const stopped = new CwcError('store_closed', 'the store closed while the search waited', { status: 503 });
    for (const pending of this.queue.splice(0)) pending.reject(stopped);
    await Promise.all(this.slots.map(async (slot) => {
      clearTimeout(slot.busy?.overdue);
      slot.busy?.reject(stopped);
      slot.busy = undefined;
      await slot.worker.terminate();
    }));
    await this.writer.close();
  }
}
