// IAM evaluation rules: wildcards, NotAction/NotResource, explicit deny, and condition operators with missing keys.
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../types.js';
import { logsResourceArn } from './authorizer.js';
import { evaluate, resourceMatches, type RequestContext } from './policy.js';

const context = (overrides: Partial<RequestContext> = {}): RequestContext => ({
  action: 'logs:FilterLogEvents',
  resource: 'arn:aws:logs:us-west-2:111122223333:log-group:vpc-flow:log-stream:',
  keys: { 'aws:requestedregion': 'us-west-2' },
  ...overrides,
});
const policy = (...statements: unknown[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });

describe('IAM policy evaluation', () => {
  it('denies by default and lets an explicit deny win over any allow', () => {
    expect(evaluate([], context())).toBe('implicit-deny');
    const allow = policy({ Effect: 'Allow', Action: 'logs:*', Resource: '*' });
    expect(evaluate([allow], context())).toBe('allow');
    expect(evaluate([allow, policy({ Effect: 'Deny', Action: 'logs:Filter*', Resource: '*' })], context())).toBe('explicit-deny');
  });

  it('matches action names case-insensitively with * and ?', () => {
    expect(evaluate([policy({ Effect: 'Allow', Action: 'LOGS:filterlogevents', Resource: '*' })], context())).toBe('allow');
    expect(evaluate([policy({ Effect: 'Allow', Action: 'logs:?ilterLogEvents', Resource: '*' })], context())).toBe('allow');
    expect(evaluate([policy({ Effect: 'Allow', Action: 'logs:Get*', Resource: '*' })], context())).toBe('implicit-deny');
    expect(evaluate([policy({ Effect: 'Allow', NotAction: 'logs:PutLogEvents', Resource: '*' })], context())).toBe('allow');
    expect(evaluate([policy({ Effect: 'Allow', NotAction: ['logs:Filter*'], Resource: '*' })], context())).toBe('implicit-deny');
  });

  it('matches resources case-sensitively, part by part for the ARN prefix', () => {
    const arn = 'arn:aws:logs:us-west-2:111122223333:log-group:vpc-flow:log-stream:';
    expect(resourceMatches('arn:aws:logs:us-west-2:111122223333:log-group:vpc-flow:*', arn)).toBe(true);
    expect(resourceMatches('arn:aws:logs:us-west-2:111122223333:log-group:VPC-flow:*', arn)).toBe(false);
    expect(resourceMatches('arn:aws:logs:*:*:log-group:vpc-*', arn)).toBe(true);
    expect(resourceMatches('arn:aws:logs:us-*-2:111122223333:log-group:vpc-flow:*', arn)).toBe(true);
    // A * in the region part cannot swallow the account.
    expect(resourceMatches('arn:aws:logs:*:log-group:vpc-flow:*', arn)).toBe(false);
    expect(evaluate([policy({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:logs:*:*:log-group:secret*' })], context())).toBe('allow');
  });

  it('evaluates String conditions, ForAnyValue/ForAllValues, IfExists and Null like IAM', () => {
    const withCondition = (condition: unknown) => policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition });
    const check = (condition: unknown, keys: RequestContext['keys']) => evaluate([withCondition(condition)], context({ keys }));
    expect(check({ StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-west-2'] } }, { 'aws:requestedregion': 'us-west-2' })).toBe('allow');
    expect(check({ StringEquals: { 'aws:RequestedRegion': 'us-west-2' } }, { 'aws:requestedregion': 'us-east-1' })).toBe('implicit-deny');
    expect(check({ StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } }, { 'aws:requestedregion': 'us-west-2' })).toBe('allow');
    expect(check({ StringLike: { 'sts:ExternalId': 'tenant-*' } }, { 'sts:externalid': 'tenant-42' })).toBe('allow');
    expect(check({ StringLike: { 'sts:ExternalId': 'tenant-*' } }, {})).toBe('implicit-deny');
    expect(check({ StringNotLike: { 'sts:ExternalId': 'tenant-*' } }, {})).toBe('allow'); // negated operators hold for a missing key
    expect(check({ StringEqualsIfExists: { 'sts:ExternalId': 'x' } }, {})).toBe('allow');
    expect(check({ 'ForAnyValue:StringEquals': { 'aws:RequestedRegion': 'us-west-2' } }, { 'aws:requestedregion': 'us-west-2' })).toBe('allow');
    expect(check({ 'ForAnyValue:StringEquals': { 'aws:RequestedRegion': 'us-west-2' } }, { 'aws:requestedregion': 'us-east-1' })).toBe('implicit-deny');
    expect(check({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:tagkeys': ['a'] })).toBe('allow');
    expect(check({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, { 'aws:tagkeys': ['a', 'c'] })).toBe('implicit-deny');
    expect(check({ Null: { 'sts:ExternalId': 'true' } }, {})).toBe('allow');
    expect(check({ Null: { 'sts:ExternalId': 'false' } }, {})).toBe('implicit-deny');
    // Two operators and two keys are ANDed.
    expect(check({ StringEquals: { 'aws:RequestedRegion': 'us-west-2', 'aws:PrincipalAccount': '111122223333' } }, { 'aws:requestedregion': 'us-west-2' })).toBe('implicit-deny');
  });

  it('names the resources AWS authorizes for each Logs action', () => {
    const scope = { accountId: '111122223333', region: 'us-west-2' };
    const prefix = 'arn:aws:logs:us-west-2:111122223333:log-group:';
    expect(logsResourceArn(scope, 'DescribeLogGroups', { logGroupNamePrefix: 'x' })).toBe(`${prefix}:log-stream:`);
    expect(logsResourceArn(scope, 'DescribeLogStreams', { logGroupName: '/a/b' })).toBe(`${prefix}/a/b:log-stream:`);
    expect(logsResourceArn(scope, 'FilterLogEvents', { logGroupIdentifier: `${prefix}g1:*` })).toBe(`${prefix}g1:log-stream:`);
    expect(logsResourceArn(scope, 'FilterLogEvents', { logGroupIdentifier: `${prefix}g1` })).toBe(`${prefix}g1:log-stream:`);
    expect(logsResourceArn(scope, 'GetLogEvents', { logGroupName: 'g', logStreamName: 's/1' })).toBe(`${prefix}g:log-stream:s/1`);
    expect(logsResourceArn(scope, 'PutLogEvents', { logGroupName: 'g', logStreamName: 's' })).toBe(`${prefix}g:log-stream:s`);
    expect(logsResourceArn(scope, 'CreateLogGroup', { logGroupName: 'g' })).toBe(`${prefix}g:log-stream:`);
  });
});
