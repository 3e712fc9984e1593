// The console is served at / without a session, with security headers and caching; the API behind it still needs one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from './test-support.js';

let directory: string;
let api: TestApi;
beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'cwc-ui-'));
  mkdirSync(join(directory, 'assets'));
  writeFileSync(join(directory, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="./assets/app-1.js"></script>');
  writeFileSync(join(directory, 'assets', 'app-1.js'), 'console.log("console")');
  api = await testApi({ consoleDirectory: directory });
});
afterAll(async () => {
  await api.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the web console files', () => {
  it('serves index.html at / without a session, never cached stale, with a script policy of self only', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body).toContain('<div id="root">');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(String(response.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
  });

  it('serves hashed assets with a long cache', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  it('keeps the API behind authentication and out of the OpenAPI document', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/connectors' })).statusCode).toBe(401);
    const document = (await api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => !path.startsWith('/api/v1') && path !== '/metrics')).toEqual([]);
  });

  it('answers unknown files with the API 404 shape, not a directory listing', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/assets/../../etc/passwd' });
    expect(response.statusCode).toBe(404);
  });
});

describe('without a built console', () => {
  it('says how to build it instead of failing', async () => {
    const bare = await testApi({ consoleDirectory: join(directory, 'missing') });
    try {
      const response = await bare.app.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
