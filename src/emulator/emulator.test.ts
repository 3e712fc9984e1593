// The composed emulator: real Logs data plane behind SigV4/IAM/quotas, IAM files, late ingestion and the internal endpoints.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, CreateLogStreamCommand, FilterLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './emulator.js';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCOUNT_ID, DEFAULT_SECRET_ACCESS_KEY } from './iam/defaults.js';

const credentials = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };

describe('startEmulator', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => emulator?.stop());

  async function seed(client: CloudWatchLogsClient, messages: string[]): Promise<void> {
    await client.send(new CreateLogGroupCommand({ logGroupName: 'vpc-flow' }));
    await client.send(new CreateLogStreamCommand({ logGroupName: 'vpc-flow', logStreamName: 'eni-1' }));
    const now = Date.now();
    await client.send(new PutLogEventsCommand({ logGroupName: 'vpc-flow', logStreamName: 'eni-1', logEvents: messages.map((message, index) => ({ timestamp: now - 1000 + index, message })) }));
  }

  it('serves the default account end to end and exports the ground truth', async () => {
    emulator = await startEmulator({ port: 0 });
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new CloudWatchLogsClient({ region: 'us-west-2', endpoint: emulator.url, credentials });
    await seed(client, ['first', 'second']);
    const page = await client.send(new FilterLogEventsCommand({ logGroupName: 'vpc-flow' }));
    expect(page.events?.map((event) => event.message)).toEqual(['first', 'second']);

    const health = await fetch(`${emulator.url}/_emulator/health`);
    expect(await health.json()).toEqual({ status: 'ok', events: 2 });
    const truth = (await (await fetch(`${emulator.url}/_emulator/ground-truth`)).text()).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(truth.map((event) => [event.accountId, event.region, event.logGroupName, event.message, event.eventId])).toEqual(
      page.events?.map((event) => [DEFAULT_ACCOUNT_ID, 'us-west-2', 'vpc-flow', event.message, event.eventId]),
    );
    expect(await (await fetch(`${emulator.url}/_emulator/ground-truth?region=eu-west-1`)).text()).toBe('');
  });

  it('keeps late events invisible to reads and to the ground truth until their time comes', async () => {
    emulator = await startEmulator({ port: 0, faults: 'late=1:3600', seed: 3 });
    const client = new CloudWatchLogsClient({ region: 'us-east-1', endpoint: emulator.url, credentials });
    await seed(client, ['late-1', 'late-2', 'late-3']);
    const page = await client.send(new FilterLogEventsCommand({ logGroupName: 'vpc-flow' }));
    expect(page.events ?? []).toHaveLength(0); // a 0 ms draw out of 3.6 s is possible only with probability ~1e-9
    expect(emulator.logs.eventCount()).toBe(3);
    expect([...emulator.logs.exportEvents({ visibleAt: Date.now() + 3_600_000 })]).toHaveLength(3);
  });

  it('loads accounts from an IAM file and rejects a bad one with the field path', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cwc-emulator-'));
    const file = join(directory, 'iam.json');
    const user = { name: 'connector', accessKeyId: 'AKIACONNECTOR0000001', secretAccessKey: 's3cret', policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] }] };
    writeFileSync(file, JSON.stringify({ accounts: [{ id: '001000000433', users: [user] }] }));
    emulator = await startEmulator({ port: 0, iam: file });
    const identity = await new STSClient({ region: 'us-west-2', endpoint: emulator.url, credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey } }).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:iam::001000000433:user/connector');
    await expect(new STSClient({ region: 'us-west-2', endpoint: emulator.url, credentials, maxAttempts: 1 }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    writeFileSync(file, JSON.stringify({ accounts: [{ id: '001000000433', users: [{ ...user, accessKeyId: 'bad' }] }] }));
    await expect(startEmulator({ port: 0, iam: file })).rejects.toThrow(/iam\.json: accounts\[0\]\.users\[0\]\.accessKeyId/);
  });

  it('runs a scenario in the first account and region us-east-1, visible to a client and in the ground truth', async () => {
    emulator = await startEmulator({ port: 0, scenario: 'demo', eventsPerSecond: 5, seed: 11 });
    expect(emulator.scenario).toMatchObject({ accountId: DEFAULT_ACCOUNT_ID, region: 'us-east-1' });
    const client = new CloudWatchLogsClient({ region: 'us-east-1', endpoint: emulator.url, credentials });
    const groups = await client.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((group) => group.logGroupName).sort()).toEqual([...(emulator.scenario?.logGroups ?? [])].sort());
    const truth = (await (await fetch(`${emulator.url}/_emulator/ground-truth?region=us-east-1`)).text()).trim().split('\n');
    expect(truth.length).toBeGreaterThan(100); // the demo backfills its last minutes at start
    await expect(startEmulator({ port: 0, scenario: 'nope' })).rejects.toThrow("--scenario: unknown scenario 'nope'");
  });

  it('reports its own clock in the Date header, so SDK v3 corrects its skew against an emulator running 2 h ahead', async () => {
    emulator = await startEmulator({ port: 0, clock: () => Date.now() + 2 * 3600_000 });
    const client = new CloudWatchLogsClient({ region: 'us-east-1', endpoint: emulator.url, credentials });
    await client.send(new DescribeLogGroupsCommand({}));
    expect(client.config.systemClockOffset).toBeGreaterThan(2 * 3600_000 - 60_000);
  });

  it('rejects a bad --faults spec before listening', async () => {
    await expect(startEmulator({ port: 0, faults: 'late=2' })).rejects.toThrow("--faults: 'late=2'");
  });
});
