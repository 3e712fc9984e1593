// The embedded store (better-sqlite3, WAL): hour partitions per index and tenant, sealed with their search indexes; idempotent batched writes.
import Database from 'better-sqlite3';
import { CwcError, UsageError } from '../../core/errors.js';
import type { IndexName, InterflowRecord } from '../../core/record.js';
import type {
  Checkpoint, Histogram, InterflowStore, RetentionResult, SearchRequest, SearchResult, StoreOptions, TenantScope, TermCount, Total, WriteResult,
} from '../store.js';
import { fieldNamePattern } from '../../search/parser.js';
import { validateRecords } from '../validate.js';
import { putHotValues, withWriteTime } from './extract.js';
import { PartitionReader, type PartitionInfo } from './read.js';
import {
  dayMilliseconds, dayStart, defaultCacheMebibytes, ftsName, partitionDdl, partitionName, sealAfterMilliseconds, searchIndexDdl, type TrafficLayout,
} from './schema.js';
import { bookkeepingStatements, openStoreDatabase, type BookkeepingStatements } from './connection.js';
import { TrafficInsert, TrafficRows } from './traffic-writer.js';
import { readStoreLayout } from './meta.js';
import { StringDictionary } from './dictionary.js';

/** A JSON-layout partition has `insert` (+ `insertText` for syslog's FTS5); a columnar traffic one has `columns`. */
interface PartitionWriter {
  insert: Database.Statement | undefined;
  insertText: Database.Statement | undefined;
  columns: TrafficInsert | undefined;
}

/** A partition still being filled: it has only the indexes writes need until it is sealed. */
interface OpenPartition {
  name: string;
  index: IndexName;
  tenantId: number;
  start: number;
  /** Written since the last idle sweep (an idle partition whose time is over gets sealed by the sweep). */
  written: boolean;
}

/** How often write() looks for idle partitions whose time is over (the clock, not data, says they are done). */
const idleSweepMilliseconds = 60_000;

const indices: readonly IndexName[] = ['syslog', 'traffic'];
/** Top-level field names remembered per index for the "unknown field" hint. */
const maxKnownFields = 10_000;

export class SqliteStore implements InterflowStore {
  private readonly db: Database.Database;
  private readonly clock: () => number;
  private readonly retentionDays: StoreOptions['retentionDays'];
  private readonly writers = new Map<string, PartitionWriter>();
  private readonly sourceIds = new Map<string, number>();
  private readonly tenantIds = new Map<string, number>();
  private lastWriter: { index: IndexName; tenant: string; start: number; writer: PartitionWriter } | undefined;
  /** Every partition of this store spans this long (fixed per store: a timestamp always maps to one partition). */
  private readonly partitionMilliseconds: number;
  private readonly trafficLayout: TrafficLayout;
  private readonly dictionary: StringDictionary;
  private readonly trafficRows: TrafficRows;
  private readonly openPartitions = new Map<string, OpenPartition>();
  /** Newest partition start per index and tenant: data that far on means older partitions are done. */
  private readonly newestStart = new Map<string, number>();
  private lastIdleSweep = performance.now();
  private lastSource: { tenant: string; accountId: string; region: string; logGroup: string; id: number } | undefined;
  private readonly knownFields = new Map<IndexName, Set<string>>();
  private readonly reader: PartitionReader;
  private readonly statements: BookkeepingStatements;
  private closed = false;

  /** Opens (creating if needed) the store in `file`; `:memory:` for a throwaway store. */
  constructor(file: string, options: StoreOptions = {}) {
    for (const [index, days] of Object.entries(options.retentionDays ?? {})) {
      if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 36_500)) {
        throw new UsageError(`retentionDays.${index}: must be an integer from 1 to 36500, got ${String(days)}`);
      }
    }
    const limit = options.searchTimeLimitMilliseconds;
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 86_400_000)) {
      throw new UsageError(`searchTimeLimitMilliseconds: must be an integer from 1 to 86400000, got ${String(limit)}`);
    }
    const readOnly = options.readOnly === true;
    this.db = openStoreDatabase(file, { readOnly, cacheMebibytes: options.cacheMebibytes ?? defaultCacheMebibytes });
    this.clock = options.clock ?? Date.now;
    this.retentionDays = options.retentionDays;
    ({ partitionMilliseconds: this.partitionMilliseconds, trafficLayout: this.trafficLayout } = readStoreLayout(this.db, file));
    this.statements = bookkeepingStatements(this.db);
    this.loadFields();
    this.loadOpenPartitions();
    this.dictionary = new StringDictionary(this.db);
    this.trafficRows = new TrafficRows(this.dictionary);
    // The store's clock measures the limit too, so tests can drive it.
    const timeLimit = limit === undefined ? undefined : { milliseconds: limit, now: this.clock };
    this.reader = new PartitionReader(this.db, () => this.partitions(), (list) => this.fieldsOf(list), this.partitionMilliseconds, this.trafficLayout, this.dictionary, timeLimit);
    // Whatever an earlier run left unsealed and the clock says is done gets its indexes now, once. Best effort: a
    // reader must still open a store another process is busy writing (an open partition is searchable, only slower).
    if (readOnly) return;
    try {
      this.sealDue(true);
    } catch {
      this.loadOpenPartitions();
    }
  }

  /** The span recorded for this store; a new store takes the default, a store from before spans were recorded has days. */
  private loadOpenPartitions(): void {
    this.openPartitions.clear();
    this.newestStart.clear();
    for (const partition of this.partitions()) {
      const key = `${partition.index}\u0000${partition.tenantId}`;
      this.newestStart.set(key, Math.max(this.newestStart.get(key) ?? -Infinity, partition.start));
      if (partition.sealed === 0) {
        this.openPartitions.set(partition.name, { name: partition.name, index: partition.index, tenantId: partition.tenantId, start: partition.start, written: false });
      }
    }
  }

  /**
   * Seals the open partitions that are done: data at least sealAfterMilliseconds past a partition's end has arrived
   * for its index and tenant, or (checked once a minute, and when the store opens) the clock is that far past its end
   * and nothing was written to it since the last look. A backfill far behind the clock is thus sealed by its own data.
   */
  private sealDue(idleSweep = false): void {
    const now = performance.now();
    const sweep = idleSweep || now - this.lastIdleSweep >= idleSweepMilliseconds;
    const clockNow = sweep ? this.clock() : 0;
    const due: OpenPartition[] = [];
    for (const partition of this.openPartitions.values()) {
      const doneAt = partition.start + this.partitionMilliseconds + sealAfterMilliseconds;
      const newest = this.newestStart.get(`${partition.index}\u0000${partition.tenantId}`) ?? -Infinity;
      if (newest >= doneAt || (sweep && !partition.written && clockNow >= doneAt)) due.push(partition);
      else if (sweep) partition.written = false;
    }
    if (sweep) this.lastIdleSweep = now;
    if (due.length > 0) this.seal(due);
  }

  /** One transaction for all of them: sparse data (a few rows an hour) seals several partitions per write. */
  private seal(partitions: readonly OpenPartition[]): void {
    this.db.transaction(() => {
      for (const partition of partitions) {
        this.db.exec(searchIndexDdl(partition.index, partition.name));
        this.statements.markSealed.run(partition.name);
      }
    }).immediate();
    for (const partition of partitions) this.openPartitions.delete(partition.name);
  }

  private loadFields(): void {
    this.knownFields.clear();
    for (const index of indices) this.knownFields.set(index, new Set());
    for (const row of this.statements.listFields.all() as Array<{ index: IndexName; name: string }>) {
      this.knownFields.get(row.index)?.add(row.name);
    }
  }

  private fieldsOf(list: readonly IndexName[]): Set<string> {
    return new Set(list.flatMap((index) => [...(this.knownFields.get(index) ?? [])]));
  }

  private partitions(): PartitionInfo[] {
    return this.statements.listPartitions.all() as PartitionInfo[];
  }

  private assertOpen(): void {
    if (this.closed) throw new CwcError('store_closed', 'the store is closed', { status: 500 });
  }

  private tenantId(tenant: string): number {
    const cached = this.tenantIds.get(tenant);
    if (cached !== undefined) return cached;
    const row = this.statements.findTenant.get(tenant) as { id: number } | undefined;
    const id = row ? row.id : Number(this.statements.insertTenant.run(tenant).lastInsertRowid);
    this.tenantIds.set(tenant, id);
    return id;
  }

  private writerFor(index: IndexName, tenant: string, timestamp: number): PartitionWriter {
    const start = Math.floor(timestamp / this.partitionMilliseconds) * this.partitionMilliseconds;
    // Consecutive records almost always share index, tenant and partition: skip building the name for them.
    const last = this.lastWriter;
    if (last && last.index === index && last.tenant === tenant && last.start === start) return last.writer;
    const tenantId = this.tenantId(tenant);
    const name = partitionName(index, tenantId, start, this.partitionMilliseconds);
    const open = this.openPartitions.get(name);
    if (open) open.written = true;
    const cached = this.writers.get(name);
    if (cached) {
      this.lastWriter = { index, tenant, start, writer: cached };
      return cached;
    }
    if (this.statements.findPartition.get(name) === undefined) {
      this.db.exec(partitionDdl(index, name, this.trafficLayout));
      this.statements.insertPartition.run(name, index, tenantId, start);
      this.openPartitions.set(name, { name, index, tenantId, start, written: true });
      const key = `${index}\u0000${tenantId}`;
      this.newestStart.set(key, Math.max(this.newestStart.get(key) ?? -Infinity, start));
    }
    const columnar = index === 'traffic' && this.trafficLayout === 'columns';
    const writer: PartitionWriter = columnar ? { insert: undefined, insertText: undefined, columns: new TrafficInsert(this.db, name) } : {
      columns: undefined,
      insert: this.db.prepare(
        `INSERT INTO "${name}" (ts, tenant, msg_class, source_id, event_id, srcip_num, srcip_v6, dstip_num, dstip_v6, srcport, dstport, proto, action, bytes, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      insertText: index === 'syslog' ? this.db.prepare(`INSERT INTO "${ftsName(name)}" (rowid, message) VALUES (?, ?)`) : undefined,
    };
    this.writers.set(name, writer);
    this.lastWriter = { index, tenant, start, writer };
    return writer;
  }

  private sourceId(tenant: string, aws: InterflowRecord['aws'] | undefined): number {
    const accountId = aws?.account_id ?? '';
    const region = aws?.region ?? '';
    const logGroup = aws?.log_group ?? '';
    // A batch is almost always one log group: compare with the previous record's source before building a key.
    const last = this.lastSource;
    if (last && last.tenant === tenant && last.accountId === accountId && last.region === region && last.logGroup === logGroup) return last.id;
    const id = this.lookUpSource(tenant, accountId, region, logGroup);
    this.lastSource = { tenant, accountId, region, logGroup, id };
    return id;
  }

  private lookUpSource(tenant: string, accountId: string, region: string, logGroup: string): number {
    const key = `${tenant}\u0000${accountId}\u0000${region}\u0000${logGroup}`;
    const cached = this.sourceIds.get(key);
    if (cached !== undefined) return cached;
    const row = this.statements.findSource.get(tenant, accountId, region, logGroup) as { id: number } | undefined;
    const id = row ? row.id : Number(this.statements.insertSource.run(tenant, accountId, region, logGroup).lastInsertRowid);
    this.sourceIds.set(key, id);
    return id;
  }

  async write(records: readonly InterflowRecord[], checkpoint?: Checkpoint): Promise<WriteResult> {
    this.assertOpen();
    validateRecords(records);
    let checkpointText: string | undefined;
    if (checkpoint !== undefined) {
      if (typeof checkpoint.key !== 'string' || checkpoint.key === '') throw new UsageError('checkpoint.key: must be a non-empty string');
      checkpointText = JSON.stringify(checkpoint.value);
      if (checkpointText === undefined) throw new UsageError('checkpoint.value: must be a JSON value');
    }
    const writeTime = this.clock();
    // The first record of each batch takes the full path of writerFor, which marks its partition as written to (the
    // idle sweep must not seal an hour a backfill is still filling).
    this.lastWriter = undefined;
    const newFields: Array<[IndexName, string]> = [];
    const transaction = this.db.transaction(() => {
      let stored = 0;
      // One parameter array for every row, in partitionColumns order (the hot columns sit at 5–13).
      const row: unknown[] = new Array<unknown>(15);
      for (const record of records) {
        const tenant = record.tenant_name ?? '';
        const writer = this.writerFor(record.index, tenant, record.timestamp);
        const sourceId = this.sourceId(tenant, record.aws);
        if (writer.columns !== undefined) {
          // Batched: stored and duplicates are counted from SQLite's changes when the rows go in.
          stored += this.trafficRows.add(writer.columns, record, tenant, sourceId, writeTime);
        } else {
          row[0] = record.timestamp;
          row[1] = tenant;
          row[2] = record.msg_class;
          row[3] = sourceId;
          row[4] = record.aws?.event_id ?? null;
          putHotValues(record, row, 5);
          row[14] = withWriteTime(record, writeTime);
          // Spread: better-sqlite3 binds arguments faster than array elements (traffic-writer.ts).
          const result = (writer.insert as Database.Statement).run(...row);
          if (result.changes === 0) continue;
          stored += 1;
          writer.insertText?.run(result.lastInsertRowid, record.message);
        }
        // Field names of a duplicate were remembered when it was first stored; remembering them again is harmless.
        const known = this.knownFields.get(record.index) as Set<string>;
        for (const key in record) {
          // Field names come from log content: remember only plausible ones, and not without bound.
          if (!known.has(key) && known.size < maxKnownFields && key.length <= 64 && fieldNamePattern.test(key)) {
            known.add(key);
            newFields.push([record.index, key]);
            this.statements.insertField.run(record.index, key);
          }
        }
      }
      stored += this.trafficRows.flush();
      if (checkpoint !== undefined) this.statements.upsertCheckpoint.run(checkpoint.key, checkpointText, writeTime);
      return { stored, duplicates: records.length - stored };
    });
    let result: WriteResult;
    try {
      // IMMEDIATE: take the write lock before the first read. A deferred transaction that reads (partition, source)
      // and then writes fails at once with "database is locked" when another process committed in between (SQLite
      // cannot upgrade a stale snapshot); waiting for the lock instead lets two writers share a file (tested).
      result = transaction.immediate();
    } catch (error) {
      // The transaction rolled back: forget what this batch created (partitions, sources, fields) and re-read it.
      this.trafficRows.discard();
      this.dictionary.forget();
      this.writers.clear();
      this.lastWriter = undefined;
      this.sourceIds.clear();
      this.lastSource = undefined;
      this.tenantIds.clear();
      this.loadFields();
      this.loadOpenPartitions();
      throw new CwcError('store_write_failed', `store write failed, nothing of the batch was stored: ${(error as Error).message}`, { status: 500, cause: error });
    }
    // After the commit: a failed seal (disk full) loses nothing, the partition stays open and searchable.
    try {
      this.sealDue();
    } catch {
      this.loadOpenPartitions();
    }
    return result;
  }

  async readCheckpoint(key: string): Promise<unknown> {
    this.assertOpen();
    const row = this.statements.readCheckpoint.get(key) as { value: string } | undefined;
    return row === undefined ? undefined : JSON.parse(row.value);
  }

  async listCheckpoints(prefix: string): Promise<Checkpoint[]> {
    this.assertOpen();
    const rows = this.statements.listCheckpoints.all(prefix, prefix) as Array<{ key: string; value: string }>;
    return rows.map((row) => ({ key: row.key, value: JSON.parse(row.value) as unknown }));
  }

  async search(request: SearchRequest, scope: TenantScope): Promise<SearchResult> {
    this.assertOpen();
    return this.reader.search(request, scope);
  }

  async count(request: SearchRequest, scope: TenantScope): Promise<Total> {
    this.assertOpen();
    return this.reader.count(request, scope);
  }

  async histogram(request: SearchRequest, scope: TenantScope, options: { intervalMilliseconds?: number; targetBuckets?: number } = {}): Promise<Histogram> {
    this.assertOpen();
    return this.reader.histogram(request, scope, options);
  }

  async topTerms(request: SearchRequest, scope: TenantScope, field: string, size = 10): Promise<TermCount[]> {
    this.assertOpen();
    return this.reader.topTerms(request, scope, field, size);
  }

  async applyRetention(now: number): Promise<RetentionResult> {
    this.assertOpen();
    const dropped: string[] = [];
    for (const partition of this.partitions()) {
      const days = this.retentionDays?.[partition.index];
      if (days === undefined) continue;
      // A day (all its partitions) goes only when all of it is older than the retention window.
      const day = dayStart(partition.start);
      if (day + dayMilliseconds > now - days * dayMilliseconds) continue;
      this.db.transaction(() => {
        this.db.exec(`DROP TABLE IF EXISTS "${partition.name}"; DROP TABLE IF EXISTS "${ftsName(partition.name)}";`);
        this.statements.deletePartition.run(partition.name);
      }).immediate();
      this.writers.delete(partition.name);
      this.openPartitions.delete(partition.name);
      this.lastWriter = undefined;
      const tenant = partition.tenant === '' ? '' : ` tenant ${partition.tenant}`;
      const description = `${partition.index}${tenant} ${new Date(day).toISOString().slice(0, 10)}`;
      if (!dropped.includes(description)) dropped.push(description);
    }
    if (dropped.length > 0) this.db.pragma('incremental_vacuum');
    return { droppedPartitions: dropped };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
