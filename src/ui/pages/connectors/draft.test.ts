// The wizard's draft becomes exactly the body the API validates: secrets only when typed, empty optionals removed on Edit.
import { describe, expect, it } from 'vitest';
import { validateConnector } from '../../../core/connector';
import { createBody, draftFromConnector, emptyDraft, isGeneralPath, patchBody, policyDraft } from './draft';
import type { ConnectorView } from './types';

const filled = () => ({
  ...emptyDraft('acme'),
  name: 'vpc-flow',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'secret',
  logGroups: ['vpc-flow'],
  vpcFlowLogs: true,
  endpoint: ' http://127.0.0.1:4566 ',
});

describe('the wizard draft', () => {
  it('creates a body the connector schema accepts, with the default interval of 5 minutes', () => {
    const { addToDefaultProfile, ...connector } = createBody(filled());
    expect(addToDefaultProfile).toBe(false);
    const valid = validateConnector(connector);
    expect(valid.config).toMatchObject({ authMethod: 'access_key', intervalMinutes: 5, endpoint: 'http://127.0.0.1:4566', vpcFlowLogs: true });
    expect(valid.config).not.toHaveProperty('logStreams');
    expect(valid.config).not.toHaveProperty('roleArn');
  });

  it('sends only the chosen auth method\'s fields, and a bad number as typed so the API names it', () => {
    const body = createBody({ ...filled(), authMethod: 'iam_role', sourceAccessKeyId: 'AKIAJZHANGCONNECTOR1', sourceSecretAccessKey: 's', roleArn: 'arn:aws:iam::578000000273:role/r', intervalMinutes: 'five' });
    const config = body.config as Record<string, unknown>;
    expect(config).not.toHaveProperty('accessKeyId');
    expect(config).not.toHaveProperty('secretAccessKey');
    expect(config.intervalMinutes).toBe('five');
    expect(() => validateConnector(body)).toThrow(/intervalMinutes/);
  });

  it('on Edit, shows no secret, keeps it when left empty, and removes optional fields that were emptied', () => {
    const stored: ConnectorView = {
      id: 'c1', name: 'vpc-flow', category: 'paas', type: 'aws_cloudwatch', functions: ['collect'], tenant: 'acme', runOn: 'sensor:edge-1',
      config: { authMethod: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: { set: true }, region: 'eu-west-1', logGroups: ['a'], logStreams: ['s1'], intervalMinutes: 10, endpoint: 'http://127.0.0.1:4566' },
      createdAt: '', updatedAt: '', profileIds: [], pulling: true,
    };
    const { draft, secrets } = draftFromConnector(stored);
    expect(draft.secretAccessKey).toBe('');
    expect(secrets).toEqual({ secretAccessKey: true, sourceSecretAccessKey: false });
    expect(draft).toMatchObject({ runOn: 'sensor', sensorName: 'edge-1', intervalMinutes: '10', logStreams: ['s1'] });
    const patch = patchBody({ ...draft, endpoint: '', logStreams: [] });
    expect(patch.config).not.toHaveProperty('secretAccessKey');
    expect(patch.config).toMatchObject({ endpoint: null, logStreams: null, maxLatenessMinutes: null, intervalMinutes: 10 });
  });

  it('sends the IAM policy panel no secret, and knows which problems belong on the General tab', () => {
    expect(JSON.stringify(policyDraft(filled()))).not.toContain('secret');
    expect(['name', 'tenant', 'logFilters[0]'].every(isGeneralPath)).toBe(true);
    expect(['config.region', 'config.logGroups[0]', 'names'].some(isGeneralPath)).toBe(false);
  });
});
