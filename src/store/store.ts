// The backend-neutral Interflow store: transactional writes with checkpoints, tenant-scoped search, aggregations, retention.
import { CwcError } from '../core/errors.js';
import type { IndexName, InterflowRecord } from '../core/record.js';

/** A source's resume point, committed in the same transaction as the records read up to it. */
export interface Checkpoint {
  key: string;
  /** Any JSON value; the store returns it unchanged. */
  value: unknown;
}

export interface WriteResult {
  /** Records newly stored. */
  stored: number;
  /** Records skipped because an event with the same identity was already stored (or earlier in this batch). */
  duplicates: number;
}

/**
 * Which tenants a search may see. Required on every search so no caller can forget it: records of a tenant outside
 * the scope are never returned, counted or aggregated. Records without `tenant_name` belong to the tenant ''.
 */
export type TenantScope = { tenants: readonly string[] } | { allTenants: true };

export type SortOrder = 'desc' | 'asc';

export interface SearchRequest {
  /** Default: both indices. */
  indices?: readonly IndexName[];
  /** CONTRACT query language; empty or `*` = everything. */
  query?: string;
  /** Inclusive lower bound on `timestamp`, epoch ms. */
  from?: number;
  /** Exclusive upper bound on `timestamp`, epoch ms. */
  to?: number;
  /** Hits per page; default 100, at most maxPageSize. */
  size?: number;
  /** By `timestamp`; default 'desc' (newest first). */
  sort?: SortOrder;
  /** `nextCursor` of the previous page (search-after: stays correct while new data arrives). */
  after?: string;
  /** Count exactly up to this many, then report `gte`; default 10,000. */
  totalBound?: number;
}

export interface Total {
  value: number;
  relation: 'eq' | 'gte';
}

export interface SearchResult {
  total: Total;
  hits: InterflowRecord[];
  /** Pass as `after` for the next page; absent on the last page. */
  nextCursor?: string;
}

export interface HistogramBucket {
  /** Bucket start, epoch ms. */
  key: number;
  count: number;
}

export interface Histogram {
  intervalMilliseconds: number;
  buckets: HistogramBucket[];
}

export interface TermCount {
  term: string | number;
  count: number;
}

export interface RetentionResult {
  /** Descriptions of the time partitions dropped, e.g. `traffic 2026-01-31`. */
  droppedPartitions: string[];
}

export interface StoreOptions {
  /** Days of data each index keeps; absent = forever. */
  retentionDays?: Partial<Record<IndexName, number>>;
  /** Sets `write_time`; tests pass a fixed clock. */
  clock?: () => number;
  /**
   * Memory the store may use for caching pages, MiB. Large values speed up ingest and search on big days; a
   * collector that only writes keeps its footprint small with a few dozen. Default 256.
   */
  cacheMebibytes?: number;
  /**
   * Open an existing store for searching only (a search thread beside the writer): no schema changes, no sealing of
   * partitions, and SQLite refuses any write. Default false.
   */
  readOnly?: boolean;
  /**
   * How long one search, count, histogram or top-terms call may run before it stops with a 503 `search_timeout`,
   * milliseconds; checked between time partitions. Default: no limit (the service's search threads set one).
   */
  searchTimeLimitMilliseconds?: number;
}

export const maxPageSize = 10_000;
export const defaultPageSize = 100;
export const defaultTotalBound = 10_000;
export const maxTopTerms = 1_000;
export const maxHistogramBuckets = 1_000;

export interface InterflowStore {
  /**
   * Stores the records and the checkpoint in one transaction: after a crash either both are there or neither.
   * Idempotent: a record whose (tenant, aws.account_id, aws.region, aws.log_group, aws.event_id) is already stored is
   * skipped and counted as a duplicate. Records without `aws.event_id` have no identity and are always stored.
   * Invalid records throw a 400 CwcError naming the record and field, and nothing of the batch is written.
   */
  write(records: readonly InterflowRecord[], checkpoint?: Checkpoint): Promise<WriteResult>;
  readCheckpoint(key: string): Promise<unknown>;
  /** Every checkpoint whose key starts with `prefix`, by key. */
  listCheckpoints(prefix: string): Promise<Checkpoint[]>;
  search(request: SearchRequest, scope: TenantScope): Promise<SearchResult>;
  count(request: SearchRequest, scope: TenantScope): Promise<Total>;
  /** A date histogram of the matching records; the interval is chosen for about `targetBuckets` bars (default 60). */
  histogram(request: SearchRequest, scope: TenantScope, options?: { intervalMilliseconds?: number; targetBuckets?: number }): Promise<Histogram>;
  /** The `size` most frequent values of `field` among the matching records (exact counts). */
  topTerms(request: SearchRequest, scope: TenantScope, field: string, size?: number): Promise<TermCount[]>;
  /** Drops whole time partitions older than each index's retention. */
  applyRetention(now: number): Promise<RetentionResult>;
  close(): Promise<void>;
}

/** A search stopped at its time limit: the same query would run as long again, so the answer says what to change. */
export class SearchTimeoutError extends CwcError {
  constructor(limitMilliseconds: number) {
    super(
      'search_timeout',
      `the search ran longer than its limit of ${limitMilliseconds / 1000} s and was stopped; narrow the time range or make the query more specific (an exact field value rather than a bare word or a leading wildcard)`,
      { status: 503 },
    );
    this.name = 'SearchTimeoutError';
  }
}
