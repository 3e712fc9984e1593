// StoreWriter: a store owned by a worker thread. The owner sends payloads; the worker prepares, writes and commits them.
import type { Worker } from 'node:worker_threads';
import { CwcError } from '../../core/errors.js';
import { startWorker } from '../../core/worker-thread.js';
import type { Checkpoint } from '../store.js';
import type { PreparedWriteResult, Request, Response, SerializedError, StoreWriterWorkerData } from './protocol.js';

export type { BatchPreparer, PreparedBatch, PrepareBatch, PreparedWriteResult, StoreOpener } from './protocol.js';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

function revive(error: SerializedError): Error {
  if (error.code !== undefined) {
    const revived = new CwcError(error.code, error.message, { status: error.status ?? 500, details: error.details ?? [] });
    revived.name = error.name;
    return revived;
  }
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}

/**
 * Writes go to the worker's own store connection, in the order they are sent, each in one transaction with its
 * checkpoint (the store's guarantee, unchanged). The owner decides how many writes it keeps in flight: awaiting each
 * one is the backpressure that keeps memory flat while the owner's thread goes on fetching.
 */
export class StoreWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;
  private readonly ready: Promise<void>;

  private constructor(data: StoreWriterWorkerData) {
    this.worker = startWorker(import.meta.url, './store-writer-worker', { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 128 } });
    let markReady: () => void = () => undefined;
    let failReady: (error: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    this.worker.on('message', (response: Response) => {
      if ('ready' in response) return markReady();
      const waiter = this.pending.get(response.id);
      if (waiter === undefined) return;
      this.pending.delete(response.id);
      if (response.ok) waiter.resolve(response.result);
      else waiter.reject(revive(response.error));
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      failReady(error);
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    };
    this.worker.on('error', (error) => fail(new Error(`store writer failed: ${error.message}`, { cause: error })));
    this.worker.on('exit', (code) => fail(new Error(`store writer exited (code ${code})`)));
  }

  /** Starts the worker and waits until its store is open; rejects if opening fails. */
  static async start(data: StoreWriterWorkerData): Promise<StoreWriter> {
    const writer = new StoreWriter(data);
    try {
      await writer.ready;
    } catch (error) {
      await writer.worker.terminate();
      throw error;
    }
    return writer;
  }

  /** False once the thread stopped (it failed, exited or was closed): every request is then refused. */
  get usable(): boolean {
    return this.failure === undefined;
  }

  /** Prepares `payload` into records in the worker and stores them with the checkpoint, in one transaction. */
  write(payload: unknown, checkpoint?: Checkpoint, transfer: ArrayBuffer[] = []): Promise<PreparedWriteResult> {
    return this.request({ type: 'write', id: 0, payload, ...(checkpoint === undefined ? {} : { checkpoint }) }, transfer) as Promise<PreparedWriteResult>;
  }

  readCheckpoint(key: string): Promise<unknown> {
    return this.request({ type: 'readCheckpoint', id: 0, key });
  }

  /** Waits for every write sent before it, closes the store and ends the thread. */
  async close(): Promise<void> {
    if (this.failure === undefined) await this.request({ type: 'close', id: 0 }).catch(() => undefined);
    await this.worker.terminate();
  }

  private request(request: Request, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }
}
