import { describe, expect, it } from 'vitest';
import { defaultQuotaPerSecond } from './quotas.js';
import { RateBudget, RateBudgets } from './rate-budget.js';

describe('RateBudget', () => {
  it('grants a one-second burst at once, then paces to the ceiling', async () => {
    const budget = new RateBudget(40);
    const start = performance.now();
    for (let i = 0; i < 40; i++) await budget.acquire();
    expect(performance.now() - start).toBeLessThan(50);
    for (let i = 0; i < 10; i++) await budget.acquire();
    const elapsed = performance.now() - start;
    // 10 more tokens at 40/s take about 250 ms.
    expect(elapsed).toBeGreaterThan(200);
    expect(elapsed).toBeLessThan(2000);
    expect(budget.stats().granted).toBe(50);
  });

  it('serves live waiters before backfill waiters', async () => {
    const budget = new RateBudget(20);
    for (let i = 0; i < 20; i++) await budget.acquire();
    const order: string[] = [];
    const waits = [
      budget.acquire('backfill').then(() => order.push('backfill-1')),
      budget.acquire('backfill').then(() => order.push('backfill-2')),
      budget.acquire('live').then(() => order.push('live-1')),
      budget.acquire('live').then(() => order.push('live-2')),
    ];
    await Promise.all(waits);
    expect(order).toEqual(['live-1', 'live-2', 'backfill-1', 'backfill-2']);
  });

  it('slows down on throttling and recovers on success, never above the ceiling', () => {
    const budget = new RateBudget(10);
    budget.onThrottle();
    budget.onThrottle();
    expect(budget.stats().ratePerSecond).toBeCloseTo(4.9, 5);
    expect(budget.stats().throttles).toBe(2);
    for (let i = 0; i < 1000; i++) budget.onSuccess();
    expect(budget.stats().ratePerSecond).toBe(10);
  });

  it('rejects a waiter whose signal aborts, and keeps serving the others', async () => {
    const budget = new RateBudget(10);
    for (let i = 0; i < 10; i++) await budget.acquire();
    const controller = new AbortController();
    const aborted = budget.acquire('live', controller.signal);
    const other = budget.acquire('live');
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    await other;
    expect(budget.stats().waiting).toBe(0);
  });
});

describe('RateBudgets', () => {
  it('shares one budget per account, Region and API, at the quota share', () => {
    const budgets = new RateBudgets({ quotaShare: 0.8 });
    expect(budgets.get('111', 'us-east-1', 'FilterLogEvents')).toBe(budgets.get('111', 'us-east-1', 'FilterLogEvents'));
    expect(budgets.get('111', 'us-east-1', 'FilterLogEvents')).not.toBe(budgets.get('222', 'us-east-1', 'FilterLogEvents'));
    expect(budgets.get('111', 'us-east-1', 'FilterLogEvents').ceilingPerSecond).toBe(20);
    expect(budgets.get('111', 'us-west-2', 'FilterLogEvents').ceilingPerSecond).toBe(8);
    expect(budgets.get('111', 'eu-central-1', 'FilterLogEvents').ceilingPerSecond).toBe(4);
  });

  it('knows the per-Region GetLogEvents quotas', () => {
    expect(defaultQuotaPerSecond('GetLogEvents', 'us-west-2')).toBe(10);
    expect(defaultQuotaPerSecond('GetLogEvents', 'eu-west-3')).toBe(30);
    expect(defaultQuotaPerSecond('GetLogEvents', 'us-east-1')).toBe(25);
  });
});
