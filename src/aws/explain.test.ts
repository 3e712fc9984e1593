// Classification of errors the real SDK raises against the emulator (and a closed port), not hand-built error objects.
import { createServer } from 'node:net';
import { CloudWatchLogsClient, DescribeLogStreamsCommand, FilterLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/emulator.js';
import { connector } from '../../test/collector/support.js';
import { createConnectorClients } from './clients.js';
import { EXPLANATIONS, explainAwsError, isRetryable } from './explain.js';

const DEMO = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const READ_ONLY = { accessKeyId: 'AKIAREADONLYEXPLAIN1', secretAccessKey: 'read-only-secret' };

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('explainAwsError on real SDK errors', () => {
  let plain: RunningEmulator;
  const faulty: Record<string, RunningEmulator> = {};
  const logs = (endpoint: string, credentials: { accessKeyId: string; secretAccessKey: string } = DEMO) =>
    new CloudWatchLogsClient({ region: 'us-west-2', endpoint, credentials: { ...credentials }, maxAttempts: 1 });
  const productLogs = (endpoint: string) =>
    createConnectorClients(connector('timeout', { authMethod: 'access_key', ...DEMO, logGroups: ['g'], endpoint }), { maxAttempts: 1, requestTimeoutMilliseconds: 200 }).logs;
  beforeAll(async () => {
    plain = await startEmulator({
      port: 0,
      quotas: 'off',
      iam: {
        accounts: [{ id: '123456789012', users: [
          { name: 'demo', ...DEMO, policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }] },
          { name: 'reader', ...READ_ONLY, policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:Describe*', Resource: '*' }] }] },
        ] }],
      } as never,
    });
    for (const [name, spec] of [['throttle', 'throttle=1'], ['error', 'error=1'], ['reset', 'reset=1'], ['slow', 'slow=1:2000']] as const) {
      faulty[name] = await startEmulator({ port: 0, quotas: 'off', faults: spec });
    }
  });
  afterAll(async () => {
    await Promise.all([plain, ...Object.values(faulty)].map((emulator) => emulator.stop()));
  });

  const cases: Array<[string, () => Promise<unknown>, number, string, boolean]> = [
    ['an unknown access key (Logs)', () => logs(plain.url, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }).send(new DescribeLogStreamsCommand({ logGroupName: 'g' })), 401, 'UnrecognizedClientException', false],
    ['a wrong secret key (Logs)', () => logs(plain.url, { ...DEMO, secretAccessKey: 'wrong' }).send(new DescribeLogStreamsCommand({ logGroupName: 'g' })), 401, 'InvalidSignatureException', false],
    ['an unknown access key (STS)', () => new STSClient({ region: 'us-west-2', endpoint: plain.url, credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})), 401, 'InvalidClientTokenId', false],
    ['a denied action', () => logs(plain.url, READ_ONLY).send(new FilterLogEventsCommand({ logGroupName: 'g' })), 403, 'AccessDeniedException', false],
    ['a missing log group', () => logs(plain.url).send(new DescribeLogStreamsCommand({ logGroupName: 'absent' })), 404, 'ResourceNotFoundException', false],
    ['an invalid parameter', () => logs(plain.url).send(new FilterLogEventsCommand({ logGroupName: 'g', startTime: -1 })), 400, 'InvalidParameterException', false],
    ['an empty PutLogEvents batch', () => logs(plain.url).send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 's', logEvents: [] })), 400, 'InvalidParameterException', false],
    ['throttling', () => logs(faulty.throttle!.url).send(new DescribeLogStreamsCommand({ logGroupName: 'g' })), 429, 'ThrottlingException', true],
    ['a 500 from the service', () => logs(faulty.error!.url).send(new DescribeLogStreamsCommand({ logGroupName: 'g' })), 503, 'ServiceUnavailableException', true],
    ['a reset connection', () => logs(faulty.reset!.url).send(new DescribeLogStreamsCommand({ logGroupName: 'g' })), 503, 'ECONNRESET', true],
    // Through the product's own clients: their request timeout must end the wait (the SDK only warns unless told to throw).
    ['a response slower than the request timeout', () => productLogs(faulty.slow!.url).send(new DescribeLogStreamsCommand({ logGroupName: 'g' })), 503, 'ETIMEDOUT', true],
  ];

  for (const [label, call, status, code, retryable] of cases) {
    it(`${label} → ${status} ${code}`, async () => {
      const error = await failure(call());
      const explained = explainAwsError(error);
      expect(explained).toMatchObject({ ...EXPLANATIONS[status as 400], awsCode: code });
      expect(explained.awsMessage.length).toBeGreaterThan(0);
      expect(isRetryable(error)).toBe(retryable);
      // An answer from AWS carries its HTTP status and request id; a network failure has neither.
      if (!/^E[A-Z]+$/.test(code)) expect(explained).toMatchObject({ awsHttpStatus: expect.any(Number), requestId: expect.any(String) });
    });
  }

  it('a refused connection → 404 ECONNREFUSED (nothing at that URL), not retried as a transient fault', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const error = await failure(logs(`http://127.0.0.1:${port}`).send(new DescribeLogStreamsCommand({ logGroupName: 'g' })));
    expect(explainAwsError(error)).toMatchObject({ httpStatus: 404, awsCode: 'ECONNREFUSED' });
    expect(explainAwsError(error).awsHttpStatus).toBeUndefined();
    expect(isRetryable(error)).toBe(false);
  });

  it('something that is not an error at all still gets a class', () => {
    expect(explainAwsError(undefined)).toMatchObject({ httpStatus: 503, awsCode: 'UnknownError' });
  });
});
