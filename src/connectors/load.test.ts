import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../core/errors.js';
import { loadConnectorFile } from './load.js';

const examples = new URL('../../examples/', import.meta.url);

describe('loadConnectorFile', () => {
  it('accepts every connector in examples/', async () => {
    const files = readdirSync(examples).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) await expect(loadConnectorFile(new URL(file, examples).pathname)).resolves.toMatchObject({ type: 'aws_cloudwatch' });
  });

  it('names the file and every bad field, including a VPC Flow format that does not compile', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'cwc-load-'));
    const file = join(directory, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'x', category: 'paas', type: 'aws_cloudwatch', functions: ['collect'], tenant: 't', runOn: 'data-processor', config: { authMethod: 'access_key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 's', region: 'us-west-2', logGroups: ['g'], vpcFlowLogFormat: '${version} ${nonsense' } }));
    const error = await loadConnectorFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain(file);
    expect((error as UsageError).details.map((d) => d.path)).toEqual(['config.vpcFlowLogFormat']);
  });

  it('says when the file is missing or not JSON', async () => {
    await expect(loadConnectorFile('/nonexistent/connector.json')).rejects.toThrow(/--connector: cannot read .*ENOENT/);
    const directory = mkdtempSync(join(tmpdir(), 'cwc-load-'));
    writeFileSync(join(directory, 'x.json'), '{"name": ');
    await expect(loadConnectorFile(join(directory, 'x.json'))).rejects.toThrow(/is not valid JSON/);
  });
});
