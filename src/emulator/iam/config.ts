// The emulator's IAM file (CONTRACT "Emulator IAM file"): accounts, users with keys, roles; validated with field paths.
import { readFileSync } from 'node:fs';
import { ValidationError, type FieldProblem } from '../../core/errors.js';
import type { PolicyDocument } from '../types.js';
import { parseOperator } from './policy.js';

export interface IamUserConfig {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  policies?: PolicyDocument[];
}

export interface IamRoleConfig {
  name: string;
  /** IAM path, `/` by default; part of the role ARN. */
  path?: string;
  trustPolicy: PolicyDocument;
  policies?: PolicyDocument[];
  /** 3600–43200, default 3600 (as in IAM). */
  maxSessionDurationSeconds?: number;
}

export interface IamAccountConfig {
  id: string;
  users?: IamUserConfig[];
  roles?: IamRoleConfig[];
}

export interface IamConfig {
  accounts: IamAccountConfig[];
}

const NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;
const ACCESS_KEY_PATTERN = /^AKIA[A-Z0-9]{12,124}$/;
const PATH_PATTERN = /^\/(?:[\x21-\x7E]*\/)?$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrStrings(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'));
}

/** Checks one policy document; `trust` documents need a Principal and no Resource. */
export function checkPolicy(policy: unknown, path: string, kind: 'identity' | 'trust', problems: FieldProblem[]): void {
  if (!isObject(policy)) {
    problems.push({ path, message: 'must be a JSON policy document object' });
    return;
  }
  if (policy.Version !== undefined && policy.Version !== '2012-10-17' && policy.Version !== '2008-10-17') {
    problems.push({ path: `${path}.Version`, message: "must be '2012-10-17' or '2008-10-17'" });
  }
  const statements = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement === undefined ? undefined : [policy.Statement];
  if (statements === undefined || statements.length === 0) {
    problems.push({ path: `${path}.Statement`, message: 'is required (a statement or a non-empty list of statements)' });
    return;
  }
  statements.forEach((statement, index) => {
    const at = Array.isArray(policy.Statement) ? `${path}.Statement[${index}]` : `${path}.Statement`;
    if (!isObject(statement)) {
      problems.push({ path: at, message: 'must be an object' });
      return;
    }
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') problems.push({ path: `${at}.Effect`, message: "must be 'Allow' or 'Deny'" });
    if ((statement.Action === undefined) === (statement.NotAction === undefined)) problems.push({ path: `${at}.Action`, message: 'exactly one of Action and NotAction is required' });
    for (const field of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
      if (statement[field] !== undefined && !isStringOrStrings(statement[field])) problems.push({ path: `${at}.${field}`, message: 'must be a string or a non-empty list of strings' });
    }
    if (kind === 'identity') {
      if ((statement.Resource === undefined) === (statement.NotResource === undefined)) problems.push({ path: `${at}.Resource`, message: 'exactly one of Resource and NotResource is required' });
      if (statement.Principal !== undefined) problems.push({ path: `${at}.Principal`, message: 'is not allowed in an identity-based policy' });
    } else {
      checkPrincipal(statement.Principal, `${at}.Principal`, problems);
    }
    if (statement.NotPrincipal !== undefined) problems.push({ path: `${at}.NotPrincipal`, message: 'is not supported by the emulator' });
    if (statement.Condition !== undefined) checkCondition(statement.Condition, `${at}.Condition`, problems);
  });
}

function checkPrincipal(principal: unknown, path: string, problems: FieldProblem[]): void {
  if (principal === '*') return;
  if (!isObject(principal)) {
    problems.push({ path, message: "is required in a trust policy: '*' or an object such as {\"AWS\": \"arn:aws:iam::123456789012:root\"}" });
    return;
  }
  for (const [type, value] of Object.entries(principal)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) problems.push({ path: `${path}.${type}`, message: 'must be AWS, Service, Federated or CanonicalUser' });
    else if (!isStringOrStrings(value)) problems.push({ path: `${path}.${type}`, message: 'must be a string or a non-empty list of strings' });
  }
}

function checkCondition(condition: unknown, path: string, problems: FieldProblem[]): void {
  if (!isObject(condition)) {
    problems.push({ path, message: 'must be an object of condition operators' });
    return;
  }
  for (const [operator, block] of Object.entries(condition)) {
    if (parseOperator(operator) === undefined) problems.push({ path: `${path}.${operator}`, message: 'is not a condition operator the emulator supports (String*, Arn*, Bool, Null, with ForAnyValue:/ForAllValues:/IfExists)' });
    if (!isObject(block)) {
      problems.push({ path: `${path}.${operator}`, message: 'must map condition keys to values' });
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0 || !values.every((item) => ['string', 'boolean', 'number'].includes(typeof item))) {
        problems.push({ path: `${path}.${operator}.${key}`, message: 'must be a string or a list of strings' });
      }
    }
  }
}

/** Validates a parsed IAM file and reports every problem with its path, e.g. `accounts[0].users[1].accessKeyId`. */
export function validateIamConfig(raw: unknown): IamConfig {
  const problems: FieldProblem[] = [];
  if (!isObject(raw) || !Array.isArray(raw.accounts) || raw.accounts.length === 0) {
    throw new ValidationError([{ path: 'accounts', message: 'must be a non-empty list of accounts' }]);
  }
  const accountIds = new Set<string>();
  const accessKeys = new Set<string>();
  raw.accounts.forEach((account: unknown, accountIndex: number) => {
    const at = `accounts[${accountIndex}]`;
    if (!isObject(account)) {
      problems.push({ path: at, message: 'must be an object' });
      return;
    }
    if (typeof account.id !== 'string' || !/^\d{12}$/.test(account.id)) problems.push({ path: `${at}.id`, message: 'must be a 12-digit account id' });
    else if (accountIds.has(account.id)) problems.push({ path: `${at}.id`, message: `duplicate account id ${account.id}` });
    else accountIds.add(account.id);
    for (const listName of ['users', 'roles'] as const) {
      if (account[listName] !== undefined && !Array.isArray(account[listName])) problems.push({ path: `${at}.${listName}`, message: 'must be a list' });
    }
    const userNames = new Set<string>();
    (Array.isArray(account.users) ? account.users : []).forEach((user: unknown, userIndex: number) => {
      const userAt = `${at}.users[${userIndex}]`;
      if (!isObject(user)) return void problems.push({ path: userAt, message: 'must be an object' });
      if (typeof user.name !== 'string' || !NAME_PATTERN.test(user.name)) problems.push({ path: `${userAt}.name`, message: 'must be 1-64 characters of letters, digits and +=,.@_-' });
      else if (userNames.has(user.name)) problems.push({ path: `${userAt}.name`, message: `duplicate user name ${user.name}` });
      else userNames.add(user.name);
      if (typeof user.accessKeyId !== 'string' || !ACCESS_KEY_PATTERN.test(user.accessKeyId)) problems.push({ path: `${userAt}.accessKeyId`, message: "must start with 'AKIA' followed by 12 or more upper-case letters and digits" });
      else if (accessKeys.has(user.accessKeyId)) problems.push({ path: `${userAt}.accessKeyId`, message: `duplicate access key ${user.accessKeyId}` });
      else accessKeys.add(user.accessKeyId);
      if (typeof user.secretAccessKey !== 'string' || user.secretAccessKey.length < 1) problems.push({ path: `${userAt}.secretAccessKey`, message: 'is required' });
      checkPolicies(user.policies, `${userAt}.policies`, problems);
    });
    const roleNames = new Set<string>();
    (Array.isArray(account.roles) ? account.roles : []).forEach((role: unknown, roleIndex: number) => {
      const roleAt = `${at}.roles[${roleIndex}]`;
      if (!isObject(role)) return void problems.push({ path: roleAt, message: 'must be an object' });
      if (typeof role.name !== 'string' || !NAME_PATTERN.test(role.name)) problems.push({ path: `${roleAt}.name`, message: 'must be 1-64 characters of letters, digits and +=,.@_-' });
      else if (roleNames.has(role.name.toLowerCase())) problems.push({ path: `${roleAt}.name`, message: `duplicate role name ${role.name}` });
      else roleNames.add(role.name.toLowerCase());
      if (role.path !== undefined && (typeof role.path !== 'string' || !PATH_PATTERN.test(role.path))) problems.push({ path: `${roleAt}.path`, message: "must be '/' or '/some/path/'" });
      checkPolicy(role.trustPolicy, `${roleAt}.trustPolicy`, 'trust', problems);
      checkPolicies(role.policies, `${roleAt}.policies`, problems);
      const max = role.maxSessionDurationSeconds;
      if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 3600 || max > 43200)) problems.push({ path: `${roleAt}.maxSessionDurationSeconds`, message: 'must be an integer from 3600 to 43200' });
    });
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return raw as unknown as IamConfig;
}

function checkPolicies(policies: unknown, path: string, problems: FieldProblem[]): void {
  if (policies === undefined) return;
  if (!Array.isArray(policies)) return void problems.push({ path, message: 'must be a list of policy documents' });
  policies.forEach((policy, index) => checkPolicy(policy, `${path}[${index}]`, 'identity', problems));
}

/** Reads and validates an IAM file; errors name the file and the bad field. */
export function loadIamFile(filePath: string): IamConfig {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new ValidationError([{ path: '--iam', message: `cannot read ${filePath}: ${(error as Error).message}` }]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ValidationError([{ path: '--iam', message: `${filePath} is not valid JSON: ${(error as Error).message}` }]);
  }
  try {
    return validateIamConfig(parsed);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.details.map((d) => ({ path: `${filePath}: ${d.path}`, message: d.message })));
    throw error;
  }
}
