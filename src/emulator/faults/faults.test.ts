// Faults: the SPEC parser's errors, reproducible seeded draws, and each fault kind as a client sees it.
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../iam/defaults.js';
import { startTestEmulator, type TestEmulator } from '../sigv4/testing.js';
import type { EmulatorRequest } from '../types.js';
import { createFaults, parseFaultSpec } from './faults.js';

const credentials = { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY };
const logsRequest = { service: 'logs', operation: 'FilterLogEvents' } as EmulatorRequest;

describe('fault spec', () => {
  it('parses the CONTRACT example', () => {
    expect(parseFaultSpec('throttle=0.05,error=0.02,reset=0.01,slow=0.05:2000,late=0.3:120')).toEqual({
      throttle: 0.05,
      error: 0.02,
      reset: 0.01,
      slow: { rate: 0.05, delayMilliseconds: 2000 },
      late: { rate: 0.3, maxDelaySeconds: 120 },
    });
  });

  it('names the bad item', () => {
    expect(() => parseFaultSpec('throttle=0.1,jitter=0.2')).toThrow("--faults: 'jitter=0.2': unknown fault");
    expect(() => parseFaultSpec('error=1.5')).toThrow("--faults: 'error=1.5': the rate must be a number from 0 to 1");
    expect(() => parseFaultSpec('slow=0.1:abc')).toThrow("'slow=0.1:abc': the parameter must be a non-negative number");
    expect(() => parseFaultSpec('throttle')).toThrow("'throttle': expected name=rate");
    expect(() => parseFaultSpec('reset=0.1:5')).toThrow('reset takes no parameter');
    expect(() => parseFaultSpec('throttle=0.6,error=0.6')).toThrow('add up to more than 1');
  });

  it('draws reproducibly from the seed, at the configured shares', () => {
    const spec = parseFaultSpec('throttle=0.1,error=0.2,late=0.5:10');
    const a = createFaults(spec, 42);
    const b = createFaults(spec, 42);
    const drawsA = Array.from({ length: 10_000 }, () => a.decide(logsRequest).kind);
    expect(Array.from({ length: 10_000 }, () => b.decide(logsRequest).kind)).toEqual(drawsA);
    const c = createFaults(spec, 43);
    expect(Array.from({ length: 10_000 }, () => c.decide(logsRequest).kind)).not.toEqual(drawsA);
    expect(drawsA.filter((k) => k === 'throttle').length / 10_000).toBeCloseTo(0.1, 1);
    expect(drawsA.filter((k) => k === 'error').length / 10_000).toBeCloseTo(0.2, 1);
    const delays = Array.from({ length: 10_000 }, () => a.visibilityDelayMilliseconds());
    const late = delays.filter((d) => d > 0);
    expect(late.length / 10_000).toBeCloseTo(0.5, 1);
    expect(Math.max(...delays)).toBeLessThan(10_000);
    expect(late.reduce((sum, d) => sum + d, 0) / late.length).toBeGreaterThan(4000); // uniform over 0-10 s
    expect(createFaults(spec, 42).decide({ service: 'sts', operation: 'AssumeRole' } as EmulatorRequest)).toEqual({ kind: 'none' });
  });
});

describe('faults through the server', () => {
  let emulator: TestEmulator | undefined;
  afterEach(async () => emulator?.stop());
  const client = () => new CloudWatchLogsClient({ region: 'us-east-1', endpoint: emulator?.url, credentials, maxAttempts: 1 });

  it('throttle=1 answers ThrottlingException, and STS is left alone', async () => {
    emulator = await startTestEmulator({ faults: 'throttle=1' });
    await expect(client().send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
    await expect(new STSClient({ region: 'us-east-1', endpoint: emulator.url, credentials }).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
  });

  it('error=1 answers 500 ServiceUnavailableException', async () => {
    emulator = await startTestEmulator({ faults: 'error=1' });
    await expect(client().send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({ name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 500 } });
  });

  it('reset=1 resets the connection', async () => {
    emulator = await startTestEmulator({ faults: 'reset=1' });
    await expect(client().send(new DescribeLogGroupsCommand({}))).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|EPIPE|socket hang up/) });
  });

  it('slow=1:300 delays the answer by 300 ms', async () => {
    emulator = await startTestEmulator({ faults: 'slow=1:300' });
    const started = performance.now();
    await client().send(new DescribeLogGroupsCommand({}));
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('a 50% error rate is retried away by the SDK', async () => {
    emulator = await startTestEmulator({ faults: 'error=0.5', seed: 7 });
    const retrying = new CloudWatchLogsClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 10 });
    for (let index = 0; index < 5; index += 1) await retrying.send(new DescribeLogGroupsCommand({}));
    expect(emulator.calls.length).toBe(5);
  });
});
