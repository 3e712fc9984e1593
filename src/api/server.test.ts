import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessKeyConnector, testApi, type TestApi } from './test-support.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => api.close());

describe('the API server', () => {
  it('answers health without auth, with security headers', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/v1/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
  });

  it('gives 404 in the error shape for unknown routes', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found', details: [] } });
  });

  it('requires auth on every other route', async () => {
    for (const url of ['/api/v1/connectors', '/api/v1/tenants', '/api/v1/users', '/api/v1/profiles', '/metrics']) {
      const response = await api.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error.code).toBe('unauthorized');
    }
    const bad = await api.app.inject({ method: 'GET', url: '/api/v1/connectors', headers: { authorization: 'Bearer nope' } });
    expect(bad.statusCode).toBe(401);
  });

  it('logs in with a cookie too', async () => {
    const response = await api.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'correct horse battery' } });
    const cookie = response.cookies.find((c) => c.name === 'cwc_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await api.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { cwc_session: cookie!.value } });
    expect(me.json()).toMatchObject({ username: 'admin', role: 'root_admin' });
    const wrong = await api.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'wrong password!' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('rejects malformed JSON, wrong types, unknown fields and oversized bodies with field paths', async () => {
    const headers = { ...api.auth(api.tokens.root), 'content-type': 'application/json' };
    const malformed = await api.app.inject({ method: 'POST', url: '/api/v1/connectors', headers, payload: '{"name":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('malformed_json');

    const body = { ...accessKeyConnector(), name: 42, bogus: true, config: { ...accessKeyConnector().config, region: 'mars-1' } };
    const wrong = await api.app.inject({ method: 'POST', url: '/api/v1/connectors', headers, payload: body });
    expect(wrong.statusCode).toBe(400);
    const paths = (wrong.json().error.details as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'bogus', 'config.region']));

    const big = await api.app.inject({ method: 'POST', url: '/api/v1/connectors', headers, payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('body_too_large');
  });

  it('publishes an OpenAPI document built from the route schemas', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    const create = doc.paths['/api/v1/connectors'].post;
    expect(create.requestBody.content['application/json'].schema.properties.config.properties.region.enum).toContain('us-west-2');
    expect(create.requestBody.content['application/json'].schema.properties.addToDefaultProfile.type).toBe('boolean');
    expect(doc.paths['/api/v1/connectors/{id}'].patch.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
    expect(doc.paths['/api/v1/auth/login'].post.security).toEqual([]);
  });

  it('serves Prometheus metrics to a signed-in user', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/metrics', headers: api.auth(api.tokens.acmeAnalyst) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('cwc_events_collected_total');
    expect(response.body).toContain('cwc_http_requests_total');
  });
});
