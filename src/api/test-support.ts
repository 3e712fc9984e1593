// Shared set-up for this folder's tests: a real service and store in memory, the API on Fastify's inject, logs in a buffer.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { accessKeyConnector, tenantUser, testService, type TestService } from '../connectors/service/test-helpers.js';
import type { ConnectorServiceOptions } from '../connectors/service/index.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { LogFilterRepository } from './log-filters.js';
import { createApiServer, type ApiDeps } from './server.js';

export const ADMIN_PASSWORD = 'correct horse battery';
export const USER_PASSWORD = 'a long enough password';

export interface TestApi {
  app: FastifyInstance;
  service: TestService;
  logFilters: LogFilterRepository;
  store: SqliteStore;
  logs: string[];
  /** Tokens: root admin, acme admin, acme analyst, globex admin. */
  tokens: { root: string; acmeAdmin: string; acmeAnalyst: string; globexAdmin: string };
  auth(token: string): { authorization: string };
  close(): Promise<void>;
}

export async function login(app: FastifyInstance, username: string, password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  return (response.json() as { token: string }).token;
}

export async function testApi(overrides: Partial<ApiDeps> = {}, serviceOptions: Partial<ConnectorServiceOptions> = {}): Promise<TestApi> {
  const late: { filters?: LogFilterRepository } = {};
  const service = await testService({ logFilterExists: (id, tenant) => late.filters?.exists(id, tenant) ?? false, ...serviceOptions });
  const filters = (late.filters = new LogFilterRepository(service.db));
  // Real time for tokens: the login must not have expired against the service's fixed clock.
  service.now.value = Date.now();
  service.tenants.create(service.root, 'acme');
  service.tenants.create(service.root, 'globex');
  await tenantUser(service, 'acme', 'tenant_admin');
  await tenantUser(service, 'acme', 'tenant_analyst');
  await tenantUser(service, 'globex', 'tenant_admin');
  const store = new SqliteStore(':memory:');
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const app = await createApiServer({ service, store, logStream, logFilters: filters, loginLimits: { perIp: 1000, perUsername: 100, windowMilliseconds: 60_000 }, ...overrides });
  const tokens = {
    root: await login(app, 'admin', ADMIN_PASSWORD),
    acmeAdmin: await login(app, 'acme-tenant_admin', USER_PASSWORD),
    acmeAnalyst: await login(app, 'acme-tenant_analyst', USER_PASSWORD),
    globexAdmin: await login(app, 'globex-tenant_admin', USER_PASSWORD),
  };
  return {
    app,
    service,
    logFilters: filters,
    store,
    logs,
    tokens,
    auth: (token) => ({ authorization: `Bearer ${token}` }),
    close: async () => {
      await app.close();
      await store.close();
      service.close();
    },
  };
}

export { accessKeyConnector };
