// The IAM file is validated once, with every problem reported by its path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { loadIamFile, validateIamConfig } from './config.js';
import { defaultIamConfig } from './defaults.js';

function problemsOf(raw: unknown): string[] {
  try {
    validateIamConfig(raw);
  } catch (error) {
    if (error instanceof ValidationError) return error.details.map((d) => d.path);
    throw error;
  }
  return [];
}

describe('IAM file validation', () => {
  it('accepts the default account', () => {
    expect(problemsOf(defaultIamConfig())).toEqual([]);
  });

  it('names each bad field', () => {
    const raw = {
      accounts: [
        {
          id: '12345',
          users: [{ name: 'u', accessKeyId: 'ASIA0000000000000000', secretAccessKey: '', policies: [{ Statement: [{ Effect: 'allow', Action: 'logs:*' }] }] }],
          roles: [
            { name: 'r', trustPolicy: { Statement: { Effect: 'Allow', Action: 'sts:AssumeRole' } }, maxSessionDurationSeconds: 60 },
            { name: 'R', trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringMaybe: { k: 'v' } } }] } },
          ],
        },
      ],
    };
    expect(problemsOf(raw)).toEqual([
      'accounts[0].id',
      'accounts[0].users[0].accessKeyId',
      'accounts[0].users[0].secretAccessKey',
      'accounts[0].users[0].policies[0].Statement[0].Effect',
      'accounts[0].users[0].policies[0].Statement[0].Resource',
      'accounts[0].roles[0].trustPolicy.Statement.Principal',
      'accounts[0].roles[0].maxSessionDurationSeconds',
      'accounts[0].roles[1].name',
      'accounts[0].roles[1].trustPolicy.Statement[0].Condition.StringMaybe',
    ]);
    expect(problemsOf({})).toEqual(['accounts']);
  });

  it('reports unreadable and malformed files with the file name', () => {
    const directory = mkdtempSync(join(tmpdir(), 'cwc-iam-'));
    const file = join(directory, 'iam.json');
    writeFileSync(file, '{ not json');
    expect(() => loadIamFile(file)).toThrow(/iam\.json is not valid JSON/);
    expect(() => loadIamFile(join(directory, 'missing.json'))).toThrow(/cannot read/);
    writeFileSync(file, JSON.stringify({ accounts: [{ id: 'x' }] }));
    expect(() => loadIamFile(file)).toThrow(/iam\.json: accounts\[0\]\.id: must be a 12-digit account id/);
  });
});
