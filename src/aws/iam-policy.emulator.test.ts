// `cwc iam-policy` output, loaded into the emulator's IAM: enough to collect and pass `cwc test`, and nothing spare.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.js';
import { collectOnce } from '../connectors/collect.js';
import { testConnectivity } from '../connectors/connectivity.js';
import { allRecords, compareWithTruth } from '../connectors/testing.js';
import type { Connector } from '../core/connector.js';
import { startEmulator, type RunningEmulator } from '../emulator/emulator.js';
import type { IamConfig } from '../emulator/iam/config.js';
import { RateBudgets } from '../sources/cloudwatch/rate-budget.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { connector, DESTINATION_ACCOUNT, KEYS, ROLE_ARN, roleConnector, seed, seederClient, SOURCE_ACCOUNT, captureIo } from '../../test/collector/support.js';
import { createConnectorClients } from './clients.js';
import { LOGS_READ_ACTIONS, type PolicyDocument } from './iam-policy.js';

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const ENDPOINT_PLACEHOLDER = 'http://127.0.0.1:1';

/** What `cwc iam-policy --connector FILE --part PART` prints, parsed. */
async function printedPolicy(c: Connector, part: 'logs' | 'trust' | 'source'): Promise<PolicyDocument> {
  const file = join(mkdtempSync(join(tmpdir(), 'cwc-iam-')), 'connector.json');
  writeFileSync(file, JSON.stringify(c));
  const out = captureIo();
  expect(await main(['iam-policy', '--connector', file, '--part', part], out.io)).toBe(0);
  return JSON.parse(out.stdout()) as PolicyDocument;
}

function without(policy: PolicyDocument, action: string): PolicyDocument {
  const statements = policy.Statement.map((statement) => ({ ...statement, Action: (Array.isArray(statement.Action) ? statement.Action : [statement.Action]).filter((a) => a !== action) }));
  return { ...policy, Statement: statements.filter((statement) => statement.Action.length > 0) };
}

/** The cross-account set-up built only from printed documents (the trust policy's placeholders filled as its note says). */
async function roleIam(logsPolicy: PolicyDocument): Promise<IamConfig> {
  const template = roleConnector(ENDPOINT_PLACEHOLDER);
  const trust = JSON.stringify(await printedPolicy(template, 'trust')).replace('SOURCE_ACCOUNT_ID', SOURCE_ACCOUNT).replace('SOURCE_USER_NAME', 'jzhang-connector');
  return {
    accounts: [
      { id: SOURCE_ACCOUNT, users: [{ name: 'jzhang-connector', ...KEYS.jzhang, policies: [await printedPolicy(template, 'source')] }] },
      {
        id: DESTINATION_ACCOUNT,
        users: [{ name: 'seeder', ...KEYS.destinationSeeder, policies: [FULL_ACCESS] }],
        roles: [{ name: 'Stellar-cloudwatch-role', trustPolicy: JSON.parse(trust), policies: [logsPolicy], maxSessionDurationSeconds: 3600 }],
      },
    ],
  } as IamConfig;
}

function keyIam(logsPolicy: PolicyDocument): IamConfig {
  return {
    accounts: [{ id: SOURCE_ACCOUNT, users: [{ name: 'regional-connector', ...KEYS.regional, policies: [logsPolicy] }, { name: 'seeder', ...KEYS.sourceSeeder, policies: [FULL_ACCESS] }] }],
  } as IamConfig;
}

const methods = [
  {
    name: 'IAM role (cross-account)',
    make: (endpoint: string) => roleConnector(endpoint, { logGroups: ['System', 'Audit'] }),
    iam: roleIam,
    seeder: KEYS.destinationSeeder,
    account: DESTINATION_ACCOUNT,
  },
  {
    name: 'access key',
    make: (endpoint: string) => connector('key', { authMethod: 'access_key', ...KEYS.regional, logGroups: ['System', 'Audit'], endpoint }),
    iam: async (policy: PolicyDocument) => keyIam(policy),
    seeder: KEYS.sourceSeeder,
    account: SOURCE_ACCOUNT,
  },
] as const;

describe('cwc iam-policy against the emulator\'s IAM', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  async function start(iam: IamConfig, seederKeys: { accessKeyId: string; secretAccessKey: string }): Promise<string> {
    emulator = await startEmulator({ port: 0, quotas: 'off', iam });
    for (const region of ['us-west-2', 'eu-west-1']) {
      const client = seederClient(emulator.url, seederKeys, region);
      await seed(client, 'System', ['i-1', 'i-2'], 40);
      await seed(client, 'Audit', ['i-1'], 10);
      await seed(client, 'Other', ['i-1'], 10);
    }
    return emulator.url;
  }

  for (const method of methods) {
    describe(method.name, () => {
      it('with exactly the printed policies: cwc test passes with no warning and the connector collects everything', async () => {
        const policy = await printedPolicy(method.make(ENDPOINT_PLACEHOLDER), 'logs');
        const url = await start(await method.iam(policy), method.seeder);
        const test = await testConnectivity(method.make(url));
        expect(test.checks.filter((check) => check.status !== 'passed')).toEqual([]);
        expect(test.ok).toBe(true);
        const store = new SqliteStore(':memory:');
        try {
          const summary = await collectOnce({ connector: method.make(url), connectorId: 'c', store, budgets: new RateBudgets() });
          expect(summary).toMatchObject({ ok: true, stored: 90 });
          const truth = ['System', 'Audit'].flatMap((logGroupName) => [...emulator!.logs.exportEvents({ accountId: method.account, region: 'us-west-2', logGroupName })].map((event) => event.eventId));
          expect(compareWithTruth(truth, await allRecords(store))).toEqual({ missing: [], duplicates: [], unexpected: [] });
        } finally {
          await store.close();
        }
      });

      it('and nothing more: another group, another region and writing are denied', async () => {
        const policy = await printedPolicy(method.make(ENDPOINT_PLACEHOLDER), 'logs');
        const url = await start(await method.iam(policy), method.seeder);
        expect(await testConnectivity(method.make(url).config.authMethod === 'iam_role' ? roleConnector(url, { logGroups: ['Other'] }) : connector('k', { authMethod: 'access_key', ...KEYS.regional, logGroups: ['Other'], endpoint: url }))).toMatchObject({ ok: false, httpStatus: 403 });
        const elsewhere = { ...method.make(url), config: { ...method.make(url).config, region: 'eu-west-1' } } as Connector;
        expect(await testConnectivity(elsewhere)).toMatchObject({ ok: false, httpStatus: 403 });
        // The connector's own Logs client may not write: PutLogEvents is not among the granted actions.
        const clients = createConnectorClients(method.make(url), { maxAttempts: 1 });
        try {
          await expect(clients.logs.send(new PutLogEventsCommand({ logGroupName: 'System', logStreamName: 'i-1', logEvents: [{ timestamp: Date.now(), message: 'x' }] }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
        } finally {
          clients.destroy();
        }
      });

      it('removing one action: DescribeLogStreams or FilterLogEvents → 403 naming it; DescribeLogGroups → a warning; GetLogEvents is unused', async () => {
        const policy = await printedPolicy(method.make(ENDPOINT_PLACEHOLDER), 'logs');
        const outcomes: Record<string, unknown> = {};
        for (const action of LOGS_READ_ACTIONS) {
          const url = await start(await method.iam(without(policy, action)), method.seeder);
          const test = await testConnectivity(method.make(url));
          const notPassed = test.checks.filter((check) => check.status !== 'passed');
          outcomes[action] = { ok: test.ok, httpStatus: test.httpStatus, failedCheck: test.failedCheck, notPassed: notPassed.map((check) => `${check.status} ${check.name}`) };
          if (!test.ok) expect(test.awsMessage).toContain(`is not authorized to perform: ${action} on resource`);
          await emulator!.stop();
          emulator = undefined;
        }
        expect(outcomes).toEqual({
          'logs:DescribeLogGroups': {
            ok: true, httpStatus: 200, failedCheck: undefined,
            notPassed: ['warning logs:DescribeLogGroups on log group System in us-west-2', 'warning logs:DescribeLogGroups on log group Audit in us-west-2'],
          },
          'logs:DescribeLogStreams': { ok: false, httpStatus: 403, failedCheck: 'logs:DescribeLogStreams on log group System in us-west-2', notPassed: ['failed logs:DescribeLogStreams on log group System in us-west-2'] },
          // The collector reads with FilterLogEvents only; GetLogEvents is granted because the product document lists it.
          'logs:GetLogEvents': { ok: true, httpStatus: 200, failedCheck: undefined, notPassed: [] },
          'logs:FilterLogEvents': { ok: false, httpStatus: 403, failedCheck: 'logs:FilterLogEvents on log group System in us-west-2', notPassed: ['failed logs:FilterLogEvents on log group System in us-west-2'] },
        });
      });
    });
  }

  it('the role method also needs the source user policy and the trust policy it prints', async () => {
    const template = roleConnector(ENDPOINT_PLACEHOLDER);
    const logs = await printedPolicy(template, 'logs');
    const full = await roleIam(logs);
    const noSource = structuredClone(full);
    noSource.accounts[0]!.users![0]!.policies = [];
    const noTrust = structuredClone(full);
    noTrust.accounts[1]!.roles![0]!.trustPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${SOURCE_ACCOUNT}:user/someone-else` }, Action: 'sts:AssumeRole' }] } as never;
    for (const iam of [noSource, noTrust]) {
      const url = await start(iam, KEYS.destinationSeeder);
      expect(await testConnectivity(roleConnector(url))).toMatchObject({ ok: false, httpStatus: 403, awsCode: 'AccessDenied', failedCheck: `sts:AssumeRole into ${ROLE_ARN}` });
      await emulator!.stop();
      emulator = undefined;
    }
  });
});
