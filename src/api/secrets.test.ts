// A known secret goes in through the API; it must come out of no response, no log line and no config DB byte.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_SECRET, KNOWN_SOURCE_SECRET } from '../connectors/service/test-helpers.js';
import { accessKeyConnector, testApi, type TestApi } from './test-support.js';

let api: TestApi;
let dir: string;
const responses: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cwc-api-secrets-'));
  api = await testApi({ logLevel: 'trace' }, { file: join(dir, 'cwc-config.db') });
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, token = api.tokens.root) {
  const response = await api.app.inject({ method, url, headers: api.auth(token), ...(payload === undefined ? {} : { payload: payload as object }) });
  responses.push(`${response.statusCode} ${JSON.stringify(response.headers)} ${response.body}`);
  return response;
}

describe('secrets stay secret', () => {
  it('are in no API response, log line or config DB byte', async () => {
    // A closed port: the real connectivity test fails fast and reports it.
    const body = accessKeyConnector({ name: 'secretive' }, { endpoint: 'http://127.0.0.1:1' });
    const created = await call('POST', '/api/v1/connectors', { ...body, addToDefaultProfile: true });
    expect(created.statusCode).toBe(201);
    const id = created.json().connector.id as string;
    const role = accessKeyConnector({ name: 'secretive-role' }, {
      authMethod: 'iam_role', accessKeyId: undefined, secretAccessKey: undefined,
      sourceAccessKeyId: 'AKIAIOSFODNN7EXAMPLE', sourceSecretAccessKey: KNOWN_SOURCE_SECRET, roleArn: 'arn:aws:iam::123456789012:role/cwc-reader', endpoint: 'http://127.0.0.1:1',
    });
    expect((await call('POST', '/api/v1/connectors', JSON.parse(JSON.stringify(role)))).statusCode).toBe(201);

    await call('GET', `/api/v1/connectors/${id}`);
    await call('GET', '/api/v1/connectors');
    await call('PATCH', `/api/v1/connectors/${id}`, { config: { intervalMinutes: 9, secretAccessKey: { set: true } } });
    // Rejected edits and creates that carry the secret: the error must not echo it.
    await call('PATCH', `/api/v1/connectors/${id}`, { config: { secretAccessKey: KNOWN_SECRET, region: 'nowhere-1' } });
    await call('PATCH', `/api/v1/connectors/${id}`, { config: { intervalMinutes: KNOWN_SECRET } });
    await call('POST', '/api/v1/connectors', { ...body, name: 'é-bad', [KNOWN_SECRET.slice(0, 8)]: KNOWN_SECRET });
    await call('POST', '/api/v1/connectors', { ...body, config: { ...body.config, region: KNOWN_SECRET } });
    const tested = await call('POST', `/api/v1/connectors/${id}/test`);
    expect(tested.statusCode).toBe(200);
    expect(tested.json().ok).toBe(false);
    await call('GET', `/api/v1/connectors/${id}/status`);
    await call('GET', '/metrics');
    await call('GET', '/api/v1/openapi.json');

    expect(responses.length).toBeGreaterThan(10);
    for (const response of responses) {
      expect(response).not.toContain(KNOWN_SECRET);
      expect(response).not.toContain(KNOWN_SOURCE_SECRET);
    }
    const logs = api.logs.join('');
    expect(logs).toContain('"url":"/api/v1/connectors"');
    expect(logs).not.toContain(KNOWN_SECRET);
    expect(logs).not.toContain(KNOWN_SOURCE_SECRET);
    // The secret is still there to use: it is sealed, not lost.
    expect(api.service.connectors.runnable(id)!.connector.config.secretAccessKey).toBe(KNOWN_SECRET);
    for (const file of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, file));
      expect(bytes.includes(Buffer.from(KNOWN_SECRET)), file).toBe(false);
      expect(bytes.includes(Buffer.from(KNOWN_SOURCE_SECRET)), file).toBe(false);
    }
  });
});
