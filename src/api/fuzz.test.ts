// A few thousand generated bad requests (random routes, methods, ids, bodies, content types, tokens): never a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessKeyConnector, testApi, type TestApi } from './test-support.js';

let api: TestApi;
let connectorId: string;
beforeAll(async () => {
  api = await testApi({ logStream: false, loginLimits: { perIp: 1_000_000, perUsername: 1_000_000, windowMilliseconds: 60_000 } });
  connectorId = api.service.connectors.create(api.service.root, accessKeyConnector({ name: 'fuzzed' }), { addToDefaultProfile: false }).connector.id;
});
afterAll(async () => api.close());

const PATHS = [
  '/api/v1/connectors', '/api/v1/connectors/{id}', '/api/v1/connectors/{id}/test', '/api/v1/connectors/{id}/run', '/api/v1/connectors/{id}/status',
  '/api/v1/search', '/api/v1/tenants', '/api/v1/tenants/{id}', '/api/v1/users', '/api/v1/users/{id}', '/api/v1/users/{id}/password',
  '/api/v1/profiles', '/api/v1/profiles/{id}', '/api/v1/profiles/{id}/connectors/{id}', '/api/v1/tokens', '/api/v1/auth/login', '/api/v1/auth/me',
  '/api/v1/healthz', '/metrics', '/api/v1/nothing', '/api/v1/log-filters', '/api/v1/log-filters/acme/{id}', '/api/v1/log-filters/{id}/{id}',
];

const id = fc.oneof(fc.constant('{connector}'), fc.uuid(), fc.string({ maxLength: 40 }), fc.constant('%00'), fc.constant('..%2f..'), fc.constant('x'.repeat(300)));
const connectorish = fc.record(
  { name: fc.oneof(fc.string(), fc.integer(), fc.constant('é')), tenant: fc.oneof(fc.constant('acme'), fc.constant('globex'), fc.string()), config: fc.oneof(fc.object(), fc.constant(accessKeyConnector().config)), addToDefaultProfile: fc.anything() },
  { requiredKeys: [] },
);
const searchish = fc.record(
  { query: fc.oneof(fc.string(), fc.constant('srcip:10.0.0.0/33'), fc.constant('(((a'), fc.constant('x:[1 TO')), from: fc.oneof(fc.string(), fc.integer(), fc.double()), to: fc.anything(), size: fc.anything(), sort: fc.string(), histogram: fc.anything(), indices: fc.anything(), after: fc.string() },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  connectorish.map((value) => JSON.stringify(value)),
  searchish.map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.constant('{"__proto__": {"admin": true}}'),
  fc.constant('{"constructor": {"prototype": {"x": 1}}}'),
  fc.constant(''),
);

describe('fuzzing the API', () => {
  it('never answers a generated request with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE'),
        fc.constantFrom(...PATHS),
        id,
        fc.option(body, { nil: undefined }),
        fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
        fc.constantFrom<'root' | 'acmeAnalyst' | 'globexAdmin' | 'none' | 'garbage'>('root', 'acmeAnalyst', 'globexAdmin', 'none', 'garbage'),
        fc.string({ maxLength: 30 }),
        async (method, path, rawId, payload, contentType, who, query) => {
          const url = path.replaceAll('{id}', () => (rawId === '{connector}' ? connectorId : encodeURIComponent(rawId))) + (query === '' ? '' : `?${query}`);
          const headers: Record<string, string> = {};
          if (who === 'garbage') headers.authorization = 'Bearer \u00ff garbage';
          else if (who !== 'none') headers.authorization = `Bearer ${api.tokens[who]}`;
          if (payload !== undefined) headers['content-type'] = contentType;
          const response = await api.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
          expect(response.statusCode, `${method} ${url} ${payload ?? ''} -> ${response.body}`).toBeLessThan(500);
          if (response.statusCode >= 400) expect(response.json().error.code).toEqual(expect.any(String));
        },
      ),
      { numRuns: 3000, seed: 6 },
    );
  }, 60_000);
});
