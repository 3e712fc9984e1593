// Shared set-up for this folder's tests: a real service on a real (memory or temp-file) database, a fixed key, a settable clock.
import { randomBytes } from 'node:crypto';
import type { Connector } from '../../core/connector.js';
import type { User } from './authorization.js';
import { masterKeyFromBytes, type MasterKeyring } from './master-key.js';
import { openConnectorService, type ConnectorService, type ConnectorServiceOptions } from './service.js';

/** Cheap scrypt for tests that are not about scrypt; passwords.test.ts uses the real parameters. */
export const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

export const KNOWN_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYKNOWNSECRET';
export const KNOWN_SOURCE_SECRET = 'sOuRcEsEcReT/K7MDENG/bPxRfiCYKNOWNSOURCE';

export function testKeyring(): MasterKeyring {
  return { current: masterKeyFromBytes(randomBytes(32)), previous: [] };
}

export interface TestService extends ConnectorService {
  now: { value: number };
  root: User;
}

export async function testService(options: Partial<ConnectorServiceOptions> = {}): Promise<TestService> {
  const now = { value: Date.parse('2026-11-01T00:00:00Z') };
  const service = await openConnectorService({
    file: ':memory:',
    keyring: testKeyring(),
    env: { CWC_ADMIN_PASSWORD: 'correct horse battery' },
    clock: () => now.value,
    scrypt: FAST_SCRYPT,
    ...options,
  });
  const root = service.users.byId((service.db.prepare("SELECT id FROM users WHERE username = 'admin'").get() as { id: string }).id)!;
  return { ...service, now, root };
}

/** A valid access-key connector body; override fields per test. */
export function accessKeyConnector(overrides: Partial<Connector> = {}, config: Partial<Connector['config']> = {}): Connector {
  return {
    name: 'prod-vpc-flow',
    category: 'paas',
    type: 'aws_cloudwatch',
    functions: ['collect'],
    tenant: 'acme',
    runOn: 'data-processor',
    logFilters: [],
    ...overrides,
    config: {
      authMethod: 'access_key',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: KNOWN_SECRET,
      region: 'us-west-2',
      logGroups: ['vpc-flow'],
      vpcFlowLogs: true,
      intervalMinutes: 5,
      ...config,
    },
  };
}

/** A tenant user of `tenant` with `role`, created by root. */
export async function tenantUser(service: TestService, tenant: string, role: 'tenant_admin' | 'tenant_analyst', username = `${tenant}-${role}`): Promise<User> {
  return service.users.create(service.root, { username, password: 'a long enough password', role, tenant });
}
