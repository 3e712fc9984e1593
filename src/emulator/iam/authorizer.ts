// Authorizes Logs calls on the resource ARNs AWS checks for each action (as named in real AccessDenied messages).
import { AwsError } from '../errors.js';
import type { Authorizer, Principal, Scope } from '../types.js';
import { evaluate, type Decision, type RequestContext } from './policy.js';

/**
 * The resource AWS authorizes, per action. Real AccessDenied messages name `log-group::log-stream:` for
 * DescribeLogGroups, `log-group:G:log-stream:` (empty stream) for group-level calls, and the stream for
 * stream-level calls — which is why `log-group:G:*` and `log-group:G:*:*` policies allow group-level reads.
 */
const RESOURCE_LEVEL: Record<string, 'account' | 'group' | 'stream'> = {
  DescribeLogGroups: 'account',
  CreateLogGroup: 'group',
  DeleteLogGroup: 'group',
  DescribeLogStreams: 'group',
  FilterLogEvents: 'group',
  CreateLogStream: 'stream',
  DeleteLogStream: 'stream',
  PutLogEvents: 'stream',
  GetLogEvents: 'stream',
};

/** The log group name from `logGroupName`, or from `logGroupIdentifier` (a name or an ARN with or without `:*`). */
export function logGroupNameOf(input: Record<string, unknown>): string {
  if (typeof input.logGroupName === 'string') return input.logGroupName;
  const identifier = input.logGroupIdentifier;
  if (typeof identifier !== 'string') return '';
  const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.*?)(?::\*)?$/.exec(identifier);
  return match ? (match[1] as string) : identifier;
}

export function logsResourceArn(scope: Scope, operation: string, input: Record<string, unknown>): string | undefined {
  const level = RESOURCE_LEVEL[operation];
  if (level === undefined) return undefined;
  const prefix = `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:`;
  if (level === 'account') return `${prefix}:log-stream:`;
  const group = logGroupNameOf(input);
  if (level === 'group') return `${prefix}${group}:log-stream:`;
  return `${prefix}${group}:log-stream:${typeof input.logStreamName === 'string' ? input.logStreamName : ''}`;
}

/** Condition keys every request carries (names lower-cased, as IAM compares them case-insensitively). */
export function principalKeys(principal: Principal, region: string): RequestContext['keys'] {
  return {
    'aws:requestedregion': region,
    'aws:principalarn': principal.roleArn ?? principal.arn,
    'aws:principalaccount': principal.accountId,
    'aws:principaltype': principal.kind === 'user' ? 'User' : 'AssumedRole',
    'aws:userid': principal.userId,
    'aws:username': principal.kind === 'user' ? principal.arn.slice(principal.arn.lastIndexOf('/') + 1) : undefined,
    // The emulator serves plain HTTP, so a policy demanding TLS (a common guard) denies here as it would on AWS over HTTP.
    'aws:securetransport': 'false',
  };
}

/** AWS's AccessDenied wording for the implicit and the explicit deny, by identity-based or session policy. */
export function accessDeniedMessage(principal: Principal, action: string, resource: string, decision: Decision, policyKind: 'identity-based' | 'session' = 'identity-based'): string {
  const because = decision === 'explicit-deny' ? `with an explicit deny in a${policyKind === 'session' ? '' : 'n'} ${policyKind} policy` : `because no ${policyKind} policy allows the ${action} action`;
  return `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${because}`;
}

/** Identity policies, then the session policy when there is one: both must allow, and any explicit deny wins. */
export function authorize(principal: Principal, context: RequestContext): { decision: Decision; policyKind: 'identity-based' | 'session' } {
  const identity = evaluate(principal.policies, context);
  if (identity !== 'allow' || principal.sessionPolicies === undefined) return { decision: identity, policyKind: 'identity-based' };
  return { decision: evaluate(principal.sessionPolicies, context), policyKind: 'session' };
}

export function createAuthorizer(): Authorizer {
  return {
    authorizeLogs(principal, scope, operation, input) {
      const resource = logsResourceArn(scope, operation, input);
      if (resource === undefined) return; // not an operation the emulator serves: the Logs service answers UnknownOperation
      const action = `logs:${operation}`;
      const { decision, policyKind } = authorize(principal, { action, resource, keys: principalKeys(principal, scope.region) });
      if (decision !== 'allow') throw new AwsError('AccessDeniedException', accessDeniedMessage(principal, action, resource, decision, policyKind));
    },
  };
}
