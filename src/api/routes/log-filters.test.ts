import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trafficRecord } from '../../store/contract/records.js';
import { accessKeyConnector, testApi, type TestApi } from '../test-support.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => api.close());

const dropRejects = { id: 'drop-rejects', name: 'Drop rejected flows', action: 'drop', query: 'action:REJECT' };

describe('/api/v1/log-filters', () => {
  it('creates a filter in the caller tenant, attaches it to a connector, and drops what it matches', async () => {
    const created = await api.app.inject({ method: 'POST', url: '/api/v1/log-filters', headers: api.auth(api.tokens.acmeAdmin), payload: dropRejects });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...dropRejects, tenant: 'acme', enabled: true });

    const unknown = await api.app.inject({ method: 'POST', url: '/api/v1/connectors', headers: api.auth(api.tokens.acmeAdmin), payload: accessKeyConnector({ name: 'filtered', logFilters: ['nope'] }) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toContainEqual(expect.objectContaining({ path: 'logFilters[0]' }));
    const connector = await api.app.inject({ method: 'POST', url: '/api/v1/connectors', headers: api.auth(api.tokens.acmeAdmin), payload: accessKeyConnector({ name: 'filtered', logFilters: ['drop-rejects'] }) });
    expect(connector.statusCode).toBe(201);
    const id = connector.json().connector.id as string;

    const keep = api.logFilters.filtersFor(id, 'acme', ['drop-rejects'])!.chain.keep;
    const kept = Array.from({ length: 9 }, (_, n) => trafficRecord(n, Date.now())).filter(keep);
    // n % 3 === 0 is REJECT: 0, 3 and 6 are dropped.
    expect(kept).toHaveLength(6);
    expect(api.logFilters.snapshot(id)).toMatchObject({ records: 9, kept: 6, dropped: 3 });
    const status = await api.app.inject({ method: 'GET', url: `/api/v1/connectors/${id}/status`, headers: api.auth(api.tokens.acmeAnalyst) });
    expect(status.json().logFilters.filters[0]).toMatchObject({ id: 'drop-rejects', dropped: 3 });

    const shown = await api.app.inject({ method: 'GET', url: '/api/v1/log-filters/acme/drop-rejects', headers: api.auth(api.tokens.acmeAnalyst) });
    expect(shown.json().connectorIds).toEqual([id]);
    // The list carries the same, plus the total dropped, so a page needs one request, not one per connector.
    const listed = await api.app.inject({ method: 'GET', url: '/api/v1/log-filters', headers: api.auth(api.tokens.acmeAnalyst) });
    expect(listed.json().logFilters).toContainEqual(expect.objectContaining({ id: 'drop-rejects', tenant: 'acme', connectorIds: [id], dropped: 3 }));
    const refused = await api.app.inject({ method: 'DELETE', url: '/api/v1/log-filters/acme/drop-rejects', headers: api.auth(api.tokens.acmeAdmin) });
    expect(refused.statusCode).toBe(409);
  });

  it('names a bad query with its column, and keeps tenants apart', async () => {
    const bad = await api.app.inject({ method: 'POST', url: '/api/v1/log-filters', headers: api.auth(api.tokens.acmeAdmin), payload: { ...dropRejects, id: 'bad', query: 'action:(REJECT' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('query');
    expect(bad.json().error.details[0].message).toContain('column');
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/log-filters/acme/drop-rejects', headers: api.auth(api.tokens.globexAdmin) })).statusCode).toBe(404);
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/log-filters', headers: api.auth(api.tokens.globexAdmin) })).json().logFilters).toEqual([]);
    const intoOther = await api.app.inject({ method: 'POST', url: '/api/v1/log-filters', headers: api.auth(api.tokens.globexAdmin), payload: { ...dropRejects, tenant: 'acme' } });
    expect(intoOther.statusCode).toBe(403);
    const analyst = await api.app.inject({ method: 'POST', url: '/api/v1/log-filters', headers: api.auth(api.tokens.acmeAnalyst), payload: { ...dropRejects, id: 'x' } });
    expect(analyst.statusCode).toBe(403);
  });

  it('replaces a filter but not its id', async () => {
    await api.app.inject({ method: 'POST', url: '/api/v1/log-filters', headers: api.auth(api.tokens.acmeAdmin), payload: { ...dropRejects, id: 'editable' } });
    const replaced = await api.app.inject({ method: 'PUT', url: '/api/v1/log-filters/acme/editable', headers: api.auth(api.tokens.acmeAdmin), payload: { ...dropRejects, id: 'editable', enabled: false } });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().enabled).toBe(false);
    const renamed = await api.app.inject({ method: 'PUT', url: '/api/v1/log-filters/acme/editable', headers: api.auth(api.tokens.acmeAdmin), payload: { ...dropRejects, id: 'other' } });
    expect(renamed.statusCode).toBe(400);
    const deleted = await api.app.inject({ method: 'DELETE', url: '/api/v1/log-filters/acme/editable', headers: api.auth(api.tokens.acmeAdmin) });
    expect(deleted.statusCode).toBe(204);
  });
});
