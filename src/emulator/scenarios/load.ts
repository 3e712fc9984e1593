// The `load` scenario: only default-format VPC Flow records, at a high rate, for benchmarks and soak tests.
import { DEFAULT_VPC_FLOW_FORMAT, formatFields, renderFlow } from './families/vpcflow.js';
import { backgroundFlows } from './families/vpctraffic.js';
import { mixSeed, Random } from './random.js';
import type { GeneratedEvent, ResolvedScenarioOptions, ScenarioDefinition } from './types.js';
import { buildWorld, flowLogStreamName } from './world.js';

export const LOAD_LOG_GROUP = 'vpc-flow';
export const LOAD_DEFAULT_EVENTS_PER_SECOND = 2000;

export function loadScenario(options: ResolvedScenarioOptions): ScenarioDefinition {
  const world = buildWorld(options.accountId, options.region);
  const fields = formatFields(DEFAULT_VPC_FLOW_FORMAT);
  const streams = world.interfaces.map((eni) => ({ logGroupName: LOAD_LOG_GROUP, logStreamName: flowLogStreamName(eni) }));

  function eventsForSecond(secondStart: number): GeneratedEvent[] {
    const second = secondStart / 1000;
    const budget = Math.floor(options.eventsPerSecond * (second + 1)) - Math.floor(options.eventsPerSecond * second);
    const random = new Random(mixSeed(options.seed, second, 0x10ad));
    const events: GeneratedEvent[] = [];
    // Events before the timeline's start still use up their share, so the rate does not depend on where it starts.
    let produced = 0;
    while (produced < budget) {
      const timestamp = secondStart + random.int(0, 999);
      for (const record of backgroundFlows(random, world, timestamp)) {
        if (produced >= budget) break;
        produced++;
        if (timestamp < options.startTime) continue;
        events.push({ logGroupName: LOAD_LOG_GROUP, logStreamName: flowLogStreamName(record.eni), timestamp, message: renderFlow(record, fields, world) });
      }
    }
    return events;
  }

  return { logGroups: [LOAD_LOG_GROUP], streams, eventsForSecond };
}
