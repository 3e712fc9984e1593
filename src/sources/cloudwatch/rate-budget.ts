// A shared, adaptive request budget per (account, Region, API): live reads go first, throttling slows it down.
import { systemClock, type Clock } from '../../core/clock.js';
import { defaultQuotaPerSecond, type BudgetedApi } from './quotas.js';

export type Priority = 'live' | 'backfill';

export interface BudgetStats {
  ceilingPerSecond: number;
  ratePerSecond: number;
  granted: number;
  throttles: number;
  waiting: number;
}

interface Waiter {
  priority: Priority;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/** After a throttle the rate drops to this share of what it was (the SDK's adaptive mode uses 0.7 too). */
const THROTTLE_BACKOFF = 0.7;
/** Each success wins back this share of the ceiling, so full speed returns within a few seconds of calm. */
const RECOVERY_STEP = 0.02;
const MINIMUM_RATE_PER_SECOND = 0.2;

/**
 * A token bucket whose rate starts at the ceiling (the quota share we allow ourselves), shrinks on throttling and
 * recovers on success. Tokens are handed to live waiters before backfill waiters, FIFO within a priority.
 */
export class RateBudget {
  readonly ceilingPerSecond: number;
  private rate: number;
  private tokens: number;
  private refilledAt: number;
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private granted = 0;
  private throttles = 0;

  constructor(ceilingPerSecond: number, private readonly clock: Clock = systemClock) {
    this.ceilingPerSecond = ceilingPerSecond;
    this.rate = ceilingPerSecond;
    // Burst of one second's worth: measured over any second we never exceed the quota share.
    this.tokens = Math.max(1, ceilingPerSecond);
    this.refilledAt = clock();
  }

  /** Resolves when a request may be sent. */
  acquire(priority: Priority = 'live', signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.granted += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const index = this.waiters.indexOf(waiter);
          if (index !== -1) this.waiters.splice(index, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      // Live waiters queue ahead of every backfill waiter.
      const insertAt = priority === 'live' ? this.waiters.findIndex((w) => w.priority === 'backfill') : -1;
      if (insertAt === -1) this.waiters.push(waiter);
      else this.waiters.splice(insertAt, 0, waiter);
      this.schedule();
    });
  }

  /** AWS answered ThrottlingException: someone else uses the quota too, so slow down. */
  onThrottle(): void {
    this.throttles += 1;
    this.refill();
    this.rate = Math.max(MINIMUM_RATE_PER_SECOND, this.rate * THROTTLE_BACKOFF);
    this.tokens = Math.min(this.tokens, 0);
  }

  onSuccess(): void {
    if (this.rate < this.ceilingPerSecond) this.rate = Math.min(this.ceilingPerSecond, this.rate + this.ceilingPerSecond * RECOVERY_STEP);
  }

  stats(): BudgetStats {
    return { ceilingPerSecond: this.ceilingPerSecond, ratePerSecond: this.rate, granted: this.granted, throttles: this.throttles, waiting: this.waiters.length };
  }

  private refill(): void {
    const now = this.clock();
    const elapsedSeconds = Math.max(0, now - this.refilledAt) / 1000;
    this.refilledAt = now;
    this.tokens = Math.min(Math.max(1, this.rate), this.tokens + elapsedSeconds * this.rate);
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiters.length === 0) return;
    const delayMilliseconds = Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, delayMilliseconds);
  }

  private drain(): void {
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1) {
      const waiter = this.waiters.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.tokens -= 1;
      this.granted += 1;
      waiter.resolve();
    }
    this.schedule();
  }
}

export interface RateBudgetsOptions {
  /** Share of AWS's default quota the collector allows itself, leaving the rest to people and other tools. */
  quotaShare?: number;
  /** Explicit ceilings (requests/s) per API, e.g. when an account has a raised quota. */
  overrides?: Partial<Record<BudgetedApi, number>>;
  clock?: Clock;
}

export const DEFAULT_QUOTA_SHARE = 0.8;

/** Every budget of the process, one per (account, Region, API), shared by all connectors. */
export class RateBudgets {
  private readonly budgets = new Map<string, RateBudget>();
  constructor(private readonly options: RateBudgetsOptions = {}) {}

  get(accountId: string, region: string, api: BudgetedApi): RateBudget {
    const key = `${accountId}/${region}/${api}`;
    let budget = this.budgets.get(key);
    if (!budget) {
      const ceiling = this.options.overrides?.[api] ?? defaultQuotaPerSecond(api, region) * (this.options.quotaShare ?? DEFAULT_QUOTA_SHARE);
      budget = new RateBudget(ceiling, this.options.clock);
      this.budgets.set(key, budget);
    }
    return budget;
  }

  all(): Array<{ key: string; stats: BudgetStats }> {
    return [...this.budgets].map(([key, budget]) => ({ key, stats: budget.stats() }));
  }
}
