// The connector API's shapes as the console reads them (src/api/routes/connectors.ts); test results and status are the
// server's own types (src/connectors/reports.ts: plain types with no runtime code, erased from the bundle).
import type { ConnectivityResult, ConnectorStatus } from '../../../connectors/reports';

export type { ConnectivityResult } from '../../../connectors/reports';

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

export interface ConnectorStatusView {
  id: string;
  pulling: boolean;
  status: ConnectorStatus | null;
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
