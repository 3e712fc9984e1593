// Trust-policy evaluation and STS documents, driven directly (the SDK-level chain is in iam/product-policies.test.ts).
import { describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import { Accounts } from '../iam/accounts.js';
import { createAuthorizer } from '../iam/authorizer.js';
import { validateIamConfig } from '../iam/config.js';
import type { PolicyDocument, Principal } from '../types.js';
import { createStsService } from './service.js';

const A = '111111111111';
const B = '222222222222';
const allowAssume: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
const trust = (...statements: unknown[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements });

function setup() {
  let now = Date.UTC(2026, 10, 28, 12, 0, 0);
  const accounts = new Accounts(
    validateIamConfig({
      accounts: [
        {
          id: A,
          users: [
            { name: 'alice', accessKeyId: 'AKIAALICE00000000000', secretAccessKey: 's', policies: [allowAssume] },
            { name: 'bob', accessKeyId: 'AKIABOB0000000000000', secretAccessKey: 's' },
            { name: 'carol', accessKeyId: 'AKIACAROL00000000000', secretAccessKey: 's', policies: [allowAssume, { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: `arn:aws:iam::${B}:role/team/open` }] }] },
          ],
          roles: [{ name: 'local', trustPolicy: trust({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' }) }],
        },
        {
          id: B,
          roles: [
            { name: 'open', path: '/team/', trustPolicy: trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }) },
            {
              name: 'guarded',
              trustPolicy: trust(
                { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' },
                { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
              ),
            },
          ],
        },
      ],
    }),
    () => now,
  );
  const sts = createStsService({ accounts, clock: () => now });
  const user = (key: string) => accounts.find(key)?.principal as Principal;
  const call = (principal: Principal, params: Record<string, string>, region = 'us-east-1') => sts.handle(principal, region, new URLSearchParams({ Version: '2011-06-15', ...params }), 'req-1');
  const code = (fn: () => unknown) => {
    try {
      fn();
      return 'ok';
    } catch (error) {
      return (error as AwsError).code;
    }
  };
  return { accounts, call, code, user, advance: (ms: number) => (now += ms) };
}

describe('STS service', () => {
  it('writes AWS’s AssumeRole and GetCallerIdentity documents', () => {
    const { call, user } = setup();
    const xml = call(user('AKIAALICE00000000000'), { Action: 'AssumeRole', RoleArn: `arn:aws:iam::${B}:role/team/open`, RoleSessionName: 'sess', DurationSeconds: '900' });
    expect(xml).toMatch(/^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
    expect(xml).toContain(`<Arn>arn:aws:sts::${B}:assumed-role/open/sess</Arn>`); // the role path is dropped
    expect(xml).toMatch(/<AssumedRoleId>AROA[A-Z2-7]{17}:sess<\/AssumedRoleId>/);
    expect(xml).toContain('<Expiration>2026-11-28T12:15:00Z</Expiration>');
    expect(xml).toContain('<RequestId>req-1</RequestId>');
    const identity = call(user('AKIABOB0000000000000'), { Action: 'GetCallerIdentity' });
    expect(identity).toContain(`<Arn>arn:aws:iam::${A}:user/bob</Arn>`);
    expect(identity).toContain(`<Account>${A}</Account>`);
  });

  it('needs an identity policy when the trust names the account, and lets explicit denies win on either side', () => {
    const { call, code, user } = setup();
    const assume = (key: string, roleArn: string, region?: string) => () => call(user(key), { Action: 'AssumeRole', RoleArn: roleArn, RoleSessionName: 'sess' }, region);
    expect(code(assume('AKIAALICE00000000000', `arn:aws:iam::${A}:role/local`))).toBe('ok');
    expect(code(assume('AKIABOB0000000000000', `arn:aws:iam::${A}:role/local`))).toBe('AccessDenied'); // trust names the account; bob has no policy
    expect(code(assume('AKIACAROL00000000000', `arn:aws:iam::${B}:role/team/open`))).toBe('AccessDenied'); // identity deny
    expect(code(assume('AKIAALICE00000000000', `arn:aws:iam::${B}:role/open`))).toBe('AccessDenied'); // the path is part of the ARN
    expect(code(assume('AKIAALICE00000000000', `arn:aws:iam::${B}:role/guarded`))).toBe('AccessDenied'); // trust deny
    expect(code(assume('AKIAALICE00000000000', `arn:aws:iam::${B}:role/guarded`, 'eu-west-1'))).toBe('ok');
  });

  it('issues sessions that carry the role and expire', () => {
    const { accounts, call, user, advance } = setup();
    const xml = call(user('AKIAALICE00000000000'), { Action: 'AssumeRole', RoleArn: `arn:aws:iam::${A}:role/local`, RoleSessionName: 'sess' });
    const accessKeyId = /<AccessKeyId>(ASIA\w+)<\/AccessKeyId>/.exec(xml)?.[1] as string;
    const session = accounts.find(accessKeyId);
    expect(session?.principal).toMatchObject({ kind: 'assumed-role', roleArn: `arn:aws:iam::${A}:role/local`, expiresAt: Date.UTC(2026, 10, 28, 13, 0, 0) });
    expect(session?.sessionToken).toBe(/<SessionToken>(.+)<\/SessionToken>/.exec(xml)?.[1]);
    advance(3600_000);
    expect(accounts.find(accessKeyId)).toBeDefined(); // kept, so its use reports ExpiredToken rather than an unknown key
  });

  it('limits a session to its inline session policy', () => {
    const { accounts, call, code, user } = setup();
    const roleArn = `arn:aws:iam::${A}:role/local`;
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:FilterLogEvents', Resource: `arn:aws:logs:*:${A}:log-group:allowed:*` }] });
    const xml = call(user('AKIAALICE00000000000'), { Action: 'AssumeRole', RoleArn: roleArn, RoleSessionName: 'narrow', Policy: policy });
    const session = accounts.find(/<AccessKeyId>(ASIA\w+)<\/AccessKeyId>/.exec(xml)?.[1] as string)?.principal as Principal;
    const authorizer = createAuthorizer();
    const scope = { accountId: A, region: 'us-east-1' };
    // The role itself has no permissions here, so give the session's role full access to see the session policy narrow it.
    const widened = { ...session, policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }] };
    expect(() => authorizer.authorizeLogs(widened, scope, 'FilterLogEvents', { logGroupName: 'allowed' })).not.toThrow();
    expect(() => authorizer.authorizeLogs(widened, scope, 'FilterLogEvents', { logGroupName: 'other' })).toThrow('because no session policy allows the logs:FilterLogEvents action');
    expect(() => authorizer.authorizeLogs(session, scope, 'FilterLogEvents', { logGroupName: 'allowed' })).toThrow('because no identity-based policy allows');
    expect(code(() => call(user('AKIAALICE00000000000'), { Action: 'AssumeRole', RoleArn: roleArn, RoleSessionName: 'bad', Policy: '{nope' }))).toBe('MalformedPolicyDocument');
  });

  it('rejects unknown actions and missing parameters with Query error codes', () => {
    const { code, call, user } = setup();
    expect(code(() => call(user('AKIAALICE00000000000'), { Action: 'GetSessionTokenX' }))).toBe('InvalidAction');
    expect(() => call(user('AKIAALICE00000000000'), { Action: 'AssumeRole' })).toThrow(
      "2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null; Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    );
  });
});
