// Shared set-up for the collector tests: the product document's IAM examples as an emulator IAM file, connectors, seeding.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { Writable } from 'node:stream';
import { validateConnector, type Connector } from '../../src/core/connector.js';
import type { IamConfig } from '../../src/emulator/iam/config.js';
import { putMessages } from '../../src/connectors/testing.js';
import * as policies from '../fixtures/product-policies.js';

export const SOURCE_ACCOUNT = '001000000433';
export const DESTINATION_ACCOUNT = '578000000273';
export const ROLE_ARN = `arn:aws:iam::${DESTINATION_ACCOUNT}:role/Stellar-cloudwatch-role`;
export const SAME_ACCOUNT_ROLE_ARN = `arn:aws:iam::${SOURCE_ACCOUNT}:role/Stellar-vpc-flow-role`;

/** Keys of the principals below. The seeders have full access and are only used to write test data. */
export const KEYS = {
  jzhang: { accessKeyId: 'AKIAJZHANGCONNECTOR1', secretAccessKey: 'jzhang-connector-secret/0000000000000000' },
  /** The same-account example: a user without permissions who may only assume the role (trust names it). */
  plain: { accessKeyId: 'AKIAPLAINCONNECTOR01', secretAccessKey: 'plain-connector-secret/00000000000000000' },
  /** The access-key example: the CloudWatch policy with the aws:RequestedRegion condition. */
  regional: { accessKeyId: 'AKIAREGIONALCONNECT1', secretAccessKey: 'regional-connector-secret/00000000000000' },
  sourceSeeder: { accessKeyId: 'AKIASOURCESEEDER0001', secretAccessKey: 'source-seeder-secret/0000000000000000000' },
  destinationSeeder: { accessKeyId: 'AKIADESTSEEDER000001', secretAccessKey: 'destination-seeder-secret/0000000000000' },
} as const;

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

// ---- The product document's example policies, verbatim but for the xxx placeholders (001xxxxxx433, 578xxxxxx273). ----

export const CLOUDWATCH_POLICY = JSON.parse(policies.CLOUDWATCH_POLICY);
export const SAME_ACCOUNT_ROLE_POLICY = JSON.parse(policies.SAME_ACCOUNT_ROLE_POLICY);
export const TRUST_POLICY = JSON.parse(policies.TRUST_POLICY);
/** "CloudWatch policy - IAM Role - across AWS accounts": the source user may assume any role. */
export const CROSS_ACCOUNT_SOURCE_POLICY = JSON.parse(policies.ASSUME_ANY_ROLE_POLICY);
/** "CloudWatch policy - IAM Role - allow destination AWS account": only the destination role. */
export const DESTINATION_ONLY_SOURCE_POLICY = JSON.parse(policies.ASSUME_DESTINATION_ROLE_POLICY);
/** "CloudWatch policy - Stellar-cloudwatch-policy" (the destination role's permissions). */
export const STELLAR_CLOUDWATCH_POLICY = JSON.parse(policies.STELLAR_POLICY);

/**
 * Two accounts as the product document sets them up: the MSSP's source account with `jzhang-connector` (allowed to
 * assume roles), a permissionless user and a same-account role for `vpc-flow`, a user with the region-conditioned
 * policy; the tenant's destination account with `Stellar-cloudwatch-role` trusting `jzhang-connector`.
 */
export function productIamConfig(options: { sourcePolicy?: object; trustPolicy?: object } = {}): IamConfig {
  const sameAccountTrust = structuredClone(TRUST_POLICY);
  sameAccountTrust.Statement[0].Principal.AWS = `arn:aws:iam::${SOURCE_ACCOUNT}:user/plain-connector`;
  return {
    accounts: [
      {
        id: SOURCE_ACCOUNT,
        users: [
          { name: 'jzhang-connector', ...KEYS.jzhang, policies: [options.sourcePolicy ?? CROSS_ACCOUNT_SOURCE_POLICY] },
          { name: 'plain-connector', ...KEYS.plain, policies: [] },
          { name: 'regional-connector', ...KEYS.regional, policies: [CLOUDWATCH_POLICY] },
          { name: 'seeder', ...KEYS.sourceSeeder, policies: [FULL_ACCESS] },
        ],
        roles: [{ name: 'Stellar-vpc-flow-role', trustPolicy: sameAccountTrust, policies: [SAME_ACCOUNT_ROLE_POLICY], maxSessionDurationSeconds: 3600 }],
      },
      {
        id: DESTINATION_ACCOUNT,
        users: [{ name: 'seeder', ...KEYS.destinationSeeder, policies: [FULL_ACCESS] }],
        roles: [{ name: 'Stellar-cloudwatch-role', trustPolicy: options.trustPolicy ?? TRUST_POLICY, policies: [STELLAR_CLOUDWATCH_POLICY], maxSessionDurationSeconds: 3600 }],
      },
    ],
  } as IamConfig;
}

const GENERAL = { category: 'paas', type: 'aws_cloudwatch', functions: ['collect'], tenant: 'acme', runOn: 'data-processor' };

/** A connector as a user would type it, validated by the product's own schema. */
export function connector(name: string, config: Record<string, unknown>): Connector {
  return validateConnector({ name, ...GENERAL, config: { region: 'us-west-2', intervalMinutes: 1, ...config } });
}

export function roleConnector(endpoint: string, overrides: Record<string, unknown> = {}): Connector {
  return connector('tenant-system', {
    authMethod: 'iam_role',
    sourceAccessKeyId: KEYS.jzhang.accessKeyId,
    sourceSecretAccessKey: KEYS.jzhang.secretAccessKey,
    roleArn: ROLE_ARN,
    logGroups: ['System'],
    endpoint,
    ...overrides,
  });
}

export function seederClient(endpoint: string, keys: { accessKeyId: string; secretAccessKey: string }, region = 'us-west-2'): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ region, endpoint, credentials: { ...keys } });
}

/** Writes `count` numbered messages into each stream, with timestamps a few seconds in the past. */
export async function seed(client: CloudWatchLogsClient, logGroup: string, streams: string[], count: number, timestamp = Date.now() - 5_000): Promise<void> {
  for (const stream of streams) await putMessages(client, logGroup, stream, Array.from({ length: count }, (_, i) => `${logGroup} ${stream} message ${i}`), timestamp);
}

/** A CommandIo that keeps what a command prints, for running `main([...], io)` in-process. */
export function captureIo(): { io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }; stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) => new Writable({ write(chunk: Buffer | string, _encoding, done) { into.push(String(chunk)); done(); } });
  return { io: { stdin: process.stdin, stdout: sink(out), stderr: sink(err) }, stdout: () => out.join(''), stderr: () => err.join('') };
}
