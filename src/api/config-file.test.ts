import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import { accessKeyConnector, testService, type TestService } from '../connectors/service/test-helpers.js';
import { applyConfigFile } from './config-file.js';

let dir: string;
let service: TestService;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cwc-config-file-'));
  service = await testService();
});
afterAll(() => {
  service.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('connectors as code', () => {
  it('creates tenants and connectors with secrets from the environment, then updates them in place', () => {
    const connector = accessKeyConnector({ name: 'from-file' }, { secretAccessKey: '${env:ACME_SECRET}' });
    const file = write('a.json', { tenants: ['acme'], connectors: [{ ...connector, addToDefaultProfile: true }] });
    const first = applyConfigFile(service, file, { ACME_SECRET: 'secret-from-env' });
    expect(first.created).toHaveLength(1);
    const runnable = service.connectors.runnable(first.created[0]!)!;
    expect(runnable.connector.config.secretAccessKey).toBe('secret-from-env');
    expect(runnable.pulling).toBe(true);

    const edited = write('b.json', { connectors: [{ ...connector, config: { ...connector.config, intervalMinutes: 15 } }] });
    const second = applyConfigFile(service, edited, { ACME_SECRET: 'secret-from-env' });
    expect(second.updated).toEqual(first.created);
    expect(service.connectors.runnable(first.created[0]!)!.connector.config.intervalMinutes).toBe(15);
  });

  it('refuses unknown top-level fields', () => {
    const file = write('bad.json', {
      extra: 1,
      connectors: [
        accessKeyConnector({ name: 'bad-region' }, { region: 'mars-1' as never }),
        accessKeyConnector({ name: 'no-env' }, { secretAccessKey: '${env:NOT_SET}' }),
        accessKeyConnector({ name: 'no-tenant', tenant: 'nobody' }),
      ],
    });
    let error: unknown;
    try {
      applyConfigFile(service, file, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).details.map((detail) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['extra']));
  });

  it('reports the fields of each connector', () => {
    const file = write('bad2.json', {
      connectors: [
        accessKeyConnector({ name: 'bad-region' }, { region: 'mars-1' as never }),
        accessKeyConnector({ name: 'no-env' }, { secretAccessKey: '${env:NOT_SET}' }),
        accessKeyConnector({ name: 'no-tenant', tenant: 'nobody' }),
      ],
    });
    expect(() => applyConfigFile(service, file, {})).toThrow(ValidationError);
    try {
      applyConfigFile(service, file, {});
    } catch (error) {
      const paths = (error as ValidationError).details.map((detail) => detail.path);
      expect(paths).toEqual(expect.arrayContaining(['connectors[0].config.region', 'connectors[1].config.secretAccessKey', 'connectors[2].tenant']));
    }
    expect(() => applyConfigFile(service, write('broken.json', '{"connectors": ['), {})).toThrow(/cannot read .* as JSON/);
  });

  it('reads the same file written in YAML; YAML tags stay plain data, and broken YAML is named', () => {
    const yaml = [
      'tenants: [yaml-tenant]',
      'connectors:',
      '  - name: from-yaml',
      '    category: paas',
      '    type: aws_cloudwatch',
      '    functions: [collect]',
      '    tenant: yaml-tenant',
      '    runOn: data-processor',
      '    addToDefaultProfile: false',
      '    config:',
      '      authMethod: access_key',
      '      accessKeyId: AKIAIOSFODNN7EXAMPLE',
      "      secretAccessKey: '${env:YAML_SECRET}'",
      '      region: us-west-2',
      '      logGroups: [vpc-flow]',
      '      vpcFlowLogs: true',
    ].join('\n');
    const result = applyConfigFile(service, write('connectors.yaml', yaml), { YAML_SECRET: 'yaml-secret' });
    expect(result.created).toHaveLength(1);
    expect(service.connectors.runnable(result.created[0]!)!.connector.config).toMatchObject({ secretAccessKey: 'yaml-secret', vpcFlowLogs: true, region: 'us-west-2' });
    // A tag cannot build code: the value stays plain data, which validation then rejects by name.
    expect(() => applyConfigFile(service, write('tagged.yml', 'connectors: !!js/function "x"'), {})).toThrow(/connectors: must be a list of connectors/);
    expect(() => applyConfigFile(service, write('broken.yaml', 'connectors: [\n  - {'), {})).toThrow(/cannot read .*broken\.yaml as YAML/);
  });
});
