// The connector API's shapes as the console reads them (src/api/routes/connectors.ts, src/connectors/status.ts).

export type AuthMethod = 'access_key' | 'iam_role';

export interface ConnectorConfigView {
  authMethod: AuthMethod;
  accessKeyId?: string;
  secretAccessKey?: { set: true };
  sourceAccessKeyId?: string;
  sourceSecretAccessKey?: { set: true };
  roleArn?: string;
  externalId?: string;
  region: string;
  logGroups: string[];
  logStreams?: string[];
  vpcFlowLogs?: boolean;
  intervalMinutes?: number;
  endpoint?: string;
  startTime?: string;
  maxLatenessMinutes?: number;
}

export interface ConnectorView {
  id: string;
  name: string;
  category: 'paas';
  type: 'aws_cloudwatch';
  functions: ['collect'];
  tenant: string;
  runOn: string;
  logFilters?: string[];
  config: ConnectorConfigView;
  createdAt: string;
  updatedAt: string;
  profileIds: string[];
  pulling: boolean;
}

/** An AWS error explained with the product document's HTTP class (src/aws/explain.ts). */
export interface ExplainedError {
  httpStatus: number;
  httpName: string;
  explanation: string;
  recommendation: string;
  awsCode: string;
  awsMessage: string;
  awsHttpStatus?: number;
  requestId?: string;
}

export interface SchedulerStatus {
  state: 'pending' | 'ok' | 'failed';
  updatedAt: number;
  running: boolean;
  lastRunAt?: number;
  lastRunDurationMilliseconds?: number;
  eventsCollected: number;
  eventsLastRun: number;
  throttles: number;
  logGroups: Array<{ logGroup: string; lagMilliseconds: number; finalUntil: number; error?: ExplainedError }>;
  lastError?: ExplainedError & { logGroup?: string; at: number };
  clearedByTestAt?: number;
}

export interface TestCheck {
  name: string;
  status: 'passed' | 'failed' | 'warning';
  detail: string;
  error?: ExplainedError;
}

export interface ConnectivityResult {
  ok: boolean;
  summary: string;
  httpStatus: number;
  httpName: string;
  explanation?: string;
  recommendation?: string;
  awsCode?: string;
  awsMessage?: string;
  failedCheck?: string;
  identity?: string;
  checks: TestCheck[];
  durationMilliseconds: number;
}

export interface ConnectorStatusView {
  id: string;
  pulling: boolean;
  status: SchedulerStatus | null;
  lastTest: { at: string; result: ConnectivityResult } | null;
}

export interface Tenant {
  id: string;
  name: string;
}

export interface Profile {
  id: string;
  name: string;
  isDefault: boolean;
  connectorIds: string[];
}

export interface LogFilterSummary {
  id: string;
  name: string;
  tenant: string;
  action: 'drop' | 'keep';
  enabled: boolean;
}

export interface PolicyDocument {
  Version: string;
  Statement: unknown[];
}

export interface IamPolicies {
  policy: PolicyDocument;
  sourceUserPolicy?: PolicyDocument;
  trustPolicy?: PolicyDocument;
  notes: string[];
}
