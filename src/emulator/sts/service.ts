// STS over the Query protocol: AssumeRole (trust policy, ExternalId, durations, expiring sessions) and GetCallerIdentity.
import type { Clock } from '../../core/clock.js';
import { AwsError } from '../errors.js';
import { escapeXml, STS_NAMESPACE } from '../http.js';
import type { Accounts, Role } from '../iam/accounts.js';
import { accessDeniedMessage, authorize, principalKeys } from '../iam/authorizer.js';
import { checkPolicy } from '../iam/config.js';
import { conditionsHold, statementCovers, statementsOf, type RequestContext } from '../iam/policy.js';
import type { PolicyDocument, Principal, StsService } from '../types.js';

const SESSION_NAME_PATTERN = /^[\w+=,.@-]*$/;
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]*$/;
/** AWS caps sessions obtained with role credentials (role chaining) at one hour. */
const ROLE_CHAINING_MAX_SECONDS = 3600;

function iso(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Collects Coral-style constraint messages: `1 validation error detected: Value … at 'x' failed to satisfy constraint: …`. */
function validateAssumeRole(params: URLSearchParams): void {
  const problems: string[] = [];
  const check = (field: string, value: string | null, rules: { min?: number; max?: number; pattern?: RegExp; patternText?: string }) => {
    if (value === null) return;
    if (rules.min !== undefined && value.length < rules.min) problems.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have length greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && value.length > rules.max) problems.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${rules.max}`);
    if (rules.pattern !== undefined && !rules.pattern.test(value)) problems.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${rules.patternText}`);
  };
  if (params.get('RoleArn') === null) problems.push("Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
  if (params.get('RoleSessionName') === null) problems.push("Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null");
  check('roleArn', params.get('RoleArn'), { min: 20, max: 2048 });
  check('roleSessionName', params.get('RoleSessionName'), { min: 2, max: 64, pattern: SESSION_NAME_PATTERN, patternText: '[\\w+=,.@-]*' });
  check('policy', params.get('Policy'), { min: 1, max: 2048 });
  check('externalId', params.get('ExternalId'), { min: 2, max: 1224, pattern: EXTERNAL_ID_PATTERN, patternText: '[\\w+=,.@:\\/-]*' });
  const duration = params.get('DurationSeconds');
  if (duration !== null) {
    const seconds = Number(duration);
    if (!/^-?\d+$/.test(duration)) problems.push(`Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must be an integer`);
    else if (seconds < 900) problems.push(`Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
    else if (seconds > 43200) problems.push(`Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`);
  }
  if (problems.length > 0) {
    throw new AwsError('ValidationError', `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
  }
}

/** The ARNs a trust policy's `Principal.AWS` value stands for: an account id means that account's root. */
function principalPatterns(value: unknown): string[] {
  if (value === '*') return ['*'];
  if (typeof value !== 'object' || value === null) return [];
  const aws = (value as Record<string, unknown>).AWS;
  const list = aws === undefined ? [] : Array.isArray(aws) ? aws : [aws];
  return list.map((item) => (typeof item === 'string' && /^\d{12}$/.test(item) ? `arn:aws:iam::${item}:root` : String(item)));
}

/**
 * How the trust policy lets the caller in: 'specific' when it names the caller (user ARN, role ARN, session ARN),
 * 'account' when it names the caller's account root or `*` (then IAM in the caller's account must also allow).
 */
function trustMatch(role: Role, caller: Principal, context: RequestContext): 'specific' | 'account' | 'explicit-deny' | undefined {
  let match: 'specific' | 'account' | undefined;
  for (const statement of statementsOf(role.trustPolicy)) {
    if (!statementCovers(statement, context) || !conditionsHold(statement.Condition, context)) continue;
    let kind: 'specific' | 'account' | undefined;
    for (const pattern of principalPatterns(statement.Principal)) {
      if (pattern === '*' || pattern === `arn:aws:iam::${caller.accountId}:root`) kind ??= 'account';
      if (pattern === caller.arn || (caller.roleArn !== undefined && pattern === caller.roleArn)) kind = 'specific';
    }
    if (kind === undefined) continue;
    if (statement.Effect === 'Deny') return 'explicit-deny';
    if (match !== 'specific') match = kind;
  }
  return match;
}

/** AssumeRole's inline `Policy`: it limits the session to what both it and the role allow. */
function sessionPolicy(text: string | null): PolicyDocument[] {
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsError('MalformedPolicyDocument', 'Syntax errors in policy.');
  }
  const problems: Array<{ path: string; message: string }> = [];
  checkPolicy(parsed, 'Policy', 'identity', problems);
  if (problems.length > 0) throw new AwsError('MalformedPolicyDocument', problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return [parsed as PolicyDocument];
}

function assumeRole(accounts: Accounts, caller: Principal, region: string, params: URLSearchParams, requestId: string): string {
  validateAssumeRole(params);
  const roleArn = params.get('RoleArn') as string;
  const sessionName = params.get('RoleSessionName') as string;
  const externalId = params.get('ExternalId') ?? undefined;
  const role = accounts.findRole(roleArn);
  const action = 'sts:AssumeRole';
  const denied = () => new AwsError('AccessDenied', `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${roleArn}`, 403);
  if (role === undefined) throw denied();

  const context: RequestContext = {
    action,
    resource: role.arn,
    keys: { ...principalKeys(caller, region), 'sts:externalid': externalId, 'sts:rolesessionname': sessionName },
  };
  const { decision: identity, policyKind } = authorize(caller, context);
  if (identity === 'explicit-deny') throw new AwsError('AccessDenied', accessDeniedMessage(caller, action, roleArn, identity, policyKind), 403);
  const trust = trustMatch(role, caller, context);
  if (trust === undefined || trust === 'explicit-deny') throw denied();
  const sameAccount = caller.accountId === role.accountId;
  if (!(trust === 'specific' && sameAccount) && identity !== 'allow') throw denied();

  const requested = params.get('DurationSeconds');
  const durationSeconds = requested === null ? 3600 : Number(requested);
  if (caller.kind === 'assumed-role' && durationSeconds > ROLE_CHAINING_MAX_SECONDS) {
    throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (durationSeconds > role.maxSessionDurationSeconds) throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');

  const { credentials, principal } = accounts.issueSession(role, sessionName, durationSeconds, sessionPolicy(params.get('Policy')));
  return (
    `<AssumeRoleResponse xmlns="${STS_NAMESPACE}">\n  <AssumeRoleResult>\n    <AssumedRoleUser>\n` +
    `      <AssumedRoleId>${escapeXml(principal.userId)}</AssumedRoleId>\n      <Arn>${escapeXml(principal.arn)}</Arn>\n    </AssumedRoleUser>\n` +
    `    <Credentials>\n      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>\n` +
    `      <SessionToken>${credentials.sessionToken}</SessionToken>\n      <Expiration>${iso(credentials.expiresAt)}</Expiration>\n    </Credentials>\n` +
    `  </AssumeRoleResult>\n  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</AssumeRoleResponse>\n`
  );
}

function getCallerIdentity(caller: Principal, requestId: string): string {
  return (
    `<GetCallerIdentityResponse xmlns="${STS_NAMESPACE}">\n  <GetCallerIdentityResult>\n    <Arn>${escapeXml(caller.arn)}</Arn>\n` +
    `    <UserId>${escapeXml(caller.userId)}</UserId>\n    <Account>${caller.accountId}</Account>\n  </GetCallerIdentityResult>\n` +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`
  );
}

export function createStsService(options: { accounts: Accounts; clock: Clock }): StsService {
  const { accounts } = options;
  return {
    handle(principal, region, params, requestId) {
      const action = params.get('Action') ?? '';
      if (action === 'GetCallerIdentity') return getCallerIdentity(principal, requestId);
      if (action === 'AssumeRole') return assumeRole(accounts, principal, region, params, requestId);
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
    },
  };
}
