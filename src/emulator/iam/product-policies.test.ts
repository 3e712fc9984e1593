// The product document's example policies, verbatim (xxx placeholders made concrete), behave as they would on AWS.
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../types.js';
import { startTestEmulator, type TestEmulator } from '../sigv4/testing.js';
import type { IamConfig } from './config.js';
import { ASSUME_ANY_ROLE_POLICY, ASSUME_DESTINATION_ROLE_POLICY, CLOUDWATCH_POLICY, SAME_ACCOUNT_ROLE_POLICY, STELLAR_POLICY, TRUST_POLICY } from '../../../test/fixtures/product-policies.js';

const SOURCE = '001000000433';
const DESTINATION = '578000000273';


const doc = (text: string) => JSON.parse(text) as PolicyDocument;
const key = (n: number) => ({ accessKeyId: `AKIATESTUSER0000000${n}`, secretAccessKey: `secret-${n}` });

const IAM: IamConfig = {
  accounts: [
    {
      id: SOURCE,
      users: [
        { name: 'reader', ...key(1), policies: [doc(CLOUDWATCH_POLICY)] },
        { name: 'jzhang-connector', ...key(2), policies: [] },
        { name: 'mssp-any', ...key(3), policies: [doc(ASSUME_ANY_ROLE_POLICY)] },
        { name: 'mssp-one', ...key(4), policies: [doc(ASSUME_DESTINATION_ROLE_POLICY)] },
        {
          name: 'denied',
          ...key(5),
          policies: [doc(CLOUDWATCH_POLICY), { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'logs:FilterLogEvents', Resource: 'arn:aws:logs:*:*:log-group:secret:*' }] }],
        },
      ],
      roles: [{ name: 'vpc-flow-reader', trustPolicy: doc(TRUST_POLICY), policies: [doc(SAME_ACCOUNT_ROLE_POLICY)] }],
    },
    {
      id: DESTINATION,
      roles: [
        {
          name: 'Stellar-cloudwatch-role',
          // Each source user that the destination trusts (the document's trust policy names one user; mssp-* are added the same way).
          trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${SOURCE}:user/jzhang-connector`, `arn:aws:iam::${SOURCE}:user/mssp-any`, `arn:aws:iam::${SOURCE}:user/mssp-one`] }, Action: 'sts:AssumeRole' }] },
          policies: [doc(STELLAR_POLICY)],
        },
        { name: 'other-role', trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: SOURCE }, Action: 'sts:AssumeRole' }] }, policies: [doc(STELLAR_POLICY)] },
        {
          name: 'external-id-role',
          trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE}:root` }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'tenant-7f3a' } } }] },
          policies: [doc(STELLAR_POLICY)],
          maxSessionDurationSeconds: 7200,
        },
        {
          name: 'chain-role',
          trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DESTINATION}:role/Stellar-cloudwatch-role` }, Action: 'sts:AssumeRole' }] },
          maxSessionDurationSeconds: 43200,
        },
      ],
    },
  ],
};

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'allowed';
  } catch (error) {
    return (error as Error).name;
  }
}

describe('product document policies', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ iam: IAM });
  });
  afterAll(async () => emulator.stop());

  const logs = (credentials: Credentials, region = 'us-west-2') => new CloudWatchLogsClient({ region, endpoint: emulator.url, credentials, maxAttempts: 1 });
  const sts = (credentials: Credentials) => new STSClient({ region: 'us-west-2', endpoint: emulator.url, credentials, maxAttempts: 1 });
  async function assume(credentials: Credentials, roleArn: string, extra: { ExternalId?: string; DurationSeconds?: number } = {}): Promise<Credentials> {
    const result = await sts(credentials).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'stellar', ...extra }));
    return { accessKeyId: result.Credentials?.AccessKeyId as string, secretAccessKey: result.Credentials?.SecretAccessKey as string, sessionToken: result.Credentials?.SessionToken as string };
  }
  /** The four calls a connector makes, on one log group. */
  async function reads(credentials: Credentials, group: string, region = 'us-west-2'): Promise<Record<string, string>> {
    const client = logs(credentials, region);
    return {
      DescribeLogGroups: await outcome(client.send(new DescribeLogGroupsCommand({}))),
      DescribeLogStreams: await outcome(client.send(new DescribeLogStreamsCommand({ logGroupName: group }))),
      GetLogEvents: await outcome(client.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: 'eni-1-all' }))),
      FilterLogEvents: await outcome(client.send(new FilterLogEventsCommand({ logGroupName: group }))),
    };
  }
  const all = (value: string) => ({ DescribeLogGroups: value, DescribeLogStreams: value, GetLogEvents: value, FilterLogEvents: value });

  it('access-key policy: the four reads in us-west-2 only, nothing else', async () => {
    expect(await reads(key(1), 'vpc-flow')).toEqual(all('allowed'));
    expect(await reads(key(1), 'vpc-flow', 'us-east-1')).toEqual(all('AccessDeniedException'));
    const put = logs(key(1)).send(new PutLogEventsCommand({ logGroupName: 'vpc-flow', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'x' }] }));
    await expect(put).rejects.toThrow(
      `User: arn:aws:iam::${SOURCE}:user/reader is not authorized to perform: logs:PutLogEvents on resource: arn:aws:logs:us-west-2:${SOURCE}:log-group:vpc-flow:log-stream:s because no identity-based policy allows the logs:PutLogEvents action`,
    );
  });

  it('an explicit deny wins over the allow, with AWS’s wording', async () => {
    expect(await reads(key(5), 'other')).toEqual(all('allowed'));
    await expect(logs(key(5)).send(new FilterLogEventsCommand({ logGroupName: 'secret' }))).rejects.toThrow(
      `User: arn:aws:iam::${SOURCE}:user/denied is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-west-2:${SOURCE}:log-group:secret:log-stream: with an explicit deny in an identity-based policy`,
    );
  });

  it('same-account role: the user named in the trust policy needs no identity policy; access is one group in us-west-2', async () => {
    const user = key(2);
    await expect(outcome(logs(user).send(new DescribeLogGroupsCommand({})))).resolves.toBe('AccessDeniedException');
    const session = await assume(user, `arn:aws:iam::${SOURCE}:role/vpc-flow-reader`);
    const identity = await sts(session).send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe(`arn:aws:sts::${SOURCE}:assumed-role/vpc-flow-reader/stellar`);
    // DescribeLogGroups is authorized on `log-group::log-stream:`, which `log-group:vpc-flow:*` does not cover — as on AWS.
    expect(await reads(session, 'vpc-flow')).toEqual({ ...all('allowed'), DescribeLogGroups: 'AccessDeniedException' });
    expect(await reads(session, 'vpc-flow-2')).toEqual(all('AccessDeniedException'));
    expect(await reads(session, 'vpc-flow', 'us-east-1')).toEqual(all('AccessDeniedException'));
    await expect(logs(session).send(new FilterLogEventsCommand({ logGroupName: 'other' }))).rejects.toThrow(
      `User: arn:aws:sts::${SOURCE}:assumed-role/vpc-flow-reader/stellar is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-west-2:${SOURCE}:log-group:other:log-stream: because no identity-based policy allows the logs:FilterLogEvents action`,
    );
  });

  it('cross-account chain: source user → AssumeRole into the destination role → Logs calls on System in the destination', async () => {
    const roleArn = `arn:aws:iam::${DESTINATION}:role/Stellar-cloudwatch-role`;
    for (const source of [key(3), key(4)]) {
      const session = await assume(source, roleArn);
      expect(await reads(session, 'System')).toEqual({ ...all('allowed'), DescribeLogGroups: 'AccessDeniedException' });
      expect(await reads(session, 'vpc-flow')).toEqual(all('AccessDeniedException'));
      expect(await reads(session, 'System', 'eu-west-1')).toEqual(all('AccessDeniedException'));
    }
    expect(emulator.calls.at(-1)?.scope).toEqual({ accountId: DESTINATION, region: 'us-west-2' });
    // Across accounts the caller's own account must allow sts:AssumeRole too: the trusted user without a policy is refused.
    await expect(assume(key(2), roleArn)).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${SOURCE}:user/jzhang-connector is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      $metadata: { httpStatusCode: 403 },
    });
    // The narrow source policy allows only the named role; the broad one allows a role that trusts the source account.
    await expect(assume(key(4), `arn:aws:iam::${DESTINATION}:role/other-role`)).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assume(key(3), `arn:aws:iam::${DESTINATION}:role/other-role`)).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
    await expect(assume(key(3), `arn:aws:iam::${DESTINATION}:role/missing-role`)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('ExternalId conditions: a match is let in, a mismatch or a missing id is refused', async () => {
    const roleArn = `arn:aws:iam::${DESTINATION}:role/external-id-role`;
    await expect(assume(key(3), roleArn, { ExternalId: 'tenant-7f3a' })).resolves.toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/) });
    await expect(assume(key(3), roleArn, { ExternalId: 'tenant-0000' })).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(assume(key(3), roleArn)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('enforces DurationSeconds, the role maximum, role chaining and parameter rules with AWS messages', async () => {
    const roleArn = `arn:aws:iam::${DESTINATION}:role/external-id-role`;
    await expect(assume(key(3), roleArn, { ExternalId: 'tenant-7f3a', DurationSeconds: 7200 })).resolves.toBeDefined();
    await expect(assume(key(3), roleArn, { ExternalId: 'tenant-7f3a', DurationSeconds: 7201 })).rejects.toMatchObject({
      name: 'ValidationError',
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(assume(key(3), roleArn, { ExternalId: 'tenant-7f3a', DurationSeconds: 899 })).rejects.toMatchObject({
      message: "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
    await expect(sts(key(3)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bad name!', ExternalId: 'x' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "2 validation errors detected: Value 'bad name!' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; Value 'x' at 'externalId' failed to satisfy constraint: Member must have length greater than or equal to 2",
    });
    const first = await assume(key(3), `arn:aws:iam::${DESTINATION}:role/Stellar-cloudwatch-role`);
    // A role session assuming a role is role chaining: more than one hour is refused.
    const chainArn = `arn:aws:iam::${DESTINATION}:role/chain-role`;
    await expect(assume(first, chainArn, { DurationSeconds: 3600 })).resolves.toBeDefined();
    const chained = sts(first).send(new AssumeRoleCommand({ RoleArn: chainArn, RoleSessionName: 'chain', DurationSeconds: 3601 }));
    await expect(chained).rejects.toMatchObject({ name: 'ValidationError', message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' });
  });
});
