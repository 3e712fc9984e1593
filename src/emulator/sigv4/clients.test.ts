// Real AWS clients (SDK v3, boto3, AWS CLI v2) must pass SigV4; wrong keys, skew and expired sessions must fail as on AWS.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCOUNT_ID, DEFAULT_ROLE_ARN, DEFAULT_SECRET_ACCESS_KEY, DEFAULT_USER_ARN } from '../iam/defaults.js';
import { startTestEmulator, type TestEmulator } from './testing.js';

const run = promisify(execFile);
const credentials = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };

/** Environment of §7: fake keys, no IMDS, no user profile files. */
function awsEnv(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: '/nonexistent',
    AWS_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: DEFAULT_SECRET_ACCESS_KEY,
    AWS_DEFAULT_REGION: 'us-west-2',
    AWS_REGION: 'us-west-2',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    ...overrides,
  };
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const typed = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: typed.name, message: typed.message, status: typed.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

describe('SigV4 with real clients', () => {
  let emulator: TestEmulator;
  let offsetMilliseconds = 0;
  beforeAll(async () => {
    emulator = await startTestEmulator({ clock: () => Date.now() + offsetMilliseconds });
  });
  afterAll(async () => emulator.stop());

  const logsClient = (extra: Partial<ConstructorParameters<typeof CloudWatchLogsClient>[0]> = {}) =>
    new CloudWatchLogsClient({ region: 'us-west-2', endpoint: emulator.url, credentials, maxAttempts: 1, ...extra });
  const stsClient = (extra: Partial<ConstructorParameters<typeof STSClient>[0]> = {}) => new STSClient({ region: 'us-west-2', endpoint: emulator.url, credentials, maxAttempts: 1, ...extra });

  it('accepts SDK v3 Logs and STS requests and serves the scope region', async () => {
    await logsClient().send(new CreateLogGroupCommand({ logGroupName: '/sdk/a' }));
    await logsClient({ region: 'eu-west-3' }).send(new DescribeLogGroupsCommand({}));
    expect(emulator.calls.slice(-2).map((call) => [call.operation, call.scope.accountId, call.scope.region])).toEqual([
      ['CreateLogGroup', DEFAULT_ACCOUNT_ID, 'us-west-2'],
      ['DescribeLogGroups', DEFAULT_ACCOUNT_ID, 'eu-west-3'],
    ]);
    const identity = await stsClient().send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: DEFAULT_ACCOUNT_ID, Arn: DEFAULT_USER_ARN });
    expect(identity.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
  });

  it('accepts boto3 (botocore signs only 4 headers)', async () => {
    const script = [
      'import boto3, json, sys',
      'kw = dict(endpoint_url=sys.argv[1], region_name="ap-south-1")',
      'boto3.client("logs", **kw).describe_log_groups(limit=5)',
      'print(json.dumps(boto3.client("sts", **kw).get_caller_identity()["Arn"]))',
    ].join('\n');
    const { stdout } = await run('python3', ['-c', script, emulator.url], { env: awsEnv() });
    expect(JSON.parse(stdout)).toBe(DEFAULT_USER_ARN);
    expect(emulator.calls.at(-1)).toMatchObject({ operation: 'DescribeLogGroups', scope: { region: 'ap-south-1' }, input: { limit: 5 } });
  });

  it('accepts boto3 session credentials from AssumeRole (x-amz-security-token signed)', async () => {
    const script = [
      'import boto3, json, sys',
      'kw = dict(endpoint_url=sys.argv[1], region_name="us-west-2")',
      'c = boto3.client("sts", **kw).assume_role(RoleArn=sys.argv[2], RoleSessionName="boto", DurationSeconds=900)["Credentials"]',
      'session = dict(aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])',
      'boto3.client("logs", **kw, **session).describe_log_groups()',
      'print(json.dumps(boto3.client("sts", **kw, **session).get_caller_identity()["Arn"]))',
    ].join('\n');
    const { stdout } = await run('python3', ['-c', script, emulator.url, DEFAULT_ROLE_ARN], { env: awsEnv() });
    expect(JSON.parse(stdout)).toBe(`arn:aws:sts::${DEFAULT_ACCOUNT_ID}:assumed-role/cwc-demo-role/boto`);
  });

  it('accepts the AWS CLI v2', async () => {
    const { stdout } = await run('/usr/bin/aws', ['--endpoint-url', emulator.url, 'sts', 'get-caller-identity', '--output', 'json'], { env: awsEnv() });
    expect(JSON.parse(stdout)).toMatchObject({ Account: DEFAULT_ACCOUNT_ID, Arn: DEFAULT_USER_ARN });
    await run('/usr/bin/aws', ['--endpoint-url', `${emulator.url}/`, 'logs', 'create-log-group', '--log-group-name', '/cli/group'], { env: awsEnv() });
    expect(emulator.calls.at(-1)).toMatchObject({ operation: 'CreateLogGroup', input: { logGroupName: '/cli/group' }, scope: { region: 'us-west-2' } });
  });

  it('rejects a wrong secret and an unknown key with each service’s codes', async () => {
    const wrong = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: 'not-the-secret' };
    expect(await errorOf(logsClient({ credentials: wrong }).send(new DescribeLogGroupsCommand({})))).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
    expect(await errorOf(stsClient({ credentials: wrong }).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    const unknown = { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' };
    expect(await errorOf(logsClient({ credentials: unknown }).send(new DescribeLogGroupsCommand({})))).toEqual({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      status: 400,
    });
    expect(await errorOf(stsClient({ credentials: unknown }).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
    const before = emulator.calls.length;
    const cli = await errorOf(run('/usr/bin/aws', ['--endpoint-url', emulator.url, 'logs', 'describe-log-groups'], { env: awsEnv({ AWS_SECRET_ACCESS_KEY: 'bad' }) }));
    expect(cli.message).toContain('InvalidSignatureException');
    expect(emulator.calls.length).toBe(before);
  });

  it('rejects requests signed too far in the past or future, with AWS’s messages and windows', async () => {
    try {
      offsetMilliseconds = 6 * 60_000; // the client is 6 min slow: outside Logs' 5 min, inside STS' 15 min
      const expired = await errorOf(logsClient().send(new DescribeLogGroupsCommand({})));
      expect(expired.name).toBe('InvalidSignatureException');
      expect(expired.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
      await stsClient().send(new GetCallerIdentityCommand({}));
      offsetMilliseconds = 16 * 60_000;
      expect((await errorOf(stsClient().send(new GetCallerIdentityCommand({})))).message).toMatch(/^Signature expired: .* \(\d{8}T\d{6}Z - 15 min\.\)$/);
      offsetMilliseconds = -16 * 60_000; // the client is fast
      const future = await errorOf(stsClient().send(new GetCallerIdentityCommand({})));
      expect(future).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
      expect(future.message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/);
      expect((await errorOf(logsClient().send(new DescribeLogGroupsCommand({})))).message).toMatch(/^Signature not yet current: .* \+ 5 min\.\)$/);
    } finally {
      offsetMilliseconds = 0;
    }
  });

  it('lets SDK v3 with a clock 20 min slow recover through its clock-skew correction', async () => {
    const client = logsClient({ systemClockOffset: -20 * 60_000, maxAttempts: 3 });
    await client.send(new DescribeLogGroupsCommand({}));
    expect(Math.abs(client.config.systemClockOffset)).toBeLessThan(5_000);
  });

  it('lets SDK v3 with a clock 20 min fast fail once, correct its offset from Date, and succeed on the next call', async () => {
    const client = logsClient({ systemClockOffset: 20 * 60_000, maxAttempts: 3 });
    await expect(client.send(new DescribeLogGroupsCommand({}))).rejects.toThrow(/^Signature not yet current: /);
    await client.send(new DescribeLogGroupsCommand({}));
  });

  it('expires session credentials: ExpiredTokenException (Logs) and ExpiredToken (STS)', async () => {
    const assumed = await stsClient().send(new AssumeRoleCommand({ RoleArn: DEFAULT_ROLE_ARN, RoleSessionName: 'short', DurationSeconds: 900 }));
    const session = { accessKeyId: assumed.Credentials?.AccessKeyId as string, secretAccessKey: assumed.Credentials?.SecretAccessKey as string, sessionToken: assumed.Credentials?.SessionToken as string };
    expect(session.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect((assumed.Credentials?.Expiration as Date).getTime() - Date.now()).toBeGreaterThan(890_000);
    await logsClient({ credentials: session }).send(new DescribeLogGroupsCommand({}));
    const withoutToken = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey };
    expect((await errorOf(logsClient({ credentials: withoutToken }).send(new DescribeLogGroupsCommand({})))).name).toBe('UnrecognizedClientException');
    try {
      offsetMilliseconds = 901_000;
      expect(await errorOf(logsClient({ credentials: session }).send(new DescribeLogGroupsCommand({})))).toEqual({
        name: 'ExpiredTokenException',
        message: 'The security token included in the request is expired',
        status: 400,
      });
      expect(await errorOf(stsClient({ credentials: session }).send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'ExpiredToken', status: 403 });
    } finally {
      offsetMilliseconds = 0;
    }
  });
});
