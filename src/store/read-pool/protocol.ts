// Messages between the read pool and its search workers, and how errors cross the thread boundary keeping code and status.
import { CwcError, type FieldProblem } from '../../core/errors.js';
import type { SearchRequest, TenantScope } from '../store.js';

/** The InterflowStore methods the pool runs in its workers. */
export type ReadMethod = 'search' | 'count' | 'histogram' | 'topTerms';

export interface ReadCall {
  id: number;
  method: ReadMethod;
  request: SearchRequest;
  scope: TenantScope;
  /** histogram: the options; topTerms: [field, size]. */
  extra?: unknown;
}

export interface SerializedError {
  name: string;
  code: string;
  status: number;
  message: string;
  details: FieldProblem[];
}

export type WorkerReply =
  /** `niceness`: the worker thread's scheduling priority after it lowered it (Linux: per thread). */
  | { kind: 'ready'; niceness: number | undefined }
  | { kind: 'failed-to-open'; error: SerializedError }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: SerializedError };

export interface WorkerData {
  file: string;
  cacheMebibytes?: number;
  /** Nice value for the worker thread (0–19); higher yields the CPU to collection. */
  niceness: number;
  /** The store's per-call time limit (StoreOptions.searchTimeLimitMilliseconds). */
  searchTimeLimitMilliseconds: number;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof CwcError) return { name: error.name, code: error.code, status: error.status, message: error.message, details: error.details };
  return { name: 'Error', code: 'search_failed', status: 500, message: error instanceof Error ? error.message : String(error), details: [] };
}

/** The worker's error as the caller's CwcError: a bad query stays a 400 naming the field, anything else a 500. */
export function deserializeError(serialized: SerializedError): CwcError {
  const error = new CwcError(serialized.code, serialized.message, { status: serialized.status, details: serialized.details });
  error.name = serialized.name;
  return error;
}
