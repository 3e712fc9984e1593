import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import { validateConnector } from './connector.js';

const valid = () => ({
  name: 'prod-vpc-flow',
  category: 'paas',
  type: 'aws_cloudwatch',
  functions: ['collect'],
  tenant: 'acme',
  runOn: 'data-processor',
  logFilters: [],
  config: {
    authMethod: 'access_key',
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-west-2',
    logGroups: ['vpc-flow'],
    logStreams: [],
    vpcFlowLogs: true,
    intervalMinutes: 5,
  },
});

function problemsOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    validateConnector(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).details;
  }
  throw new Error('expected a ValidationError');
}

describe('validateConnector', () => {
  it('accepts the CONTRACT example and fills defaults', () => {
    const input = valid();
    delete (input.config as Partial<typeof input.config>).intervalMinutes;
    const connector = validateConnector(input);
    expect(connector.config.intervalMinutes).toBe(5);
    expect(connector.name).toBe('prod-vpc-flow');
    expect(input.config).not.toHaveProperty('intervalMinutes');
  });

  it('accepts the IAM role method with an external id', () => {
    const input = valid();
    input.config = {
      authMethod: 'iam_role',
      sourceAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      sourceSecretAccessKey: 'secret',
      roleArn: 'arn:aws:iam::578000000273:role/Stellar-cloudwatch-role',
      externalId: 'tenant-42',
      region: 'eu-west-1',
      logGroups: ['System'],
    } as never;
    expect(validateConnector(input).config.roleArn).toBe('arn:aws:iam::578000000273:role/Stellar-cloudwatch-role');
  });

  it('names every bad field at once, with its rule', () => {
    const input = valid() as Record<string, unknown> & { config: Record<string, unknown> };
    input.name = 'prod-vpc-流量';
    input.config.region = 'us-west-9';
    input.config.intervalMinutes = 0;
    input.config.logGroups = [];
    input.config.bogus = 1;
    const problems = problemsOf(input);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath.name).toMatch(/multibyte/);
    expect(byPath['config.region']).toMatch(/AWS Region code/);
    expect(byPath['config.intervalMinutes']).toMatch(/>= 1/);
    expect(byPath['config.logGroups']).toMatch(/fewer than 1|at least 1|NOT have fewer/i);
    expect(byPath['config.bogus']).toBe('is not a known field');
  });

  it('allows log streams only with exactly one log group', () => {
    const input = valid();
    input.config.logGroups = ['a', 'b'];
    input.config.logStreams = ['s1'] as never;
    expect(problemsOf(input)).toEqual([{ path: 'config.logStreams', message: expect.stringMatching(/exactly one log group/) }]);
  });

  it('requires the fields of the chosen auth method and rejects the other method’s', () => {
    const input = valid();
    (input.config as Record<string, unknown>).authMethod = 'iam_role';
    const paths = problemsOf(input).map((p) => p.path).sort();
    expect(paths).toEqual(['config.accessKeyId', 'config.roleArn', 'config.secretAccessKey', 'config.sourceAccessKeyId', 'config.sourceSecretAccessKey']);
  });

  it('rejects a malformed role ARN and general fields of another kind', () => {
    const input = valid() as Record<string, unknown> & { config: Record<string, unknown> };
    input.category = 'saas';
    input.functions = ['respond'];
    input.config = { authMethod: 'iam_role', sourceAccessKeyId: 'AKIAIOSFODNN7EXAMPLE', sourceSecretAccessKey: 's', roleArn: 'arn:aws:iam::123:role/x', region: 'us-east-1', logGroups: ['g'] };
    const byPath = Object.fromEntries(problemsOf(input).map((p) => [p.path, p.message]));
    expect(byPath.category).toBe("must be 'paas'");
    expect(byPath['functions[0]']).toBe("must be 'collect'");
    expect(byPath['config.roleArn']).toMatch(/IAM role ARN/);
  });
});

describe('resolveStartTime', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0, 0);
  it('reads an ISO-8601 date-time or a negative ISO-8601 duration before the first run', async () => {
    const { resolveStartTime } = await import('./connector.js');
    expect(resolveStartTime('2026-11-01T00:00:00Z', now)).toBe(Date.UTC(2026, 10, 1));
    expect(resolveStartTime('2026-11-01T01:00:00+01:00', now)).toBe(Date.UTC(2026, 10, 1));
    expect(resolveStartTime('-PT30M', now)).toBe(now - 30 * 60_000);
    expect(resolveStartTime('-P1DT2H', now)).toBe(now - 26 * 3_600_000);
    expect(resolveStartTime('-P2W', now)).toBe(now - 14 * 86_400_000);
    for (const bad of ['yesterday', '-P', '-PT', 'PT30M', '2026-11-01', '2026-13-01T00:00:00Z']) expect(resolveStartTime(bad, now), bad).toBeUndefined();
  });

  it('is checked by validateConnector with a message that shows both forms', () => {
    const input = valid() as Record<string, unknown> & { config: Record<string, unknown> };
    input.config.startTime = 'last tuesday';
    expect(problemsOf(input)).toEqual([{ path: 'config.startTime', message: expect.stringMatching(/-PT30M/) }]);
    input.config.startTime = '-PT15M';
    expect(validateConnector(input).config.startTime).toBe('-PT15M');
  });
});
