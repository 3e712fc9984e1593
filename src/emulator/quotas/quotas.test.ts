// Quotas: AWS's default TPS per (account, region, API), burst of one second, ThrottlingException "Rate exceeded".
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../iam/defaults.js';
import { startTestEmulator, type TestEmulator } from '../sigv4/testing.js';
import { createQuotaGate, logsTransactionsPerSecond } from './quotas.js';

const credentials = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };

describe('quota table', () => {
  it('follows the CloudWatch Logs quotas page', () => {
    expect(logsTransactionsPerSecond('us-east-1', 'FilterLogEvents')).toBe(25);
    expect(logsTransactionsPerSecond('eu-central-1', 'FilterLogEvents')).toBe(5);
    expect(logsTransactionsPerSecond('us-west-2', 'FilterLogEvents')).toBe(10);
    expect(logsTransactionsPerSecond('us-west-2', 'GetLogEvents')).toBe(10);
    expect(logsTransactionsPerSecond('eu-west-3', 'GetLogEvents')).toBe(30);
    expect(logsTransactionsPerSecond('us-east-1', 'GetLogEvents')).toBe(25);
    expect(logsTransactionsPerSecond('us-east-1', 'DescribeLogGroups')).toBe(10);
    expect(logsTransactionsPerSecond('us-east-1', 'PutLogEvents')).toBe(5000);
  });

  it('refills at the quota rate, separately per account and region', () => {
    let now = 1_000_000;
    const gate = createQuotaGate({ clock: () => now });
    const scope = { accountId: '111122223333', region: 'us-west-2' };
    const granted = (count: number, target = scope) => {
      let ok = 0;
      for (let index = 0; index < count; index += 1) {
        try {
          gate.take(target, 'logs', 'FilterLogEvents');
          ok += 1;
        } catch (error) {
          expect(error).toMatchObject({ code: 'ThrottlingException', message: 'Rate exceeded', status: 400 } satisfies Partial<AwsError>);
        }
      }
      return ok;
    };
    expect(granted(15)).toBe(10);
    now += 500;
    expect(granted(15)).toBe(5);
    expect(granted(30, { accountId: '111122223333', region: 'us-east-1' })).toBe(25);
    expect(granted(15, { accountId: '999999999999', region: 'us-west-2' })).toBe(10);
    now += 60_000; // a long pause never banks more than one second of quota
    expect(granted(30)).toBe(10);
  });
});

describe('quotas through the server', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    const frozen = Date.now();
    emulator = await startTestEmulator({ quotas: true, quotaClock: () => frozen });
  });
  afterAll(async () => emulator.stop());

  async function burst(region: string, count: number): Promise<{ ok: number; throttled: number }> {
    const client = new CloudWatchLogsClient({ region, endpoint: emulator.url, credentials, maxAttempts: 1 });
    const results = await Promise.allSettled(Array.from({ length: count }, () => client.send(new FilterLogEventsCommand({ logGroupName: 'g' }))));
    const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as Error).name === 'ThrottlingException' && (r.reason as Error).message === 'Rate exceeded');
    return { ok: results.filter((r) => r.status === 'fulfilled').length, throttled: throttled.length };
  }

  it('throttles a FilterLogEvents burst at 25 in us-east-1 and at 10 in us-west-2', async () => {
    expect(await burst('us-east-1', 30)).toEqual({ ok: 25, throttled: 5 });
    expect(await burst('us-west-2', 30)).toEqual({ ok: 10, throttled: 20 });
  });

  it('answers STS throttling with the Query code Throttling', async () => {
    const client = new STSClient({ region: 'ap-south-1', endpoint: emulator.url, credentials, maxAttempts: 1 });
    const results = await Promise.allSettled(Array.from({ length: 610 }, () => client.send(new GetCallerIdentityCommand({}))));
    const rejected = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as Error & { $metadata: { httpStatusCode: number } });
    expect(rejected.length).toBe(10);
    expect(rejected[0]).toMatchObject({ name: 'Throttling', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
  });
});
