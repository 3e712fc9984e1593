import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_SECRET } from '../../connectors/service/test-helpers.js';
import { TestRunner } from '../../connectors/test-runner.js';
import type { ConnectivityResult } from '../../connectors/connectivity.js';
import { accessKeyConnector, testApi, type TestApi } from '../test-support.js';

let api: TestApi;
let releaseTest: (() => void) | undefined;
// The connectivity test itself is tested in src/connectors; here it only has to be slow on demand (for the 409).
const runner = new TestRunner(
  () =>
    new Promise<ConnectivityResult>((resolve) => {
      const result: ConnectivityResult = { ok: true, summary: 'all checks passed', httpStatus: 200, httpName: 'OK', checks: [], durationMilliseconds: 1 };
      if (releaseTest === undefined) resolve(result);
      else {
        const release = releaseTest;
        releaseTest = () => {
          release();
          resolve(result);
        };
      }
    }),
);

beforeAll(async () => {
  api = await testApi({ testRunner: runner });
});
afterAll(async () => api.close());

const create = (token: string, body: unknown) => api.app.inject({ method: 'POST', url: '/api/v1/connectors', headers: api.auth(token), payload: body as object });

describe('/api/v1/connectors', () => {
  it('creates a connector, never shows its secret, and keeps it across a patch', async () => {
    const created = await create(api.tokens.root, { ...accessKeyConnector({ name: 'c-secret' }), addToDefaultProfile: true });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain(KNOWN_SECRET);
    const { connector, profile } = created.json();
    expect(profile.added).toBe(true);
    expect(connector.config.secretAccessKey).toEqual({ set: true });

    const patched = await api.app.inject({ method: 'PATCH', url: `/api/v1/connectors/${connector.id}`, headers: api.auth(api.tokens.acmeAdmin), payload: { config: { intervalMinutes: 7 } } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().config).toMatchObject({ intervalMinutes: 7, secretAccessKey: { set: true } });
    expect(api.service.connectors.runnable(connector.id)!.connector.config.secretAccessKey).toBe(KNOWN_SECRET);

    const general = await api.app.inject({ method: 'PATCH', url: `/api/v1/connectors/${connector.id}`, headers: api.auth(api.tokens.root), payload: { name: 'renamed' } });
    expect(general.statusCode).toBe(400);
    expect(general.json().error.details).toContainEqual({ path: 'name', message: 'cannot change after creation' });
  });

  it('tells a tenant admin that only the root administrator adds to the default profile', async () => {
    const created = await create(api.tokens.acmeAdmin, { ...accessKeyConnector({ name: 'c-advice' }), addToDefaultProfile: true });
    expect(created.statusCode).toBe(201);
    expect(created.json().profile).toMatchObject({ added: false });
    expect(created.json().profile.advice).toContain('privileges');
  });

  it('names every bad field at once, including the rules a schema cannot say', async () => {
    const body = accessKeyConnector({ name: 'c-bad' }, { logGroups: ['a', 'b'], logStreams: ['s'] });
    const response = await create(api.tokens.root, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain('config.logStreams');
  });

  it('enforces roles and tenants: analysts read only, other tenants get 404', async () => {
    const created = (await create(api.tokens.root, accessKeyConnector({ name: 'c-roles' }))).json().connector;
    const analystRead = await api.app.inject({ method: 'GET', url: `/api/v1/connectors/${created.id}`, headers: api.auth(api.tokens.acmeAnalyst) });
    expect(analystRead.statusCode).toBe(200);
    const analystCreate = await create(api.tokens.acmeAnalyst, accessKeyConnector({ name: 'c-analyst' }));
    expect(analystCreate.statusCode).toBe(403);
    const analystDelete = await api.app.inject({ method: 'DELETE', url: `/api/v1/connectors/${created.id}`, headers: api.auth(api.tokens.acmeAnalyst) });
    expect(analystDelete.statusCode).toBe(403);
    const crossTenant = await create(api.tokens.globexAdmin, accessKeyConnector({ name: 'c-cross' }));
    expect(crossTenant.statusCode).toBe(403);
    for (const [method, url] of [['GET', ''], ['PATCH', ''], ['DELETE', ''], ['POST', '/test'], ['POST', '/run'], ['GET', '/status']] as const) {
      const response = await api.app.inject({ method, url: `/api/v1/connectors/${created.id}${url}`, headers: api.auth(api.tokens.globexAdmin), ...(method === 'PATCH' ? { payload: { config: {} } } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
    const list = await api.app.inject({ method: 'GET', url: '/api/v1/connectors', headers: api.auth(api.tokens.globexAdmin) });
    expect(list.json().connectors).toEqual([]);
  });

  it('runs one test at a time and tells the second caller', async () => {
    const created = (await create(api.tokens.root, accessKeyConnector({ name: 'c-test' }))).json().connector;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    releaseTest = () => release();
    const first = api.app.inject({ method: 'POST', url: `/api/v1/connectors/${created.id}/test`, headers: api.auth(api.tokens.acmeAdmin) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await api.app.inject({ method: 'POST', url: `/api/v1/connectors/${created.id}/test`, headers: api.auth(api.tokens.acmeAdmin) });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('test_in_progress');
    const finish = releaseTest;
    releaseTest = undefined;
    finish();
    await gate;
    const done = await first;
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ ok: true, httpStatus: 200 });
    const status = await api.app.inject({ method: 'GET', url: `/api/v1/connectors/${created.id}/status`, headers: api.auth(api.tokens.acmeAnalyst) });
    expect(status.json()).toMatchObject({ id: created.id, pulling: false, lastTest: { result: { ok: true } } });
  });

  it('refuses run now for a connector outside every profile, with the reason', async () => {
    const created = (await create(api.tokens.root, accessKeyConnector({ name: 'c-run' }))).json().connector;
    const response = await api.app.inject({ method: 'POST', url: `/api/v1/connectors/${created.id}/run`, headers: api.auth(api.tokens.root) });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('profile');
  });

  it('deletes', async () => {
    const created = (await create(api.tokens.root, accessKeyConnector({ name: 'c-delete' }))).json().connector;
    const deleted = await api.app.inject({ method: 'DELETE', url: `/api/v1/connectors/${created.id}`, headers: api.auth(api.tokens.acmeAdmin) });
    expect(deleted.statusCode).toBe(204);
    const again = await api.app.inject({ method: 'GET', url: `/api/v1/connectors/${created.id}`, headers: api.auth(api.tokens.root) });
    expect(again.statusCode).toBe(404);
  });
});
