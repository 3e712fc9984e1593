// The wizard's form state, and how it becomes the API's create body or edit patch (and comes back from a connector).
import type { AuthMethod, ConnectorView } from './types';

export const DEFAULT_INTERVAL_MINUTES = '5';
export const DATA_PROCESSOR = 'data-processor';

/** Every control of the wizard as typed: numbers stay text until they are sent, so a bad entry reaches the API's check. */
export interface Draft {
  category: 'paas';
  type: 'aws_cloudwatch';
  name: string;
  tenant: string;
  /** `data-processor`, or `sensor` with `sensorName`. */
  runOn: 'data-processor' | 'sensor';
  sensorName: string;
  logFilters: string[];
  authMethod: AuthMethod;
  accessKeyId: string;
  secretAccessKey: string;
  sourceAccessKeyId: string;
  sourceSecretAccessKey: string;
  roleArn: string;
  region: string;
  logGroups: string[];
  logStreams: string[];
  vpcFlowLogs: boolean;
  intervalMinutes: string;
  endpoint: string;
  maxLatenessMinutes: string;
}

/** Which secrets the stored connector has (Edit shows "set — leave empty to keep"). */
export interface StoredSecrets {
  secretAccessKey: boolean;
  sourceSecretAccessKey: boolean;
}

export function emptyDraft(tenant = ''): Draft {
  return {
    category: 'paas', type: 'aws_cloudwatch', name: '', tenant, runOn: DATA_PROCESSOR, sensorName: '', logFilters: [],
    authMethod: 'access_key', accessKeyId: '', secretAccessKey: '', sourceAccessKeyId: '', sourceSecretAccessKey: '', roleArn: '',
    region: 'us-east-1', logGroups: [], logStreams: [], vpcFlowLogs: false, intervalMinutes: DEFAULT_INTERVAL_MINUTES, endpoint: '', maxLatenessMinutes: '',
  };
}

/** A stored connector as the form shows it: secrets empty (never shown back), numbers as text. */
export function draftFromConnector(connector: ConnectorView): { draft: Draft; secrets: StoredSecrets } {
  const config = connector.config;
  const sensor = connector.runOn.startsWith('sensor:');
  return {
    draft: {
      category: 'paas', type: 'aws_cloudwatch', name: connector.name, tenant: connector.tenant,
      runOn: sensor ? 'sensor' : DATA_PROCESSOR, sensorName: sensor ? connector.runOn.slice('sensor:'.length) : '',
      logFilters: connector.logFilters ?? [], authMethod: config.authMethod,
      accessKeyId: config.accessKeyId ?? '', secretAccessKey: '', sourceAccessKeyId: config.sourceAccessKeyId ?? '', sourceSecretAccessKey: '',
      roleArn: config.roleArn ?? '', region: config.region, logGroups: config.logGroups, logStreams: config.logStreams ?? [],
      vpcFlowLogs: config.vpcFlowLogs ?? false, intervalMinutes: String(config.intervalMinutes ?? DEFAULT_INTERVAL_MINUTES),
      endpoint: config.endpoint ?? '', maxLatenessMinutes: config.maxLatenessMinutes === undefined ? '' : String(config.maxLatenessMinutes),
    },
    secrets: { secretAccessKey: config.secretAccessKey?.set === true, sourceSecretAccessKey: config.sourceSecretAccessKey?.set === true },
  };
}

export function runOnValue(draft: Draft): string {
  return draft.runOn === 'sensor' ? `sensor:${draft.sensorName.trim()}` : DATA_PROCESSOR;
}

/** "5" → 5; text that is not a whole number is sent as typed so the API names the field and its rule. */
function numberOrText(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** The config fields of the chosen auth method; empty optional fields are `undefined` (create) or `null` (edit removes them). */
function configBody(draft: Draft, empty: undefined | null): Record<string, unknown> {
  const optional = (text: string) => (text.trim() === '' ? empty : text.trim());
  const config: Record<string, unknown> = { authMethod: draft.authMethod, region: draft.region, logGroups: draft.logGroups };
  if (draft.authMethod === 'access_key') {
    config.accessKeyId = optional(draft.accessKeyId);
    config.secretAccessKey = draft.secretAccessKey === '' ? undefined : draft.secretAccessKey;
  } else {
    config.sourceAccessKeyId = optional(draft.sourceAccessKeyId);
    config.sourceSecretAccessKey = draft.sourceSecretAccessKey === '' ? undefined : draft.sourceSecretAccessKey;
    config.roleArn = optional(draft.roleArn);
  }
  config.logStreams = draft.logStreams.length === 0 ? empty : draft.logStreams;
  config.vpcFlowLogs = draft.vpcFlowLogs;
  config.intervalMinutes = draft.intervalMinutes.trim() === '' ? empty : numberOrText(draft.intervalMinutes);
  config.endpoint = optional(draft.endpoint);
  config.maxLatenessMinutes = draft.maxLatenessMinutes.trim() === '' ? empty : numberOrText(draft.maxLatenessMinutes);
  // JSON drops undefined; a left-empty secret on Edit is left out, which keeps the stored one.
  return Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
}

/** The body of POST /connectors. */
export function createBody(draft: Draft): Record<string, unknown> {
  return {
    name: draft.name, category: draft.category, type: draft.type, functions: ['collect'], tenant: draft.tenant,
    runOn: runOnValue(draft), logFilters: draft.logFilters, config: configBody(draft, undefined), addToDefaultProfile: false,
  };
}

/** The body of PATCH /connectors/{id}: the config (an empty optional field is removed) and the log filters. */
export function patchBody(draft: Draft): Record<string, unknown> {
  return { config: configBody(draft, null), logFilters: draft.logFilters };
}

/** The fields of the General tab: an API problem at one of these sends the person back there. */
export const GENERAL_PATHS = ['name', 'category', 'type', 'functions', 'tenant', 'runOn', 'logFilters'];

export function isGeneralPath(path: string): boolean {
  return GENERAL_PATHS.some((field) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`));
}

/** The draft fields the IAM policy depends on (never a secret). */
export function policyDraft(draft: Draft): { config: Record<string, unknown> } {
  const config: Record<string, unknown> = { authMethod: draft.authMethod, region: draft.region, logGroups: draft.logGroups };
  if (draft.authMethod === 'iam_role' && draft.roleArn.trim() !== '') config.roleArn = draft.roleArn.trim();
  return { config };
}
