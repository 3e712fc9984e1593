// Opens the embedded SQLite store inside a store-writer worker, from plain-data arguments.
import type { InterflowStore, StoreOptions } from '../store.js';
import { SqliteStore } from '../sqlite/sqlite-store.js';
import { siblingModuleUrl } from '../../core/worker-thread.js';
import type { StoreOpener } from './protocol.js';

/** Only options that survive structured cloning: a clock function cannot cross to the worker. */
export type PlainStoreOptions = Omit<StoreOptions, 'clock'>;

export function openSqliteStore(file: string, options: PlainStoreOptions = {}): InterflowStore {
  return new SqliteStore(file, options);
}

/** How a StoreWriter opens the SQLite store `file` in its worker. */
export function sqliteOpener(file: string, options: PlainStoreOptions = {}): StoreOpener {
  return { moduleUrl: siblingModuleUrl(import.meta.url, './open-sqlite'), exportName: 'openSqliteStore', args: [file, options] };
}
