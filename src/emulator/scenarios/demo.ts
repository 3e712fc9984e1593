// The `demo` scenario: every log family at a configurable total rate, with the attack story woven through it.
import { backgroundAuditMessage, backgroundAuthenticatorMessage, AUDIT_STREAM, AUTHENTICATOR_STREAM, eksLogGroup } from './families/eks.js';
import {
  API_SERVICE_GROUP, awslogsStreamName, CONTAINER_INSIGHTS_STREAM, containerInsightsGroup, containerInsightsMessages,
  firelensMessage, firelensStreamName, TASKS, WEB_APP_GROUP, webAppLine,
} from './families/ecs.js';
import { backgroundFindingMessage, GUARDDUTY_LOG_GROUP } from './families/guardduty.js';
import { CUSTOM_VPC_FLOW_FORMAT, DEFAULT_VPC_FLOW_FORMAT, formatFields, renderFlow, type FlowRecord } from './families/vpcflow.js';
import { backgroundFlows } from './families/vpctraffic.js';
import { backgroundWafMessage, noiseIp, WAF_LOG_GROUP, wafStreamName } from './families/waf.js';
import { mixSeed, Random } from './random.js';
import { storyForSecond } from './story.js';
import type { GeneratedEvent, LogStreamName, ResolvedScenarioOptions, ScenarioDefinition } from './types.js';
import { buildWorld, flowLogStreamName } from './world.js';

export const VPC_FLOW_GROUP = 'vpc-flow';
export const VPC_FLOW_CUSTOM_GROUP = 'vpc-flow-custom';
/** GuardDuty's background noise: one unrelated finding every this many seconds, whatever the rate. */
const BACKGROUND_FINDING_EVERY_SECONDS = 180;
/** Flow logs report an idle interface once per aggregation interval. */
const NODATA_EVERY_SECONDS = 60;

type Family = 'flow' | 'waf' | 'audit' | 'authenticator' | 'awslogs' | 'firelens';

/** Shares of the background budget, per unit (a flow unit writes 2–8 events, the others one). */
const FAMILY_WEIGHTS: ReadonlyArray<readonly [Family, number]> = [
  ['flow', 30], ['waf', 20], ['audit', 15], ['authenticator', 3], ['awslogs', 20], ['firelens', 12],
];

export function demoScenario(options: ResolvedScenarioOptions): ScenarioDefinition {
  const world = buildWorld(options.accountId, options.region);
  const defaultFields = formatFields(DEFAULT_VPC_FLOW_FORMAT);
  const customFields = formatFields(CUSTOM_VPC_FLOW_FORMAT);
  const eksGroup = eksLogGroup(world);
  const insightsGroup = containerInsightsGroup(world);
  const wafStream = wafStreamName(world);
  const webTasks = TASKS.filter((task) => task.service === 'web-app');
  const apiTasks = TASKS.filter((task) => task.service === 'api-service');

  const streams: LogStreamName[] = [
    ...world.interfaces.map((eni) => ({ logGroupName: VPC_FLOW_GROUP, logStreamName: flowLogStreamName(eni) })),
    ...world.interfaces.map((eni) => ({ logGroupName: VPC_FLOW_CUSTOM_GROUP, logStreamName: flowLogStreamName(eni) })),
    { logGroupName: WAF_LOG_GROUP, logStreamName: wafStream },
    { logGroupName: eksGroup, logStreamName: AUDIT_STREAM },
    { logGroupName: eksGroup, logStreamName: AUTHENTICATOR_STREAM },
    ...webTasks.map((task) => ({ logGroupName: WEB_APP_GROUP, logStreamName: awslogsStreamName(task) })),
    ...apiTasks.map((task) => ({ logGroupName: API_SERVICE_GROUP, logStreamName: firelensStreamName(task) })),
    { logGroupName: insightsGroup, logStreamName: CONTAINER_INSIGHTS_STREAM },
  ];

  function eventsForSecond(secondStart: number): GeneratedEvent[] {
    const second = secondStart / 1000;
    const events: GeneratedEvent[] = [];
    const add = (logGroupName: string, logStreamName: string, timestamp: number, message: string) => {
      if (timestamp >= options.startTime) events.push({ logGroupName, logStreamName, timestamp, message });
    };
    // Both flow logs (default and custom format) watch every interface, so each record lands in both groups.
    const flows = (timestamp: number, records: FlowRecord[]) => {
      for (const record of records) {
        const stream = flowLogStreamName(record.eni);
        add(VPC_FLOW_GROUP, stream, timestamp, renderFlow(record, defaultFields, world));
        add(VPC_FLOW_CUSTOM_GROUP, stream, timestamp, renderFlow(record, customFields, world));
      }
    };
    const guardDuty = (timestamp: number, message: string) => add(GUARDDUTY_LOG_GROUP, guardDutyStreamName(message), timestamp, message);

    // Fixed events first: the story and the once-a-minute records do not depend on the rate.
    storyForSecond(options.seed, world, options.startTime, secondStart, {
      flows,
      waf: (timestamp, message) => add(WAF_LOG_GROUP, wafStream, timestamp, message),
      guardDuty,
      eksAudit: (timestamp, message) => add(eksGroup, AUDIT_STREAM, timestamp, message),
      eksAuthenticator: (timestamp, message) => add(eksGroup, AUTHENTICATOR_STREAM, timestamp, message),
    });
    const periodic = new Random(mixSeed(options.seed, second, 0x9e71));
    if (second % NODATA_EVERY_SECONDS === 7) {
      const endSeconds = second - 1;
      flows(secondStart + periodic.int(0, 999), [{ eni: world.batch, startSeconds: endSeconds - 59, endSeconds, logStatus: 'NODATA' }]);
    }
    if (second % 60 === 0) {
      for (const message of containerInsightsMessages(periodic, world, secondStart)) add(insightsGroup, CONTAINER_INSIGHTS_STREAM, secondStart + periodic.int(0, 999), message);
    }
    if (second % BACKGROUND_FINDING_EVERY_SECONDS === 95) {
      const timestamp = secondStart + periodic.int(0, 999);
      guardDuty(timestamp, backgroundFindingMessage(periodic, world, timestamp, noiseIp(periodic)));
    }

    // Then background traffic fills this second's share of the rate; the share is computed on absolute seconds so
    // N seconds hold ⌊R·N⌋ events give or take one, with no drift and no state between seconds.
    const budget = Math.floor(options.eventsPerSecond * (second + 1)) - Math.floor(options.eventsPerSecond * second);
    const random = new Random(mixSeed(options.seed, second, 0xb4c6));
    const background: GeneratedEvent[] = [];
    const push = (logGroupName: string, logStreamName: string, timestamp: number, message: string) => {
      background.push({ logGroupName, logStreamName, timestamp, message });
    };
    while (events.length + background.length < budget) {
      const timestamp = secondStart + random.int(0, 999);
      switch (random.weighted(FAMILY_WEIGHTS)) {
        case 'flow':
          for (const record of backgroundFlows(random, world, timestamp)) {
            const stream = flowLogStreamName(record.eni);
            push(VPC_FLOW_GROUP, stream, timestamp, renderFlow(record, defaultFields, world));
            push(VPC_FLOW_CUSTOM_GROUP, stream, timestamp, renderFlow(record, customFields, world));
          }
          break;
        case 'waf':
          push(WAF_LOG_GROUP, wafStream, timestamp, backgroundWafMessage(random, world, timestamp));
          break;
        case 'audit':
          push(eksGroup, AUDIT_STREAM, timestamp, backgroundAuditMessage(random, world, timestamp));
          break;
        case 'authenticator':
          push(eksGroup, AUTHENTICATOR_STREAM, timestamp, backgroundAuthenticatorMessage(random, world, timestamp));
          break;
        case 'awslogs': {
          const task = random.pick(webTasks);
          push(WEB_APP_GROUP, awslogsStreamName(task), timestamp, webAppLine(random, world, timestamp));
          break;
        }
        default: {
          const task = random.pick(apiTasks);
          push(API_SERVICE_GROUP, firelensStreamName(task), timestamp, firelensMessage(random, world, timestamp, task));
        }
      }
    }
    // A multi-record unit can overshoot; trimming keeps the rate exact (a flow missing its reply is still valid).
    const room = Math.max(0, budget - events.length);
    for (const event of background.slice(0, room)) if (event.timestamp >= options.startTime) events.push(event);
    return events;
  }

  const logGroups = [...new Set([...streams.map((stream) => stream.logGroupName), GUARDDUTY_LOG_GROUP])];
  return { logGroups, streams, eventsForSecond };
}

/**
 * EventBridge's CloudWatch Logs target writes each event into a new stream named after the event's id, so the
 * GuardDuty group gains a stream per finding event (streams not in `streams` are created on first write).
 */
export function guardDutyStreamName(message: string): string {
  const id = (JSON.parse(message) as { id?: unknown }).id;
  if (typeof id !== 'string') throw new Error('a GuardDuty event without an id');
  return id;
}
