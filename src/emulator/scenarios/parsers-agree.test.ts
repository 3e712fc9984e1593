// Cross-check with the product's parsers: every demo event is read as its family without a parse error.
// (The emulator's code shares nothing with the collector; only this test looks at both.)
import { expect, it } from 'vitest';
import type { CloudWatchEvent } from '../../core/record.js';
import { parseEvent } from '../../parsers/index.js';
import { demoScenario, VPC_FLOW_CUSTOM_GROUP, VPC_FLOW_GROUP } from './demo.js';
import { CUSTOM_VPC_FLOW_FORMAT } from './families/vpcflow.js';
import { ATTACKER_IP } from './world.js';

const NOW = Date.UTC(2025, 0, 15, 12);
const START = NOW - 10 * 60_000;

const EXPECTED_CLASS: Record<string, string> = {
  [VPC_FLOW_GROUP]: 'aws_cloudwatch_vpcflow',
  [VPC_FLOW_CUSTOM_GROUP]: 'aws_cloudwatch_vpcflow',
  'aws-waf-logs-demo': 'aws_cloudwatch_waf',
  '/aws/events/guardduty': 'aws_guardduty',
};

it('parses every demo event as its family, with the connector configured as the README says', () => {
  const scenario = demoScenario({ accountId: '123456789012', region: 'us-east-1', seed: 5, eventsPerSecond: 20, startTime: START });
  const problems: string[] = [];
  let attackerRejects = 0;
  let eventNumber = 0;
  for (let second = START; second < NOW; second += 1000) {
    for (const generated of scenario.eventsForSecond(second)) {
      const event: CloudWatchEvent = {
        timestamp: generated.timestamp, message: generated.message, logStreamName: generated.logStreamName,
        eventId: String(eventNumber++).padStart(56, '0'), ingestionTime: generated.timestamp + 1000,
      };
      const flowGroup = generated.logGroupName.startsWith('vpc-flow');
      const record = parseEvent(event, {
        logGroup: generated.logGroupName, region: 'us-east-1', accountId: '123456789012', vpcFlowLogs: flowGroup,
        ...(generated.logGroupName === VPC_FLOW_CUSTOM_GROUP ? { vpcFlowLogFormat: CUSTOM_VPC_FLOW_FORMAT } : {}),
      });
      const expected = EXPECTED_CLASS[generated.logGroupName] ?? 'aws_cloudwatch_log';
      if (record.parse_error !== undefined || record.msg_class !== expected) {
        problems.push(`${generated.logGroupName}: ${record.msg_class} ${record.parse_error ?? ''} :: ${generated.message.slice(0, 200)}`);
      }
      if (flowGroup && record.srcip === ATTACKER_IP && record.action === 'REJECT') attackerRejects++;
    }
  }
  expect(problems.slice(0, 5)).toEqual([]);
  // What the README tells people to search for is what the parsers produce.
  expect(attackerRejects).toBeGreaterThan(100);
});
