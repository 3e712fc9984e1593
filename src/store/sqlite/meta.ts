// What a store file says about its own layout (store_meta): schema version, partition span and how traffic rows are kept.
import type Database from 'better-sqlite3';
import { CwcError } from '../../core/errors.js';
import { dayMilliseconds, defaultPartitionMilliseconds, type TrafficLayout } from './schema.js';

/**
 * Version 1: traffic rows hold the record as JSON text. Version 2 (decision 0013): traffic rows hold typed columns. A
 * version-1 store with data keeps its layout and works as before; an empty one becomes version 2. Releases from before
 * version 2 refuse a version-2 store with a clear message ("has schema version 2") instead of failing on its tables.
 */
export const schemaVersion = 2;

export interface StoreLayout {
  /** Every partition of this store spans this long (fixed per store: a timestamp always maps to one partition). */
  partitionMilliseconds: number;
  trafficLayout: TrafficLayout;
}

function meta(db: Database.Database, key: string): string | undefined {
  return (db.prepare('SELECT value FROM store_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

function setMeta(db: Database.Database, key: string, value: string): void {
  db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Reads (and for a new or empty store, records) the layout; throws for a version this release does not read. */
export function readStoreLayout(db: Database.Database, file: string): StoreLayout {
  const hasPartitions = db.prepare('SELECT 1 FROM partitions LIMIT 1').get() !== undefined;
  let version = meta(db, 'schema_version');
  if (version === undefined || (version === '1' && !hasPartitions)) {
    version = String(schemaVersion);
    setMeta(db, 'schema_version', version);
  }
  if (version !== '1' && version !== '2') {
    throw new CwcError('store_schema_mismatch', `the store '${file}' has schema version ${version}; this cwc reads versions 1 and ${schemaVersion}`, { status: 500 });
  }
  let span = meta(db, 'partition_milliseconds');
  if (span === undefined) {
    // Stores made before hour partitions (partitions but no recorded span) keep their day partitions.
    span = String(hasPartitions ? dayMilliseconds : defaultPartitionMilliseconds);
    setMeta(db, 'partition_milliseconds', span);
  }
  return { partitionMilliseconds: Number(span), trafficLayout: version === '1' ? 'json' : 'columns' };
}
