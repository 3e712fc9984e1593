// SQLite schema: bookkeeping tables, and one table (+ FTS5 table for syslog) per index, tenant and UTC hour, dropped whole by retention.
import type { IndexName } from '../../core/record.js';
import { dictionaryDdl } from './dictionary.js';
import { codecColumnDdl } from './traffic-codec.js';

export const dayMilliseconds = 86_400_000;
export const hourMilliseconds = 3_600_000;
/**
 * The time span of a partition in a new store. Stores made before hourly partitions keep their day partitions (the span
 * is recorded in store_meta and never changes for a store, so a timestamp always maps to one partition).
 */
export const defaultPartitionMilliseconds = hourMilliseconds;
/** A partition gets its search indexes once data 2 h past its end arrives (or the clock passes that and it is idle). */
export const sealAfterMilliseconds = 2 * hourMilliseconds;

/** Connection settings; see docs/decisions/0010-embedded-store.md for why NORMAL sync is still crash-safe in WAL. */
export const pragmas = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'busy_timeout = 5000',
  'foreign_keys = OFF',
  'temp_store = MEMORY',
];

/** A read-only connection (search threads): waits for the writer's locks, sorts in memory, changes nothing. */
export const readerPragmas = ['busy_timeout = 5000', 'temp_store = MEMORY', 'query_only = ON'];

/**
 * Page cache sized from StoreOptions.cacheMebibytes. Large budgets (searching stores) also memory-map up to four
 * times that for reads; small ones (a collector that only writes) map nothing, since mapped pages count as resident.
 */
export function memoryPragmas(cacheMebibytes: number): string[] {
  const mmapBytes = cacheMebibytes >= 128 ? Math.round(cacheMebibytes * 4 * 2 ** 20) : 0;
  return [`cache_size = -${Math.round(cacheMebibytes * 1024)}`, `mmap_size = ${mmapBytes}`];
}

/** 256 MiB keeps the current day's indexes in memory during ingest. */
export const defaultCacheMebibytes = 256;

export const bookkeepingDdl = `
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoints (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sources (
  id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, account_id TEXT NOT NULL, region TEXT NOT NULL, log_group TEXT NOT NULL,
  UNIQUE (tenant, account_id, region, log_group));
CREATE TABLE IF NOT EXISTS tenants (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS partitions (
  name TEXT PRIMARY KEY, index_name TEXT NOT NULL, tenant_id INTEGER NOT NULL, day_start_ms INTEGER NOT NULL,
  sealed INTEGER NOT NULL DEFAULT 1, UNIQUE (index_name, tenant_id, day_start_ms));
CREATE TABLE IF NOT EXISTS fields (index_name TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (index_name, name)) WITHOUT ROWID;
${dictionaryDdl}
`;

/** Added to stores made before partitions were sealed: their partitions have every index already (hence DEFAULT 1). */
export const addSealedColumnDdl = 'ALTER TABLE partitions ADD COLUMN sealed INTEGER NOT NULL DEFAULT 1';

/**
 * `traffic_t2_2026013105` (an hour) or `traffic_t2_20260131` (a day, older stores): built from the index name, a tenant
 * number and a time only, never from record or query text.
 */
export function partitionName(index: IndexName, tenantId: number, startMilliseconds: number, spanMilliseconds: number): string {
  const iso = new Date(startMilliseconds).toISOString();
  const day = iso.slice(0, 10).replace(/-/g, '');
  return `${index}_t${tenantId}_${day}${spanMilliseconds < dayMilliseconds ? iso.slice(11, 13) : ''}`;
}

export function dayStart(timestampMilliseconds: number): number {
  return Math.floor(timestampMilliseconds / dayMilliseconds) * dayMilliseconds;
}

export function ftsName(partition: string): string {
  return `${partition}_fts`;
}

/**
 * How traffic rows are stored, fixed per store (store_meta `traffic_layout`): `columns` in stores made since decision
 * 0013, `json` (the whole record as JSON text) in older ones, which keep it.
 */
export type TrafficLayout = 'json' | 'columns';

export const partitionColumns = [
  'ts', 'tenant', 'msg_class', 'source_id', 'event_id', 'srcip_num', 'srcip_v6', 'dstip_num', 'dstip_v6', 'srcport', 'dstport',
  'proto', 'action', 'bytes', 'record',
] as const;

/**
 * What writes need: the table, the unique event identity (idempotence), the ts index (time-range scans of a partition
 * not sealed yet) and, for syslog, the FTS5 table (full-text search has no scan fallback with the same word rules).
 */
export function partitionDdl(index: IndexName, name: string, layout: TrafficLayout = 'json'): string {
  const table = `"${name}"`;
  const columnar = index === 'traffic' && layout === 'columns';
  // Columnar traffic (decision 0013): typed columns and `extra` JSON for what does not fit. No `record` column: queries on
  // fields without a column get an expression building it (a VIRTUAL generated column measured 3× slower inserts).
  const common = columnar
    ? `
CREATE TABLE ${table} (
  id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, tenant TEXT NOT NULL, msg_class TEXT NOT NULL, source_id INTEGER NOT NULL,
  event_id TEXT, srcip_num INTEGER, srcip_v6 TEXT, dstip_num INTEGER, dstip_v6 TEXT, srcport INTEGER, dstport INTEGER,
  proto INTEGER, action TEXT, bytes INTEGER, flags INTEGER NOT NULL, extra TEXT, ${codecColumnDdl()});
CREATE UNIQUE INDEX "${name}_event" ON ${table} (event_id, source_id);
`
    : `
CREATE TABLE ${table} (
  id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, tenant TEXT NOT NULL, msg_class TEXT NOT NULL, source_id INTEGER NOT NULL,
  event_id TEXT, srcip_num INTEGER, srcip_v6 TEXT, dstip_num INTEGER, dstip_v6 TEXT, srcport INTEGER, dstport INTEGER,
  proto INTEGER, action TEXT, bytes INTEGER, record TEXT NOT NULL);
-- The identity that makes writes idempotent; NULL event ids (unknown identity) never conflict.
CREATE UNIQUE INDEX "${name}_event" ON ${table} (event_id, source_id);
`;
  if (index === 'traffic') {
    // (ts, dstport) covers the commonest aggregation, top destination ports in a time range, without table lookups; the
    // IPs and action after it let a partition not sealed yet answer IP, port and action filters from this index alone
    // (measured ~5× faster than fetching rows for an exact IP over three open hours), at little write cost: ts grows.
    return `${common}
CREATE INDEX "${name}_ts" ON ${table} (ts, dstport, srcip_num, dstip_num, action);
`;
  }
  // (ts, msg_class, srcip_num): class and address filters on an open partition are answered from the ts index alone.
  // Contentless FTS5: the text lives once, in the record JSON; rows are never deleted one by one, only dropped with the partition.
  return `${common}
CREATE INDEX "${name}_ts" ON ${table} (ts, msg_class, srcip_num);
CREATE VIRTUAL TABLE "${ftsName(name)}" USING fts5(message, content='', columnsize=0, detail=full, tokenize="unicode61 remove_diacritics 2");
`;
}

/**
 * The search indexes, built in bulk when a partition is sealed (a sort and one pass over a filled table is far cheaper
 * than updating five B-trees per row). IF NOT EXISTS: sealing is idempotent, and older stores already have them.
 */
export function searchIndexDdl(index: IndexName, name: string): string {
  const table = `"${name}"`;
  if (index === 'traffic') {
    return `
-- IP indexes carry dstport and action so "CIDR + port + action" is answered from the index alone.
CREATE INDEX IF NOT EXISTS "${name}_srcip" ON ${table} (srcip_num, ts, dstport, action) WHERE srcip_num IS NOT NULL;
CREATE INDEX IF NOT EXISTS "${name}_dstip" ON ${table} (dstip_num, ts, dstport, action) WHERE dstip_num IS NOT NULL;
CREATE INDEX IF NOT EXISTS "${name}_dstport" ON ${table} (dstport, ts) WHERE dstport IS NOT NULL;
CREATE INDEX IF NOT EXISTS "${name}_srcip_v6" ON ${table} (srcip_v6, ts) WHERE srcip_v6 IS NOT NULL;
CREATE INDEX IF NOT EXISTS "${name}_dstip_v6" ON ${table} (dstip_v6, ts) WHERE dstip_v6 IS NOT NULL;
`;
  }
  return `
CREATE INDEX IF NOT EXISTS "${name}_srcip" ON ${table} (srcip_num, ts) WHERE srcip_num IS NOT NULL;
CREATE INDEX IF NOT EXISTS "${name}_class" ON ${table} (msg_class, ts);
`;
}
