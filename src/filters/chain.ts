// A connector's filter chain: decides keep/drop per record before storage and counts what each filter matched and dropped.
import type { InterflowRecord } from '../core/record.js';
import type { LogFilter } from './filter.js';
import { compileMatcher, type RecordMatcher } from './matcher.js';

/** Counts for one filter since its chain (or the chain it was carried over from) was built. */
export interface FilterCounters {
  /** Records this filter was evaluated on. */
  evaluated: number;
  /** Records it matched (a drop filter: dropped by it; a keep filter: kept by it). */
  matched: number;
  /** Records dropped because of it: a drop filter's matches; for a keep filter, records that no keep filter matched. */
  dropped: number;
}

export interface FilterCounterSnapshot extends FilterCounters {
  id: string;
  name: string;
  action: LogFilter['action'];
  enabled: boolean;
}

export interface ChainSnapshot {
  /** Records offered to keep(). */
  records: number;
  kept: number;
  dropped: number;
  /** Records a matcher threw on (kept: a filter defect must not lose data). Should stay 0. */
  errors: number;
  filters: FilterCounterSnapshot[];
}

/**
 * A connector's filters in two forms: the definitions (data, which can go to another thread and be compiled there) and
 * the connector's chain, which keeps the counters the status and Log Filters pages show.
 */
export interface ConnectorFilters {
  definitions: readonly LogFilter[];
  chain: FilterChain;
}

interface Compiled {
  filter: LogFilter;
  match: RecordMatcher;
  counters: FilterCounters;
}

/**
 * The rule, in this order, over the chain's enabled filters (disabled ones are kept only for their counters):
 *  1. Drop filters are tried in the given order; the first that matches drops the record (its `matched` and `dropped`
 *     grow; later drop filters do not see the record).
 *  2. Otherwise, with no enabled keep filter, the record is kept.
 *  3. Otherwise keep filters are tried in order; the first that matches keeps the record (its `matched` grows). If none
 *     matches, the record is dropped and every enabled keep filter's `dropped` grows by one.
 * So a drop filter always wins over a keep filter, and keep filters together say "only these".
 */
export class FilterChain {
  private readonly drops: Compiled[];
  private readonly keeps: Compiled[];
  private readonly all: Compiled[];
  private readonly totals = { records: 0, kept: 0, dropped: 0, errors: 0 };

  /**
   * Compiles each filter's query once (a bad query throws QueryError; validate filters with validateLogFilter first).
   * `previous`: the chain this one replaces, e.g. after a filter was edited; counters of filters with the same id carry
   * over (and the chain totals), so a status page does not fall back to zero on every edit.
   */
  constructor(filters: readonly LogFilter[], options: { previous?: FilterChain; now?: number } = {}) {
    const carried = new Map(options.previous?.all.map((c) => [c.filter.id, c.counters]));
    this.all = filters.map((filter) => ({
      filter,
      match: compileMatcher(filter.query, options.now === undefined ? {} : { now: options.now }),
      counters: { ...(carried.get(filter.id) ?? { evaluated: 0, matched: 0, dropped: 0 }) },
    }));
    this.drops = this.all.filter((c) => c.filter.enabled && c.filter.action === 'drop');
    this.keeps = this.all.filter((c) => c.filter.enabled && c.filter.action === 'keep');
    if (options.previous) Object.assign(this.totals, options.previous.totals);
    this.keep = this.keep.bind(this);
  }

  /** True when no enabled filter is attached: the collector may skip calling keep(). */
  get empty(): boolean {
    return this.drops.length === 0 && this.keeps.length === 0;
  }

  /** Fits collectOnce's `keep` hook: true = store the record. Never throws. */
  keep(record: InterflowRecord): boolean {
    this.totals.records += 1;
    if (typeof record !== 'object' || record === null) return this.counted(true);
    try {
      for (const compiled of this.drops) {
        compiled.counters.evaluated += 1;
        if (compiled.match(record)) {
          compiled.counters.matched += 1;
          compiled.counters.dropped += 1;
          return this.counted(false);
        }
      }
      if (this.keeps.length === 0) return this.counted(true);
      for (const compiled of this.keeps) {
        compiled.counters.evaluated += 1;
        if (compiled.match(record)) {
          compiled.counters.matched += 1;
          return this.counted(true);
        }
      }
      for (const compiled of this.keeps) compiled.counters.dropped += 1;
      return this.counted(false);
    } catch {
      this.totals.errors += 1;
      return this.counted(true);
    }
  }

  private counted(kept: boolean): boolean {
    if (kept) this.totals.kept += 1;
    else this.totals.dropped += 1;
    return kept;
  }

  /**
   * Adds what a chain over the same filters counted elsewhere (a store-writer thread filters each page with a chain of
   * its own and reports its snapshot): totals, and each filter's counters by id. Filters this chain lacks are ignored.
   */
  absorb(counted: ChainSnapshot): void {
    this.totals.records += counted.records;
    this.totals.kept += counted.kept;
    this.totals.dropped += counted.dropped;
    this.totals.errors += counted.errors;
    const byId = new Map(this.all.map((compiled) => [compiled.filter.id, compiled.counters]));
    for (const filter of counted.filters) {
      const counters = byId.get(filter.id);
      if (counters === undefined) continue;
      counters.evaluated += filter.evaluated;
      counters.matched += filter.matched;
      counters.dropped += filter.dropped;
    }
  }

  /** A copy of the counters, for status pages and Prometheus (`dropped` per filter id). */
  snapshot(): ChainSnapshot {
    return {
      ...this.totals,
      filters: this.all.map(({ filter, counters }) => ({ id: filter.id, name: filter.name, action: filter.action, enabled: filter.enabled, ...counters })),
    };
  }
}
