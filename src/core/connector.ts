// The connector (CONTRACT.md): its schema, its type, and validation that names every bad field at once.
import { Type, type Static } from 'typebox';
import { ValidationError, type FieldProblem } from './errors.js';
import { AWS_REGIONS } from './regions.js';
import { schemaProblems } from './validate.js';

/** IAM role ARN in any partition, with an optional path (aws-api.md §4.4). */
export const ROLE_ARN_PATTERN = '^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::\\d{12}:role/(?:[\\x21-\\x7E]*/)?[\\w+=,.@-]{1,64}$';
const LOG_GROUP_NAME = Type.String({ minLength: 1, maxLength: 512, pattern: '^[.\\-_/#A-Za-z0-9]+$' });
const LOG_STREAM_NAME = Type.String({ minLength: 1, maxLength: 512, pattern: '^[^:*]+$' });
const ACCESS_KEY_ID = Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Z0-9]+$' });
const SECRET = Type.String({ minLength: 1, maxLength: 256 });

export const DEFAULT_INTERVAL_MINUTES = 5;

export const ConnectorConfigSchema = Type.Object(
  {
    authMethod: Type.Union([Type.Literal('access_key'), Type.Literal('iam_role')]),
    accessKeyId: Type.Optional(ACCESS_KEY_ID),
    secretAccessKey: Type.Optional(SECRET),
    sourceAccessKeyId: Type.Optional(ACCESS_KEY_ID),
    sourceSecretAccessKey: Type.Optional(SECRET),
    roleArn: Type.Optional(Type.String({ maxLength: 2048, pattern: ROLE_ARN_PATTERN })),
    externalId: Type.Optional(Type.String({ minLength: 2, maxLength: 1224, pattern: '^[\\w+=,.@:/-]+$' })),
    region: Type.Enum([...AWS_REGIONS]),
    logGroups: Type.Array(LOG_GROUP_NAME, { minItems: 1, maxItems: 1000, uniqueItems: true }),
    logStreams: Type.Optional(Type.Array(LOG_STREAM_NAME, { maxItems: 10_000, uniqueItems: true })),
    vpcFlowLogs: Type.Optional(Type.Boolean({ default: false })),
    vpcFlowLogFormat: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    intervalMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080, default: DEFAULT_INTERVAL_MINUTES })),
    endpoint: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
    /** ISO-8601 date-time, or a negative ISO-8601 duration (`-PT30M`, `-P7D`): that long before the first run. */
    startTime: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** How late (ingestion after timestamp) an event may arrive and still be collected; AWS accepts up to 14 days. */
    maxLatenessMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 20_160 })),
  },
  { additionalProperties: false },
);

export const ConnectorSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x20-\\x7E]+$' }),
    category: Type.Literal('paas'),
    type: Type.Literal('aws_cloudwatch'),
    functions: Type.Array(Type.Literal('collect'), { minItems: 1, maxItems: 1 }),
    tenant: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x20-\\x7E]+$' }),
    runOn: Type.String({ minLength: 1, maxLength: 128, pattern: '^(data-processor|sensor:[\\x21-\\x7E]+)$' }),
    logFilters: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { default: [], uniqueItems: true })),
    config: ConnectorConfigSchema,
  },
  { additionalProperties: false },
);

export type ConnectorConfig = Static<typeof ConnectorConfigSchema>;
export type Connector = Static<typeof ConnectorSchema>;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NEGATIVE_DURATION = /^-P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** A connector's startTime as epoch ms, given the time of the first run; undefined when it is not valid. */
export function resolveStartTime(startTime: string, now: number): number | undefined {
  if (DATE_TIME.test(startTime)) {
    const parsed = Date.parse(startTime);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  const match = NEGATIVE_DURATION.exec(startTime);
  if (!match || startTime === '-P' || startTime.endsWith('T')) return undefined;
  const [weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  return now - ((((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

/** The fields that are required, or forbidden, by the rules a JSON Schema does not state well. */
function ruleProblems(connector: Connector): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const config = connector.config;
  const requireFields = (fields: Array<keyof ConnectorConfig>, why: string) => {
    for (const field of fields) if (config[field] === undefined) problems.push({ path: `config.${field}`, message: `is required ${why}` });
  };
  const forbidFields = (fields: Array<keyof ConnectorConfig>, why: string) => {
    for (const field of fields) if (config[field] !== undefined) problems.push({ path: `config.${field}`, message: `is not used ${why}` });
  };
  if (config.authMethod === 'access_key') {
    requireFields(['accessKeyId', 'secretAccessKey'], "when authMethod is 'access_key'");
    forbidFields(['sourceAccessKeyId', 'sourceSecretAccessKey', 'roleArn', 'externalId'], "when authMethod is 'access_key'");
  } else {
    requireFields(['sourceAccessKeyId', 'sourceSecretAccessKey', 'roleArn'], "when authMethod is 'iam_role'");
    forbidFields(['accessKeyId', 'secretAccessKey'], "when authMethod is 'iam_role' (use sourceAccessKeyId and sourceSecretAccessKey)");
  }
  if ((config.logStreams?.length ?? 0) > 0 && config.logGroups.length !== 1) {
    problems.push({ path: 'config.logStreams', message: `can only be given with exactly one log group (config.logGroups has ${config.logGroups.length})` });
  }
  if (config.startTime !== undefined && resolveStartTime(config.startTime, 0) === undefined) {
    problems.push({ path: 'config.startTime', message: "must be an ISO-8601 date-time (2026-11-01T00:00:00Z) or a negative ISO-8601 duration (-PT30M, -P7D)" });
  }
  if (connector.name.trim() !== connector.name) problems.push({ path: 'name', message: 'must not start or end with a space' });
  return problems;
}

/**
 * Validates an untrusted connector (a file, an API body) and returns it typed, with defaults filled in.
 * Throws a ValidationError listing every bad field with its rule.
 */
export function validateConnector(input: unknown): Connector {
  const candidate = structuredClone(input);
  const problems = schemaProblems(ConnectorSchema, candidate);
  if (problems.length > 0) {
    // Name the multibyte rule plainly: it is the product document's wording and the most common mistake.
    for (const problem of problems) {
      if (problem.path === 'name' && /pattern/.test(problem.message)) problem.message = 'must be printable ASCII: multibyte characters are not accepted';
      if (problem.path === 'config.region') problem.message = 'must be an AWS Region code such as us-west-2';
      if (problem.path === 'config.roleArn' && /pattern/.test(problem.message)) problem.message = 'must be an IAM role ARN: arn:aws:iam::123456789012:role/NAME';
    }
    throw new ValidationError(problems);
  }
  const connector = candidate as Connector;
  const rules = ruleProblems(connector);
  if (rules.length > 0) throw new ValidationError(rules);
  return connector;
}
