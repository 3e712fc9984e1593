// The least-privilege IAM policies a connector needs: the four Logs read actions on its groups, plus sts:AssumeRole.
import type { Connector } from '../core/connector.js';
import { partitionOf } from '../core/regions.js';

/** Exactly the product document's four actions: nothing that writes, deletes or reads other services. */
export const LOGS_READ_ACTIONS = ['logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'] as const;

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  Principal?: { AWS: string | string[] };
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface ConnectorPolicies {
  /** Attach to the user (access key method) or to the role (IAM role method). */
  logsPolicy: PolicyDocument;
  /** IAM role method: attach to the source account's user so it may assume the role. */
  sourceUserPolicy?: PolicyDocument;
  /** IAM role method: the role's trust policy. */
  trustPolicy?: PolicyDocument;
  /** What the person still has to fill in, e.g. the source user's ARN. */
  notes: string[];
}

const SOURCE_USER_PLACEHOLDER = 'arn:aws:iam::SOURCE_ACCOUNT_ID:user/SOURCE_USER_NAME';

function roleAccount(roleArn: string | undefined): string | undefined {
  return roleArn?.split(':')[4];
}

/**
 * AWS authorizes DescribeLogGroups on the account's log-group space, and the other three actions on the log group
 * (`…:log-group:NAME:*` covers the group and every stream in it).
 */
export function connectorPolicies(connector: Connector): ConnectorPolicies {
  const { region, logGroups, authMethod, roleArn, externalId } = connector.config;
  const partition = partitionOf(region);
  const account = authMethod === 'iam_role' ? (roleAccount(roleArn) ?? '*') : '*';
  const groupArn = (group: string) => `arn:${partition}:logs:${region}:${account}:log-group:${group}:*`;
  const logsPolicy: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CwcListLogGroups', Effect: 'Allow', Action: 'logs:DescribeLogGroups', Resource: `arn:${partition}:logs:${region}:${account}:log-group:*` },
      { Sid: 'CwcReadLogGroups', Effect: 'Allow', Action: ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents'], Resource: logGroups.map(groupArn) },
    ],
  };
  const notes: string[] = [];
  if (authMethod === 'access_key') {
    notes.push('Attach logsPolicy to the IAM user whose access key the connector uses.');
    return { logsPolicy, notes };
  }
  const sourceUserPolicy: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'CwcAssumeConnectorRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn ?? '*' }],
  };
  const trust: PolicyStatement = { Sid: 'CwcTrustSourceUser', Effect: 'Allow', Principal: { AWS: SOURCE_USER_PLACEHOLDER }, Action: 'sts:AssumeRole' };
  if (externalId !== undefined) trust.Condition = { StringEquals: { 'sts:ExternalId': externalId } };
  notes.push(
    `Attach logsPolicy to the role ${roleArn ?? ''} as its permissions policy.`,
    'Set trustPolicy as the role\'s trust policy, replacing SOURCE_ACCOUNT_ID and SOURCE_USER_NAME with the user that owns the source access key (`aws sts get-caller-identity` with that key prints its ARN).',
    'Attach sourceUserPolicy to that source user (needed when the role is in another account).',
  );
  return { logsPolicy, sourceUserPolicy, trustPolicy: { Version: '2012-10-17', Statement: [trust] }, notes };
}
