// /api/v1/iam-policy (the least-privilege policies for a connector draft) and /api/v1/regions (the wizard's Region list).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { connectorPolicies } from '../../aws/iam-policy.js';
import { ConnectorConfigSchema, type Connector } from '../../core/connector.js';
import { ValidationError, type FieldProblem } from '../../core/errors.js';
import { AWS_REGIONS, partitionOf } from '../../core/regions.js';

const fields = ConnectorConfigSchema.properties;

/**
 * Only what the policy depends on: secrets are never needed (nor wanted) here. Paths match the connector's
 * (`config.region`, `config.logGroups[0]`), so the wizard shows problems beside the same controls.
 */
const DraftBody = Type.Object(
  {
    config: Type.Object(
      {
        authMethod: fields.authMethod,
        region: fields.region,
        logGroups: fields.logGroups,
        roleArn: fields.roleArn,
        externalId: fields.externalId,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

type Draft = { config: Pick<Connector['config'], 'authMethod' | 'region' | 'logGroups' | 'roleArn' | 'externalId'> };

const tags = ['connectors'];

export function registerIamPolicyRoutes(app: FastifyInstance): void {
  app.post('/api/v1/iam-policy', { config: { summary: 'The least-privilege IAM policies for a connector draft', tags }, schema: { body: DraftBody } }, async (request) => {
    const { config } = request.body as Draft;
    const problems: FieldProblem[] = [];
    if (config.authMethod === 'iam_role' && config.roleArn === undefined) problems.push({ path: 'config.roleArn', message: "is required when authMethod is 'iam_role'" });
    if (config.authMethod === 'access_key' && config.roleArn !== undefined) problems.push({ path: 'config.roleArn', message: "is not used when authMethod is 'access_key'" });
    if (problems.length > 0) throw new ValidationError(problems);
    // connectorPolicies reads only the config fields above; the general fields are placeholders.
    const draft = { name: 'draft', category: 'paas', type: 'aws_cloudwatch', functions: ['collect'], tenant: 'draft', runOn: 'data-processor', config } as Connector;
    const policies = connectorPolicies(draft);
    return {
      policy: policies.logsPolicy,
      ...(policies.sourceUserPolicy ? { sourceUserPolicy: policies.sourceUserPolicy } : {}),
      ...(policies.trustPolicy ? { trustPolicy: policies.trustPolicy } : {}),
      notes: policies.notes,
    };
  });

  app.get('/api/v1/regions', { config: { summary: 'The AWS Regions a connector can read from', tags } }, async () => ({
    regions: AWS_REGIONS.map((code) => ({ code, partition: partitionOf(code) })),
  }));
}
