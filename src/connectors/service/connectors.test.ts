import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CwcError, ValidationError } from '../../core/errors.js';
import { masterKeyFromBytes } from './master-key.js';
import { openConnectorService } from './service.js';
import { accessKeyConnector, FAST_SCRYPT, KNOWN_SECRET, KNOWN_SOURCE_SECRET, tenantUser, testService, type TestService } from './test-helpers.js';

let service: TestService;
beforeEach(async () => {
  service = await testService({ logFilterExists: (reference, tenant) => tenant === 'acme' && reference === 'drop-health-checks' });
  service.tenants.create(service.root, 'acme');
  service.tenants.create(service.root, 'globex');
});
afterEach(() => service.close());

function failure(action: () => unknown): CwcError {
  try {
    action();
  } catch (error) {
    if (error instanceof CwcError) return error;
    throw error;
  }
  throw new Error('expected a CwcError');
}

const paths = (error: CwcError) => error.details.map((detail) => detail.path).sort();

describe('connector repository', () => {
  it('creates a connector and shows each secret only as { set: true }, with id and timestamps', () => {
    const { connector } = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false });
    expect(connector.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(connector.config.secretAccessKey).toEqual({ set: true });
    expect(connector.config.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(connector.createdAt).toBe('2026-11-01T00:00:00.000Z');
    expect(JSON.stringify(service.connectors.list(service.root))).not.toContain(KNOWN_SECRET);
    expect(service.connectors.runnable(connector.id)!.connector.config.secretAccessKey).toBe(KNOWN_SECRET);
  });

  it('names every bad field at once, including unknown log filters and a missing tenant', () => {
    const error = failure(() =>
      service.connectors.create(service.root, accessKeyConnector({ name: 'naïve', logFilters: ['nope'] }, { region: 'mars-1' as 'us-west-2', logStreams: ['a'], logGroups: ['a', 'b'] }), {
        addToDefaultProfile: false,
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(paths(error)).toEqual(['config.region', 'name']);
    const references = failure(() => service.connectors.create(service.root, accessKeyConnector({ tenant: 'initech', logFilters: ['nope'] }), { addToDefaultProfile: false }));
    expect(references.details).toEqual([
      { path: 'tenant', message: 'no tenant named "initech"' },
      { path: 'logFilters[0]', message: 'no log filter named "nope" in tenant "initech"' },
    ]);
    const withFilter = service.connectors.create(service.root, accessKeyConnector({ logFilters: ['drop-health-checks'] }), { addToDefaultProfile: false });
    expect(withFilter.connector.logFilters).toEqual(['drop-health-checks']);
  });

  it('never echoes a secret in a validation error, whatever is wrong with it', () => {
    const longSecret = `${KNOWN_SECRET}${'x'.repeat(300)}`;
    const errors = [
      failure(() => service.connectors.create(service.root, accessKeyConnector({}, { secretAccessKey: longSecret, region: 'nowhere' as 'us-west-2' }), { addToDefaultProfile: false })),
      failure(() => service.connectors.create(service.root, accessKeyConnector({}, { authMethod: 'iam_role' }), { addToDefaultProfile: false })),
    ];
    expect(paths(errors[0]!)).toEqual(['config.region', 'config.secretAccessKey']);
    expect(paths(errors[1]!)).toContain('config.secretAccessKey');
    for (const error of errors) expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(KNOWN_SECRET);
  });

  it('keeps names unique per tenant, but two tenants may use the same name', () => {
    service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false });
    const error = failure(() => service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false }));
    expect(error.status).toBe(409);
    expect(error.details[0]!.path).toBe('name');
    expect(service.connectors.create(service.root, accessKeyConnector({ tenant: 'globex' }), { addToDefaultProfile: false }).connector.tenant).toBe('globex');
  });

  it('refuses to change a general field after creation, naming each, but accepts them repeated unchanged', () => {
    const { connector } = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false });
    const error = failure(() => service.connectors.update(service.root, connector.id, { name: 'renamed', tenant: 'globex', runOn: 'sensor:s1', category: 'paas', extra: 1 }));
    expect(error.details).toEqual([
      { path: 'name', message: 'cannot change after creation' },
      { path: 'tenant', message: 'cannot change after creation' },
      { path: 'runOn', message: 'cannot change after creation' },
      { path: 'extra', message: 'is not a connector field' },
    ]);
    const same = service.connectors.update(service.root, connector.id, { name: 'prod-vpc-flow', functions: ['collect'], config: { intervalMinutes: 10 } });
    expect(same.config.intervalMinutes).toBe(10);
  });

  it('keeps the stored secret when a patch leaves it out or sends back { set: true }, and replaces it when sent', () => {
    const { connector } = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false });
    service.now.value += 60_000;
    const updated = service.connectors.update(service.root, connector.id, { config: { logGroups: ['vpc-flow', 'waf'], vpcFlowLogs: false } });
    expect(updated.updatedAt).toBe('2026-11-01T00:01:00.000Z');
    expect(updated.config.secretAccessKey).toEqual({ set: true });
    expect(service.connectors.runnable(connector.id)!.connector.config.secretAccessKey).toBe(KNOWN_SECRET);
    service.connectors.update(service.root, connector.id, { config: { ...updated.config } });
    expect(service.connectors.runnable(connector.id)!.connector.config.secretAccessKey).toBe(KNOWN_SECRET);
    service.connectors.update(service.root, connector.id, { config: { secretAccessKey: 'a-new-secret' } });
    expect(service.connectors.runnable(connector.id)!.connector.config.secretAccessKey).toBe('a-new-secret');
  });

  it('removes an optional field with null, and validates the merged result (log streams need one log group)', () => {
    const { connector } = service.connectors.create(service.root, accessKeyConnector({}, { logStreams: ['eni-1'] }), { addToDefaultProfile: false });
    const error = failure(() => service.connectors.update(service.root, connector.id, { config: { logGroups: ['a', 'b'] } }));
    expect(paths(error)).toEqual(['config.logStreams']);
    const cleared = service.connectors.update(service.root, connector.id, { config: { logGroups: ['a', 'b'], logStreams: null } });
    expect(cleared.config.logStreams).toBeUndefined();
    expect(failure(() => service.connectors.update(service.root, connector.id, { config: { region: null } })).details[0]!.path).toBe('config.region');
  });

  it("switching authMethod requires the new method's secrets and drops the old ones", () => {
    const { connector } = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false });
    const error = failure(() => service.connectors.update(service.root, connector.id, { config: { authMethod: 'iam_role', roleArn: 'arn:aws:iam::123456789012:role/r' } }));
    expect(paths(error)).toEqual(['config.sourceAccessKeyId', 'config.sourceSecretAccessKey']);
    const switched = service.connectors.update(service.root, connector.id, {
      config: { authMethod: 'iam_role', roleArn: 'arn:aws:iam::123456789012:role/r', sourceAccessKeyId: 'AKIAIOSFODNN7SOURCE1', sourceSecretAccessKey: KNOWN_SOURCE_SECRET },
    });
    expect(switched.config.secretAccessKey).toBeUndefined();
    expect(switched.config.accessKeyId).toBeUndefined();
    expect(switched.config.sourceSecretAccessKey).toEqual({ set: true });
    const stored = service.db.prepare('SELECT secrets FROM connectors WHERE id = ?').get(connector.id) as { secrets: string };
    expect(Object.keys(JSON.parse(stored.secrets) as object)).toEqual(['sourceSecretAccessKey']);
  });

  it('deletes, after which the id is not found', () => {
    const { connector } = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false });
    service.connectors.delete(service.root, connector.id);
    expect(failure(() => service.connectors.get(service.root, connector.id)).status).toBe(404);
  });
});

describe('tenant isolation and roles', () => {
  it("a tenant user sees only its tenant's connectors; another tenant's id is 404 like a missing one", async () => {
    const acme = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false }).connector;
    const globex = service.connectors.create(service.root, accessKeyConnector({ tenant: 'globex' }), { addToDefaultProfile: false }).connector;
    const analyst = await tenantUser(service, 'acme', 'tenant_analyst');
    expect(service.connectors.list(analyst).map((c) => c.id)).toEqual([acme.id]);
    expect(service.connectors.get(analyst, acme.id).id).toBe(acme.id);
    const hidden = failure(() => service.connectors.get(analyst, globex.id));
    const missing = failure(() => service.connectors.get(analyst, '00000000-0000-0000-0000-000000000000'));
    expect([hidden.status, hidden.code]).toEqual([404, 'not_found']);
    expect(missing.message.replace(/"[^"]*"/, '')).toBe(hidden.message.replace(/"[^"]*"/, ''));
    const admin = await tenantUser(service, 'acme', 'tenant_admin');
    expect(failure(() => service.connectors.update(admin, globex.id, { config: { intervalMinutes: 1 } })).status).toBe(404);
    expect(failure(() => service.connectors.delete(admin, globex.id)).status).toBe(404);
    expect(service.tenants.list(admin).map((t) => t.name)).toEqual(['acme']);
  });

  it('analysts cannot write; tenant admins write only in their own tenant', async () => {
    const analyst = await tenantUser(service, 'acme', 'tenant_analyst');
    expect(failure(() => service.connectors.create(analyst, accessKeyConnector(), { addToDefaultProfile: false })).status).toBe(403);
    const admin = await tenantUser(service, 'acme', 'tenant_admin');
    expect(failure(() => service.connectors.create(admin, accessKeyConnector({ tenant: 'globex' }), { addToDefaultProfile: false })).status).toBe(403);
    const { connector } = service.connectors.create(admin, accessKeyConnector(), { addToDefaultProfile: false });
    expect(failure(() => service.connectors.update(analyst, connector.id, { config: { intervalMinutes: 1 } })).status).toBe(403);
    expect(failure(() => service.tenants.create(admin, 'initech')).status).toBe(403);
  });
});

describe('secrets at rest in the database file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cwc-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never writes a secret in clear (database, WAL or key file), and a wrong master key fails clearly on reopen', async () => {
    const file = join(dir, 'cwc-config.db');
    const env = { CWC_ADMIN_PASSWORD: 'correct horse battery' };
    const first = await openConnectorService({ file, env, scrypt: FAST_SCRYPT });
    const root = first.users.byId((first.db.prepare('SELECT id FROM users').get() as { id: string }).id)!;
    first.tenants.create(root, 'acme');
    const { connector } = first.connectors.create(root, accessKeyConnector({}, { authMethod: 'iam_role', accessKeyId: undefined, secretAccessKey: undefined, roleArn: 'arn:aws:iam::123456789012:role/r', sourceAccessKeyId: 'AKIAIOSFODNN7SOURCE1', sourceSecretAccessKey: KNOWN_SOURCE_SECRET }), { addToDefaultProfile: true });
    const second = first.connectors.create(root, accessKeyConnector({ name: 'waf' }), { addToDefaultProfile: true }).connector;
    first.connectors.update(root, second.id, { config: { intervalMinutes: 7 } });
    const bytes = () => readdirSync(dir).map((name) => readFileSync(join(dir, name)).toString('latin1')).join('\n');
    expect(readdirSync(dir)).toContain('cwc-master.key');
    const text = bytes();
    expect(text).toContain('prod-vpc-flow');
    expect(text).not.toContain(KNOWN_SECRET);
    expect(text).not.toContain(KNOWN_SOURCE_SECRET);
    expect(text).not.toContain('correct horse battery');
    first.close();
    expect(bytes()).not.toContain(KNOWN_SECRET);

    const reopened = await openConnectorService({ file, env, scrypt: FAST_SCRYPT });
    expect(reopened.connectors.runnable(connector.id)!.connector.config.sourceSecretAccessKey).toBe(KNOWN_SOURCE_SECRET);
    expect(reopened.firstStart).toEqual({ created: false });
    reopened.close();

    const wrongKey = randomBytes(32).toString('base64');
    await expect(openConnectorService({ file, env: { ...env, CWC_MASTER_KEY: wrongKey }, scrypt: FAST_SCRYPT })).rejects.toThrow(/config database's secrets were sealed with master key k[0-9a-f]{16}, but the configured key is k[0-9a-f]{16} and does not open them/);
  });

  it('rotates: with the old key listed as previous, secrets open and rotateSecrets moves them to the new key', async () => {
    const oldKey = masterKeyFromBytes(randomBytes(32));
    const newKey = masterKeyFromBytes(randomBytes(32));
    const file = join(dir, 'cwc-config.db');
    const before = await openConnectorService({ file, keyring: { current: oldKey, previous: [] }, env: { CWC_ADMIN_PASSWORD: 'correct horse battery' }, scrypt: FAST_SCRYPT });
    const root = before.users.byId((before.db.prepare('SELECT id FROM users').get() as { id: string }).id)!;
    before.tenants.create(root, 'acme');
    const { connector } = before.connectors.create(root, accessKeyConnector(), { addToDefaultProfile: false });
    before.close();
    const during = await openConnectorService({ file, keyring: { current: newKey, previous: [oldKey] }, env: {}, scrypt: FAST_SCRYPT });
    expect(during.connectors.rotateSecrets()).toBe(1);
    during.close();
    const after = await openConnectorService({ file, keyring: { current: newKey, previous: [] }, env: {}, scrypt: FAST_SCRYPT });
    expect(after.connectors.runnable(connector.id)!.connector.config.secretAccessKey).toBe(KNOWN_SECRET);
    after.close();
  });

  it('rejects a tampered secret in the database with a clear error and no secret in it', () => {
    const { connector } = service.connectors.create(service.root, accessKeyConnector(), { addToDefaultProfile: false });
    const row = service.db.prepare('SELECT secrets FROM connectors WHERE id = ?').get(connector.id) as { secrets: string };
    const secrets = JSON.parse(row.secrets) as { secretAccessKey: { data: string } };
    const data = Buffer.from(secrets.secretAccessKey.data, 'base64');
    data[3]! ^= 0x20;
    secrets.secretAccessKey.data = data.toString('base64');
    service.db.prepare('UPDATE connectors SET secrets = ? WHERE id = ?').run(JSON.stringify(secrets), connector.id);
    const error = failure(() => service.connectors.runnable(connector.id));
    expect(error.code).toBe('secret_tampered');
    expect(error.message).toContain(`connector:${connector.id}:secretAccessKey`);
    expect(error.message).not.toContain(KNOWN_SECRET.slice(0, 8));
    // The shown form does not need the secret, so the console can still list it and the user can re-enter it.
    expect(service.connectors.get(service.root, connector.id).config.secretAccessKey).toEqual({ set: true });
  });
});
