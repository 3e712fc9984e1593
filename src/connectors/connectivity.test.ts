// The connectivity test against the emulator, one case per HTTP class of the product document's table.
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectorClients } from '../aws/clients.js';
import { EXPLANATIONS } from '../aws/explain.js';
import { main } from '../cli/main.js';
import type { Connector } from '../core/connector.js';
import { startEmulator, type RunningEmulator } from '../emulator/emulator.js';
import { RateBudgets } from '../sources/cloudwatch/rate-budget.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { captureIo, connector, KEYS, productIamConfig, ROLE_ARN, roleConnector, seed, seederClient, SOURCE_ACCOUNT, TRUST_POLICY } from '../../test/collector/support.js';
import { collectOnce } from './collect.js';
import { testConnectivity, type ConnectivityResult } from './connectivity.js';
import { emulatorConnector, logsClient, putMessages } from './testing.js';

/** The product document's four actions minus logs:FilterLogEvents: every check up to the read passes. */
const NO_FILTER_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:GetLogEvents'], Resource: '*' }],
};
const READER_KEYS = { accessKeyId: 'AKIANOFILTERREADER01', secretAccessKey: 'no-filter-reader-secret/000000000000000' };

function expectClass(result: ConnectivityResult, status: 400 | 401 | 403 | 404 | 429): void {
  const { explanation, recommendation, httpName } = EXPLANATIONS[status];
  expect(result).toMatchObject({ ok: false, httpStatus: status, httpName, explanation, recommendation });
  expect(result.checks.at(-1)).toMatchObject({ status: 'failed', name: result.failedCheck });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('testConnectivity: the product document\'s HTTP classes', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it('200: every check passes and names the identity', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    await putMessages(logsClient(emulator.url), 'vpc-flow', 'eni-1', ['one'], Date.now() - 5_000);
    const result = await testConnectivity(emulatorConnector(emulator.url, ['vpc-flow']));
    expect(result).toMatchObject({ ok: true, httpStatus: 200, httpName: 'OK', identity: 'arn:aws:iam::123456789012:user/demo' });
    expect(result.checks.map((check) => [check.name, check.status])).toEqual([
      ['credentials (sts:GetCallerIdentity)', 'passed'],
      ['logs:DescribeLogGroups on log group vpc-flow in us-west-2', 'passed'],
      ['logs:DescribeLogStreams on log group vpc-flow in us-west-2', 'passed'],
      ['logs:FilterLogEvents on log group vpc-flow in us-west-2', 'passed'],
    ]);
  });

  it('400: a backfill start AWS rejects (a year-0202 typo passes the date-time schema) fails the test as collection would', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    await putMessages(logsClient(emulator.url), 'vpc-flow', 'eni-1', ['one'], Date.now() - 5_000);
    const typo = emulatorConnector(emulator.url, ['vpc-flow'], { startTime: '0202-06-01T00:00:00Z' });
    // What collection meets with this connector: every cycle, the same rejection.
    const store = new SqliteStore(':memory:');
    const summary = await collectOnce({ connector: typo, connectorId: 'typo', store, budgets: new RateBudgets() });
    await store.close();
    expect(summary.units[0]?.error).toMatchObject({ httpStatus: 400, awsCode: 'InvalidParameterException' });

    const result = await testConnectivity(typo);
    expectClass(result, 400);
    expect(result.failedCheck).toBe('logs:FilterLogEvents on log group vpc-flow in us-west-2');
    expect(result.awsCode).toBe('InvalidParameterException');
    expect(result.awsMessage).toMatch(/^1 validation error detected: Value '-\d+' at 'startTime' failed to satisfy constraint: Member must have value greater than or equal to 0$/);
  });

  describe('401: credentials AWS does not accept', () => {
    it('an unknown access key', async () => {
      emulator = await startEmulator({ port: 0, quotas: 'off' });
      const result = await testConnectivity(emulatorConnector(emulator.url, ['vpc-flow'], { accessKeyId: 'AKIAUNKNOWNKEY000000' }));
      expectClass(result, 401);
      expect(result).toMatchObject({ failedCheck: 'credentials (sts:GetCallerIdentity)', awsCode: 'InvalidClientTokenId', awsMessage: 'The security token included in the request is invalid.' });
      expect(result.summary).toBe('the access key was rejected: InvalidClientTokenId');
    });

    it('a wrong secret key, for the source key of the role method too', async () => {
      emulator = await startEmulator({ port: 0, quotas: 'off', iam: productIamConfig() });
      const wrong = await testConnectivity(connector('wrong-secret', { authMethod: 'access_key', accessKeyId: KEYS.regional.accessKeyId, secretAccessKey: 'not-the-secret', logGroups: ['x'], endpoint: emulator.url }));
      expectClass(wrong, 401);
      expect(wrong.awsCode).toBe('SignatureDoesNotMatch');
      expect(wrong.awsMessage).toMatch(/^The request signature we calculated does not match the signature you provided/);
      const source = await testConnectivity(roleConnector(emulator.url, { sourceSecretAccessKey: 'not-the-secret' }));
      expectClass(source, 401);
      expect(source).toMatchObject({ failedCheck: 'source credentials (sts:GetCallerIdentity)', awsCode: 'SignatureDoesNotMatch', summary: 'the source account access key was rejected: SignatureDoesNotMatch' });
    });

    it('an expired session: cached role credentials outlived by the emulator clock', async () => {
      let skewMilliseconds = 0;
      emulator = await startEmulator({ port: 0, quotas: 'off', iam: productIamConfig(), clock: () => Date.now() + skewMilliseconds });
      await seed(seederClient(emulator.url, KEYS.destinationSeeder), 'System', ['s'], 1);
      const system = roleConnector(emulator.url);
      // Two attempts, as testConnectivity makes its own clients: the SDK corrects its clock offset from the Date header and retries.
      const clients = createConnectorClients(system, { maxAttempts: 2 });
      try {
        expect((await testConnectivity(system, { clients })).ok).toBe(true);
        // AWS's clock passes the session's end (1 h) while this machine's clock says the cached credentials are fresh.
        skewMilliseconds = 3_600_000 + 60_000;
        const result = await testConnectivity(system, { clients });
        expectClass(result, 401);
        expect(result).toMatchObject({ failedCheck: `sts:AssumeRole into ${ROLE_ARN}`, awsCode: 'ExpiredToken', awsMessage: 'The security token included in the request is expired' });
      } finally {
        clients.destroy();
      }
    });
  });

  describe('403: valid credentials without the permission', () => {
    it('a user whose policy lacks logs:FilterLogEvents, named with the group, region and user', async () => {
      const iam = productIamConfig();
      iam.accounts[0]?.users?.push({ name: 'no-filter', ...READER_KEYS, policies: [NO_FILTER_POLICY] } as never);
      emulator = await startEmulator({ port: 0, quotas: 'off', iam });
      await seed(seederClient(emulator.url, KEYS.sourceSeeder), 'vpc-flow', ['eni-1'], 1);
      const result = await testConnectivity(connector('no-filter', { authMethod: 'access_key', ...READER_KEYS, logGroups: ['vpc-flow'], endpoint: emulator.url }));
      expectClass(result, 403);
      expect(result.summary).toBe(`logs:FilterLogEvents on log group vpc-flow in us-west-2 is denied for arn:aws:iam::${SOURCE_ACCOUNT}:user/no-filter`);
      expect(result).toMatchObject({ failedCheck: 'logs:FilterLogEvents on log group vpc-flow in us-west-2', awsCode: 'AccessDeniedException' });
      expect(result.awsMessage).toBe(
        `User: arn:aws:iam::${SOURCE_ACCOUNT}:user/no-filter is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:us-west-2:${SOURCE_ACCOUNT}:log-group:vpc-flow:log-stream: because no identity-based policy allows the logs:FilterLogEvents action`,
      );
    });

    it('AssumeRole refused by the trust policy (another user is trusted)', async () => {
      const trust = structuredClone(TRUST_POLICY);
      trust.Statement[0].Principal.AWS = `arn:aws:iam::${SOURCE_ACCOUNT}:user/someone-else`;
      emulator = await startEmulator({ port: 0, quotas: 'off', iam: productIamConfig({ trustPolicy: trust }) });
      const result = await testConnectivity(roleConnector(emulator.url));
      expectClass(result, 403);
      expect(result).toMatchObject({ failedCheck: `sts:AssumeRole into ${ROLE_ARN}`, awsCode: 'AccessDenied', identity: `arn:aws:iam::${SOURCE_ACCOUNT}:user/jzhang-connector` });
      expect(result.awsMessage).toBe(`User: arn:aws:iam::${SOURCE_ACCOUNT}:user/jzhang-connector is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`);
      expect(result.summary).toBe(`assuming ${ROLE_ARN} failed for arn:aws:iam::${SOURCE_ACCOUNT}:user/jzhang-connector: AccessDenied`);
    });

    it('AssumeRole with a wrong or missing external ID', async () => {
      const trust = structuredClone(TRUST_POLICY);
      trust.Statement[0].Condition = { StringEquals: { 'sts:ExternalId': 'tenant-42-secret' } };
      emulator = await startEmulator({ port: 0, quotas: 'off', iam: productIamConfig({ trustPolicy: trust }) });
      await seed(seederClient(emulator.url, KEYS.destinationSeeder), 'System', ['s'], 1);
      for (const overrides of [{ externalId: 'tenant-41-secret' }, {}]) {
        const result = await testConnectivity(roleConnector(emulator.url, overrides));
        expectClass(result, 403);
        expect(result).toMatchObject({ failedCheck: `sts:AssumeRole into ${ROLE_ARN}`, awsCode: 'AccessDenied' });
      }
      expect((await testConnectivity(roleConnector(emulator.url, { externalId: 'tenant-42-secret' }))).ok).toBe(true);
    });
  });

  describe('404: nothing at that name or URL', () => {
    it('a log group that does not exist in the region', async () => {
      emulator = await startEmulator({ port: 0, quotas: 'off' });
      const result = await testConnectivity(emulatorConnector(emulator.url, ['vpc-flwo']));
      expectClass(result, 404);
      expect(result).toMatchObject({ failedCheck: 'log group vpc-flwo', awsCode: 'ResourceNotFoundException', summary: 'log group vpc-flwo does not exist in us-west-2 for arn:aws:iam::123456789012:user/demo' });
    });

    it('a listed log stream that does not exist', async () => {
      emulator = await startEmulator({ port: 0, quotas: 'off' });
      await putMessages(logsClient(emulator.url), 'vpc-flow', 'eni-1', ['one'], Date.now() - 5_000);
      const result = await testConnectivity(emulatorConnector(emulator.url, ['vpc-flow'], { logStreams: ['eni-1', 'eni-2'] }));
      expectClass(result, 404);
      expect(result).toMatchObject({ failedCheck: 'log stream eni-2', summary: 'log stream eni-2 does not exist in log group vpc-flow' });
      expect(result.checks.find((check) => check.name === 'log stream eni-1')?.status).toBe('passed');
    });

    it('an endpoint URL with nothing listening', async () => {
      const port = await closedPort();
      const result = await testConnectivity(emulatorConnector(`http://127.0.0.1:${port}`, ['vpc-flow']));
      expectClass(result, 404);
      expect(result).toMatchObject({ failedCheck: 'credentials (sts:GetCallerIdentity)', awsCode: 'ECONNREFUSED' });
    });
  });

  it('429: the Logs quota is exhausted (throttle fault on every Logs call)', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'aws', faults: 'throttle=1' });
    const result = await testConnectivity(emulatorConnector(emulator.url, ['vpc-flow']));
    expectClass(result, 429);
    expect(result).toMatchObject({ failedCheck: 'logs:DescribeLogGroups on log group vpc-flow in us-west-2', awsCode: 'ThrottlingException', awsMessage: 'Rate exceeded' });
  });
});

describe('cwc test', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });
  const write = (value: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'cwc-test-')), 'connector.json');
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const asFile = (c: Connector) => write(c);

  it('exits 0 and prints Success with the checks', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    await putMessages(logsClient(emulator.url), 'vpc-flow', 'eni-1', ['one'], Date.now() - 5_000);
    const out = captureIo();
    expect(await main(['test', '--connector', asFile(emulatorConnector(emulator.url, ['vpc-flow']))], out.io)).toBe(0);
    expect(out.stdout()).toMatch(/^Success!\nIdentity: arn:aws:iam::123456789012:user\/demo\nChecks:\n {2}✓ credentials \(sts:GetCallerIdentity\)/);
    expect(out.stderr()).toBe('');
  });

  it('exits 1 and prints the summary, HTTP status, AWS error, explanation and recommendation', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    const out = captureIo();
    expect(await main(['test', '--connector', asFile(emulatorConnector(emulator.url, ['absent']))], out.io)).toBe(1);
    expect(out.stdout().split('\n').slice(0, 5)).toEqual([
      'Failure: log group absent does not exist in us-west-2 for arn:aws:iam::123456789012:user/demo',
      'HTTP status: 404 Not Found',
      'AWS error: ResourceNotFoundException: The specified log group does not exist: absent',
      `Explanation: ${EXPLANATIONS[404].explanation}`,
      `Recommendation: ${EXPLANATIONS[404].recommendation}`,
    ]);
    const json = captureIo();
    expect(await main(['test', '--connector', asFile(emulatorConnector(emulator.url, ['absent'])), '--json'], json.io)).toBe(1);
    expect(JSON.parse(json.stdout())).toMatchObject({ ok: false, httpStatus: 404, failedCheck: 'log group absent' });
  });

  it('exits 2 naming the bad field of a connector file, and on a missing --connector', async () => {
    const valid = JSON.parse(JSON.stringify(emulatorConnector('http://127.0.0.1:9', ['vpc-flow']))) as { config: Record<string, unknown> };
    valid.config.region = 'us-west-9';
    const out = captureIo();
    expect(await main(['test', '--connector', write(valid)], out.io)).toBe(2);
    expect(out.stderr()).toMatch(/^cwc test: .*config\.region/);
    expect(out.stderr().trim().split('\n')).toHaveLength(1);
    const missing = captureIo();
    expect(await main(['test'], missing.io)).toBe(2);
    expect(missing.stderr()).toBe('cwc test: --connector FILE is required\n');
  });
});
