// The `load` scenario: only default-format VPC Flow records, at the asked rate, with no backfill by default.
import { describe, expect, it } from 'vitest';
import { createLogsService } from '../logs/index.js';
import { startScenario } from './index.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0, 900);

describe('the load scenario', () => {
  it('writes R default-format flow records per second into vpc-flow only', () => {
    let time = NOW;
    const logs = createLogsService({ clock: () => time });
    const scenario = startScenario('load', logs, { accountId: '123456789012', region: 'eu-west-1', eventsPerSecond: 5000, clock: () => time });
    expect(scenario.logGroups).toEqual(['vpc-flow']);
    // No backfill: the first tick has nothing due yet.
    expect(scenario.tick(NOW)).toBe(0);
    time = NOW + 10_000;
    const written = scenario.tick(time);
    // Ten whole seconds have ended (the first one partly before the start).
    expect(written).toBeGreaterThan(9 * 5000);
    expect(written).toBeLessThanOrEqual(10 * 5000);
    const events = [...logs.exportEvents()];
    expect(events).toHaveLength(written);
    expect(events.every((event) => event.logGroupName === 'vpc-flow' && event.message.split(' ').length === 14)).toBe(true);
    expect(events.every((event) => event.timestamp >= NOW && event.timestamp < time)).toBe(true);
  });
});
