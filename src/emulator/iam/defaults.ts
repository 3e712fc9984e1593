// The documented default account the emulator runs without --iam: fixed keys with full access (demo and tests use them).
import type { IamConfig } from './config.js';

export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_USER_NAME = 'demo';
/** AWS's own documentation example keys: obviously fake, and already what most AWS examples use. */
export const DEFAULT_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const DEFAULT_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const DEFAULT_USER_ARN = `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:user/${DEFAULT_USER_NAME}`;
/** A role in the default account that the default user may assume (for trying the IAM-role method). */
export const DEFAULT_ROLE_NAME = 'cwc-demo-role';
export const DEFAULT_ROLE_ARN = `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/${DEFAULT_ROLE_NAME}`;

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

export function defaultIamConfig(): IamConfig {
  return {
    accounts: [
      {
        id: DEFAULT_ACCOUNT_ID,
        users: [{ name: DEFAULT_USER_NAME, accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY, policies: [FULL_ACCESS] }],
        roles: [
          {
            name: DEFAULT_ROLE_NAME,
            trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' }] },
            policies: [FULL_ACCESS],
            maxSessionDurationSeconds: 43200,
          },
        ],
      },
    ],
  };
}
