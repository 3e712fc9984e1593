// Both auth methods collecting through the product document's example IAM set-ups, verbatim, and their limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectOnce } from '../../src/connectors/collect.js';
import { testConnectivity } from '../../src/connectors/connectivity.js';
import { allRecords, compareWithTruth } from '../../src/connectors/testing.js';
import type { Connector } from '../../src/core/connector.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/emulator.js';
import { RateBudgets } from '../../src/sources/cloudwatch/rate-budget.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import {
  connector, DESTINATION_ACCOUNT, DESTINATION_ONLY_SOURCE_POLICY, KEYS, productIamConfig, roleConnector, SAME_ACCOUNT_ROLE_ARN, seed, seederClient, SOURCE_ACCOUNT,
} from './support.js';

describe('auth methods with the product document\'s policies', () => {
  let emulator: RunningEmulator;
  let store: SqliteStore;
  beforeEach(async () => {
    store = new SqliteStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
    await emulator.stop();
  });

  const collect = (c: Connector, id = c.name) => collectOnce({ connector: c, connectorId: id, store, budgets: new RateBudgets() });
  const truthOf = (accountId: string, region: string, logGroupName: string) => [...emulator.logs.exportEvents({ accountId, region, logGroupName })].map((event) => event.eventId);

  async function start(sourcePolicy?: object): Promise<void> {
    emulator = await startEmulator({ port: 0, quotas: 'off', iam: productIamConfig(sourcePolicy === undefined ? {} : { sourcePolicy }) });
    const destination = seederClient(emulator.url, KEYS.destinationSeeder);
    await seed(destination, 'System', ['i-0001', 'i-0002'], 150);
    await seed(destination, 'Security', ['i-0001'], 20);
    await seed(seederClient(emulator.url, KEYS.destinationSeeder, 'eu-west-1'), 'System', ['i-0003'], 20);
    await seed(seederClient(emulator.url, KEYS.sourceSeeder), 'vpc-flow', ['eni-1', 'eni-2'], 100);
    await seed(seederClient(emulator.url, KEYS.sourceSeeder), 'app', ['a'], 10);
    await seed(seederClient(emulator.url, KEYS.sourceSeeder, 'eu-west-1'), 'vpc-flow', ['eni-3'], 10);
  }

  for (const [label, policy] of [['"across AWS accounts" (Resource *)', undefined], ['"allow destination AWS account"', DESTINATION_ONLY_SOURCE_POLICY]] as const) {
    it(`cross-account role chain with the source policy ${label}: collects System in us-west-2 as the assumed role`, async () => {
      await start(policy);
      const summary = await collect(roleConnector(emulator.url));
      expect(summary.ok).toBe(true);
      expect(summary.stored).toBe(300);
      const records = await allRecords(store);
      expect(compareWithTruth(truthOf(DESTINATION_ACCOUNT, 'us-west-2', 'System'), records)).toEqual({ missing: [], duplicates: [], unexpected: [] });
      // Records carry the account the role lives in (the data's owner), not the MSSP's source account.
      expect(new Set(records.map((record) => `${record.aws.account_id} ${record.aws.region} ${record.aws.log_group}`))).toEqual(new Set([`${DESTINATION_ACCOUNT} us-west-2 System`]));

      const test = await testConnectivity(roleConnector(emulator.url));
      expect(test).toMatchObject({ ok: true, identity: `arn:aws:sts::${DESTINATION_ACCOUNT}:assumed-role/Stellar-cloudwatch-role/cwc-tenant-system` });
      // The document's role policy scopes every action to log-group:System:*:*, which DescribeLogGroups is not authorized on.
      expect(test.checks.find((check) => check.name.startsWith('logs:DescribeLogGroups'))?.status).toBe('warning');
    });
  }

  it('the same role connector pointed at another region or log group is denied, and cwc test says 403', async () => {
    await start();
    for (const overrides of [{ region: 'eu-west-1' }, { logGroups: ['Security'] }]) {
      const other = roleConnector(emulator.url, overrides);
      const summary = await collect(other, `other-${JSON.stringify(overrides)}`);
      expect(summary.ok).toBe(false);
      expect(summary.stored).toBe(0);
      expect(summary.units[0]?.error).toMatchObject({ httpStatus: 403, awsCode: 'AccessDeniedException' });
      const region = other.config.region;
      const group = other.config.logGroups[0] as string;
      const test = await testConnectivity(other);
      expect(test).toMatchObject({ ok: false, httpStatus: 403, awsCode: 'AccessDeniedException', failedCheck: `logs:DescribeLogStreams on log group ${group} in ${region}` });
      expect(test.summary).toBe(`logs:DescribeLogStreams on log group ${group} in ${region} is denied for arn:aws:sts::${DESTINATION_ACCOUNT}:assumed-role/Stellar-cloudwatch-role/cwc-tenant-system: AccessDeniedException`);
    }
    expect(await allRecords(store)).toHaveLength(0);
  });

  it('same-account role (log-group:vpc-flow:*): a permissionless user assumes it and collects vpc-flow only', async () => {
    await start();
    const sameAccount = (overrides: Record<string, unknown> = {}) =>
      connector('same-account', { authMethod: 'iam_role', sourceAccessKeyId: KEYS.plain.accessKeyId, sourceSecretAccessKey: KEYS.plain.secretAccessKey, roleArn: SAME_ACCOUNT_ROLE_ARN, logGroups: ['vpc-flow'], vpcFlowLogs: true, endpoint: emulator.url, ...overrides });
    const summary = await collect(sameAccount());
    expect(summary).toMatchObject({ ok: true, stored: 200 });
    expect(compareWithTruth(truthOf(SOURCE_ACCOUNT, 'us-west-2', 'vpc-flow'), await allRecords(store))).toEqual({ missing: [], duplicates: [], unexpected: [] });
    expect((await testConnectivity(sameAccount())).ok).toBe(true);
    expect((await collect(sameAccount({ logGroups: ['app'] }), 'app')).units[0]?.error).toMatchObject({ httpStatus: 403 });
    // The user itself has no permissions: only through the role can it read.
    const direct = await testConnectivity(connector('direct', { authMethod: 'access_key', ...KEYS.plain, logGroups: ['vpc-flow'], endpoint: emulator.url }));
    expect(direct).toMatchObject({ ok: false, httpStatus: 403, failedCheck: 'logs:DescribeLogStreams on log group vpc-flow in us-west-2' });
  });

  it('access key with the aws:RequestedRegion condition: collects in us-west-2, denied in eu-west-1', async () => {
    await start();
    const regional = (region: string) => connector(`regional-${region}`, { authMethod: 'access_key', ...KEYS.regional, logGroups: ['vpc-flow', 'app'], region, endpoint: emulator.url });
    const west = await collect(regional('us-west-2'));
    expect(west).toMatchObject({ ok: true, stored: 210 });
    const truth = [...truthOf(SOURCE_ACCOUNT, 'us-west-2', 'vpc-flow'), ...truthOf(SOURCE_ACCOUNT, 'us-west-2', 'app')];
    expect(compareWithTruth(truth, await allRecords(store))).toEqual({ missing: [], duplicates: [], unexpected: [] });
    const testWest = await testConnectivity(regional('us-west-2'));
    expect(testWest.ok).toBe(true);
    // Resource "*" covers DescribeLogGroups too, so nothing is a warning with this policy.
    expect(testWest.checks.every((check) => check.status === 'passed')).toBe(true);

    const eu = await collect(regional('eu-west-1'));
    expect(eu.ok).toBe(false);
    expect(eu.units.map((unit) => unit.error?.awsCode)).toEqual(['AccessDeniedException', 'AccessDeniedException']);
    const testEu = await testConnectivity(regional('eu-west-1'));
    expect(testEu).toMatchObject({ ok: false, httpStatus: 403, awsCode: 'AccessDeniedException' });
    expect(testEu.summary).toContain(`in eu-west-1 is denied for arn:aws:iam::${SOURCE_ACCOUNT}:user/regional-connector`);
    expect(await allRecords(store)).toHaveLength(210);
  });
});
