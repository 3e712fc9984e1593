// Messages between a store-writer worker thread and the thread that owns it, and the plain-data form of its settings.
import type { Checkpoint, WriteResult } from '../store.js';
import type { InterflowRecord } from '../../core/record.js';

/** A function exported by a module, named so a worker thread can import it (functions cannot cross threads). */
export interface ModuleExport {
  /** `file:` URL of the module; `siblingModuleUrl()` (core/worker-thread) picks the `.ts` or `.js` file to match the caller. */
  moduleUrl: string;
  exportName: string;
}

/** `(...args) => InterflowStore | Promise<InterflowStore>`: how the worker opens its own store. */
export interface StoreOpener extends ModuleExport {
  args: unknown[];
}

/**
 * `(config) => (payload) => PreparedBatch`: turns what the owner sends (raw events, say) into records inside the
 * worker, so that work leaves the owner's thread.
 */
export interface BatchPreparer extends ModuleExport {
  config: unknown;
}

export interface PreparedBatch {
  records: InterflowRecord[];
  /** Whatever the preparer counted (parse errors, records filtered out), returned with the write's result. */
  counts?: Record<string, number>;
  /** Structured data for the owner (a filter chain's counters), returned with the write's result. */
  report?: unknown;
}

export type PrepareBatch = (payload: unknown) => PreparedBatch;

export interface StoreWriterWorkerData {
  openStore: StoreOpener;
  prepare?: BatchPreparer;
}

export interface PreparedWriteResult extends WriteResult {
  counts: Record<string, number>;
  report?: unknown;
}

export type Request =
  | { type: 'write'; id: number; payload: unknown; checkpoint?: Checkpoint }
  | { type: 'readCheckpoint'; id: number; key: string }
  | { type: 'close'; id: number };

/** An error as data: CwcError's code, status and field details survive the trip. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  status?: number;
  details?: Array<{ path: string; message: string }>;
}

export type Response = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: SerializedError } | { id: 0; ready: true };
