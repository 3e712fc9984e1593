import { describe, expect, it } from 'vitest';
import { validateConnector } from '../core/connector.js';
import { connectorPolicies, LOGS_READ_ACTIONS } from './iam-policy.js';

const base = {
  name: 'c',
  category: 'paas',
  type: 'aws_cloudwatch',
  functions: ['collect'],
  tenant: 't',
  runOn: 'data-processor',
};

describe('connectorPolicies', () => {
  it('grants exactly the four Logs read actions on the connector groups for the access key method', () => {
    const connector = validateConnector({ ...base, config: { authMethod: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's', region: 'us-west-2', logGroups: ['vpc-flow', '/aws/events/guardduty'] } });
    const { logsPolicy, trustPolicy, sourceUserPolicy } = connectorPolicies(connector);
    const actions = logsPolicy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
    expect(actions).toEqual([...LOGS_READ_ACTIONS].sort());
    expect(logsPolicy.Statement[1]?.Resource).toEqual(['arn:aws:logs:us-west-2:*:log-group:vpc-flow:*', 'arn:aws:logs:us-west-2:*:log-group:/aws/events/guardduty:*']);
    expect(trustPolicy).toBeUndefined();
    expect(sourceUserPolicy).toBeUndefined();
  });

  it('scopes to the role account and partition, and puts the external ID in the trust policy', () => {
    const connector = validateConnector({
      ...base,
      config: { authMethod: 'iam_role', sourceAccessKeyId: 'AKIAIOSFODNN7EXAMPLE', sourceSecretAccessKey: 's', roleArn: 'arn:aws-us-gov:iam::578000000273:role/Stellar-cloudwatch-role', externalId: 'ext-42', region: 'us-gov-west-1', logGroups: ['System'] },
    });
    const policies = connectorPolicies(connector);
    expect(policies.logsPolicy.Statement[0]?.Resource).toBe('arn:aws-us-gov:logs:us-gov-west-1:578000000273:log-group:*');
    expect(policies.logsPolicy.Statement[1]?.Resource).toEqual(['arn:aws-us-gov:logs:us-gov-west-1:578000000273:log-group:System:*']);
    expect(policies.trustPolicy?.Statement[0]).toMatchObject({ Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'ext-42' } } });
    expect(policies.sourceUserPolicy?.Statement[0]).toMatchObject({ Action: 'sts:AssumeRole', Resource: 'arn:aws-us-gov:iam::578000000273:role/Stellar-cloudwatch-role' });
  });
});
