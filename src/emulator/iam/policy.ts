// IAM policy evaluation as AWS does it for one request: explicit deny wins, then any allow, else implicit deny.
import type { PolicyDocument } from '../types.js';

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>;
}

/** The request as policies see it: the action, the resource ARN and the condition keys (lower-cased names). */
export interface RequestContext {
  /** `logs:FilterLogEvents`, `sts:AssumeRole`. */
  action: string;
  resource: string;
  /** Keys in lower case (`aws:requestedregion`); multi-valued keys are arrays. */
  keys: Record<string, string | string[] | undefined>;
}

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

export function statementsOf(policy: PolicyDocument): Statement[] {
  const statements = policy.Statement;
  return (Array.isArray(statements) ? statements : [statements]) as Statement[];
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const globCache = new Map<string, RegExp>();

/** IAM wildcards: `*` any run of characters, `?` exactly one; everything else literal. */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = globCache.get(cacheKey);
  if (regex === undefined) {
    const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    if (globCache.size > 10_000) globCache.clear();
    globCache.set(cacheKey, regex);
  }
  return regex.test(value);
}

/** Action names are case-insensitive (`logs:filterlogevents` matches). */
export function actionMatches(pattern: string, action: string): boolean {
  return pattern === '*' || globMatches(pattern, action, true);
}

/**
 * ARN matching: the first five colon-separated parts (arn, partition, service, region, account) match one by one,
 * so a `*` there cannot run into the next part; the rest (`log-group:NAME:log-stream:S`) is one glob.
 */
export function resourceMatches(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const patternParts = splitArn(pattern);
  const arnParts = splitArn(arn);
  if (patternParts === undefined || arnParts === undefined) return globMatches(pattern, arn);
  return patternParts.every((part, index) => globMatches(part, arnParts[index] as string));
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

type BaseOperator = (requestValue: string, policyValue: string) => boolean;

const BASE_OPERATORS: Record<string, { test: BaseOperator; negated: boolean }> = {
  stringequals: { test: (r, p) => r === p, negated: false },
  stringnotequals: { test: (r, p) => r === p, negated: true },
  stringequalsignorecase: { test: (r, p) => r.toLowerCase() === p.toLowerCase(), negated: false },
  stringnotequalsignorecase: { test: (r, p) => r.toLowerCase() === p.toLowerCase(), negated: true },
  stringlike: { test: (r, p) => globMatches(p, r), negated: false },
  stringnotlike: { test: (r, p) => globMatches(p, r), negated: true },
  arnequals: { test: (r, p) => r === p, negated: false },
  arnnotequals: { test: (r, p) => r === p, negated: true },
  arnlike: { test: (r, p) => resourceMatches(p, r), negated: false },
  arnnotlike: { test: (r, p) => resourceMatches(p, r), negated: true },
  bool: { test: (r, p) => r.toLowerCase() === p.toLowerCase(), negated: false },
};

/** Splits `ForAnyValue:StringEqualsIfExists` into its qualifier, base operator and IfExists flag; undefined if unknown. */
export function parseOperator(name: string): { qualifier: 'any' | 'all' | 'single'; base: string; ifExists: boolean } | undefined {
  let rest = name.toLowerCase();
  let qualifier: 'any' | 'all' | 'single' = 'single';
  if (rest.startsWith('foranyvalue:')) {
    qualifier = 'any';
    rest = rest.slice('foranyvalue:'.length);
  } else if (rest.startsWith('forallvalues:')) {
    qualifier = 'all';
    rest = rest.slice('forallvalues:'.length);
  }
  let ifExists = false;
  if (rest.endsWith('ifexists') && rest !== 'null') {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  if (rest !== 'null' && BASE_OPERATORS[rest] === undefined) return undefined;
  if (rest === 'null' && (qualifier !== 'single' || ifExists)) return undefined;
  return { qualifier, base: rest, ifExists };
}

function conditionHolds(operatorName: string, key: string, policyValues: string[], context: RequestContext): boolean {
  const operator = parseOperator(operatorName);
  if (operator === undefined) return false;
  const raw = context.keys[key.toLowerCase()];
  const requestValues = asList(raw);
  if (operator.base === 'null') {
    const wantsMissing = policyValues.some((value) => value.toLowerCase() === 'true');
    return wantsMissing === (requestValues.length === 0);
  }
  const base = BASE_OPERATORS[operator.base] as { test: BaseOperator; negated: boolean };
  // For a negated operator a value "matches" when it equals none of the policy values.
  const valueMatches = (value: string) => {
    const hit = policyValues.some((policyValue) => base.test(value, policyValue));
    return base.negated ? !hit : hit;
  };
  if (operator.qualifier === 'any') return requestValues.some(valueMatches);
  if (operator.qualifier === 'all') return requestValues.every(valueMatches);
  if (requestValues.length === 0) return operator.ifExists || base.negated;
  return requestValues.some(valueMatches);
}

/** Every operator block must hold; within a block every key must hold; within a key any value may match. */
export function conditionsHold(condition: Statement['Condition'], context: RequestContext): boolean {
  if (condition === undefined) return true;
  for (const [operator, block] of Object.entries(condition)) {
    for (const [key, value] of Object.entries(block)) {
      const policyValues = (Array.isArray(value) ? value : [value]).map(String);
      if (!conditionHolds(operator, key, policyValues, context)) return false;
    }
  }
  return true;
}

/** Does this statement apply to the action and resource (ignoring Principal and Condition)? */
export function statementCovers(statement: Statement, context: RequestContext): boolean {
  const actionHit =
    statement.Action !== undefined
      ? asList(statement.Action).some((pattern) => actionMatches(pattern, context.action))
      : !asList(statement.NotAction).some((pattern) => actionMatches(pattern, context.action));
  if (!actionHit) return false;
  if (statement.Resource === undefined && statement.NotResource === undefined) return true; // trust policies name no resource
  return statement.Resource !== undefined
    ? asList(statement.Resource).some((pattern) => resourceMatches(pattern, context.resource))
    : !asList(statement.NotResource).some((pattern) => resourceMatches(pattern, context.resource));
}

/** Evaluates identity-based policies for one request. */
export function evaluate(policies: PolicyDocument[], context: RequestContext, statementFilter: (statement: Statement) => boolean = () => true): Decision {
  let allowed = false;
  for (const policy of policies) {
    for (const statement of statementsOf(policy)) {
      if (!statementFilter(statement) || !statementCovers(statement, context) || !conditionsHold(statement.Condition, context)) continue;
      if (statement.Effect === 'Deny') return 'explicit-deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'implicit-deny';
}
