// /api/v1/iam-policy and /api/v1/regions: the wizard's policy panel and Region list, validated and behind sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../test-support.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => api.close());

const policyFor = (payload: unknown, token = api.tokens.acmeAnalyst) =>
  api.app.inject({ method: 'POST', url: '/api/v1/iam-policy', headers: api.auth(token), payload: payload as object });

describe('POST /api/v1/iam-policy', () => {
  it('gives the access-key policy scoped to the Region and the log groups entered, and no trust policy', async () => {
    const response = await policyFor({ config: { authMethod: 'access_key', region: 'eu-west-1', logGroups: ['vpc-flow', '/ecs/web-app'] } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.trustPolicy).toBeUndefined();
    const read = body.policy.Statement.find((statement: { Sid: string }) => statement.Sid === 'CwcReadLogGroups');
    expect(read.Action).toEqual(['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents']);
    expect(read.Resource).toEqual(['arn:aws:logs:eu-west-1:*:log-group:vpc-flow:*', 'arn:aws:logs:eu-west-1:*:log-group:/ecs/web-app:*']);
    // Nothing that writes or deletes.
    expect(JSON.stringify(body.policy)).not.toMatch(/Put|Delete|Create|"\*"/);
  });

  it('gives the IAM-role policies in the role\'s account and partition, with the trust policy and its external id', async () => {
    const roleArn = 'arn:aws-us-gov:iam::578000000273:role/Stellar-cloudwatch-role';
    const response = await policyFor({ config: { authMethod: 'iam_role', region: 'us-gov-west-1', logGroups: ['waf'], roleArn, externalId: 'tenant-7' } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(JSON.stringify(body.policy)).toContain('arn:aws-us-gov:logs:us-gov-west-1:578000000273:log-group:waf:*');
    expect(body.trustPolicy.Statement[0]).toMatchObject({ Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'tenant-7' } } });
    expect(body.sourceUserPolicy.Statement[0]).toMatchObject({ Action: 'sts:AssumeRole', Resource: roleArn });
  });

  it('names every bad field of a draft with the connector\'s field paths', async () => {
    const response = await policyFor({ config: { authMethod: 'iam_role', region: 'mars-1', logGroups: ['bad name!'] } });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.map((problem: { path: string }) => problem.path);
    expect(paths).toEqual(expect.arrayContaining(['config.region', 'config.logGroups[0]']));

    const noRole = await policyFor({ config: { authMethod: 'iam_role', region: 'us-east-1', logGroups: ['waf'] } });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().error.details).toEqual([{ path: 'config.roleArn', message: "is required when authMethod is 'iam_role'" }]);

    // Secrets have no business here: an unknown field is refused rather than silently accepted.
    const withSecret = await policyFor({ config: { authMethod: 'access_key', region: 'us-east-1', logGroups: ['waf'], secretAccessKey: 'x' } });
    expect(withSecret.statusCode).toBe(400);
    expect(withSecret.json().error.details).toContainEqual(expect.objectContaining({ path: 'config.secretAccessKey' }));
  });

  it('requires sign-in', async () => {
    const response = await api.app.inject({ method: 'POST', url: '/api/v1/iam-policy', payload: { config: { authMethod: 'access_key', region: 'us-east-1', logGroups: ['waf'] } } });
    expect(response.statusCode).toBe(401);
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/regions' })).statusCode).toBe(401);
  });
});

describe('GET /api/v1/regions', () => {
  it('lists the Regions the connector schema accepts, with their partitions', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/v1/regions', headers: api.auth(api.tokens.acmeAnalyst) });
    expect(response.statusCode).toBe(200);
    const regions = response.json().regions as Array<{ code: string; partition: string }>;
    expect(regions).toContainEqual({ code: 'us-east-1', partition: 'aws' });
    expect(regions).toContainEqual({ code: 'cn-north-1', partition: 'aws-cn' });
    expect(regions.length).toBeGreaterThan(30);
  });
});
