import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CwcError } from '../../core/errors.js';
import { canSeeTenant, requireRole } from './authorization.js';
import { MASTER_KEY_FILE } from './master-key.js';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './passwords.js';
import { openConnectorService } from './service.js';
import { FAST_SCRYPT, tenantUser, testKeyring, testService, type TestService } from './test-helpers.js';
import { hashToken } from './tokens.js';
import { SESSION_TTL_MILLISECONDS } from './users.js';

describe('scrypt passwords', () => {
  it('verifies the right password and rejects a wrong one, with per-user salt and parameters in the hash', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(new RegExp(`^scrypt\\$${DEFAULT_SCRYPT.N}\\$8\\$1\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$`));
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'garbage')).toBe(false);
  });

  it('verifies a hash made with other parameters (they are read from the hash)', async () => {
    const hash = await hashPassword('pw-12345678', FAST_SCRYPT);
    expect(hash.startsWith('scrypt$1024$8$1$')).toBe(true);
    expect(await verifyPassword('pw-12345678', hash)).toBe(true);
  });
});

describe('first start', () => {
  it('creates admin with a generated password, returned once and not stored in clear', async () => {
    // No key configured: a memory database gets a throwaway key instead of a key file in the working directory.
    const service = await openConnectorService({ file: ':memory:', env: {}, scrypt: FAST_SCRYPT });
    expect(existsSync(MASTER_KEY_FILE)).toBe(false);
    const password = service.firstStart.generatedPassword!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const rows = JSON.stringify(service.db.prepare('SELECT * FROM users').all());
    expect(rows).not.toContain(password);
    expect((await service.users.login('admin', password))!.user.role).toBe('root_admin');
    expect(await service.users.ensureAdmin({})).toEqual({ created: false });
    service.close();
  });

  it('takes CWC_ADMIN_PASSWORD and then returns no password; a too-short one is a clear error', async () => {
    const service = await openConnectorService({ file: ':memory:', keyring: testKeyring(), env: { CWC_ADMIN_PASSWORD: 'from-the-env-1' }, scrypt: FAST_SCRYPT });
    expect(service.firstStart).toEqual({ created: true });
    expect(await service.users.login('admin', 'from-the-env-1')).toBeDefined();
    service.close();
    await expect(openConnectorService({ file: ':memory:', keyring: testKeyring(), env: { CWC_ADMIN_PASSWORD: 'short' }, scrypt: FAST_SCRYPT })).rejects.toThrow(
      /CWC_ADMIN_PASSWORD must be at least 8 characters/,
    );
  });
});

describe('sessions and API tokens', () => {
  let service: TestService;
  beforeEach(async () => {
    service = await testService();
    service.tenants.create(service.root, 'acme');
  });
  afterEach(() => service.close());

  it('logs in, authenticates by token, and stores only the token hash', async () => {
    const session = (await service.users.login('admin', 'correct horse battery'))!;
    expect(session.token).toMatch(/^cwc_[A-Za-z0-9_-]{43}$/);
    expect(service.users.authenticate(session.token)!.username).toBe('admin');
    const stored = service.db.prepare('SELECT * FROM tokens').all() as Array<{ token_hash: string }>;
    expect(JSON.stringify(stored)).not.toContain(session.token);
    expect(JSON.stringify(stored)).not.toContain(session.token.slice(4));
    expect(stored.map((row) => row.token_hash)).toEqual([hashToken(session.token)]);
    expect(service.users.authenticate(session.token.slice(0, -1) + (session.token.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
  });

  it('rejects wrong passwords and unknown users alike', async () => {
    expect(await service.users.login('admin', 'wrong password')).toBeUndefined();
    expect(await service.users.login('nobody', 'correct horse battery')).toBeUndefined();
  });

  it('expires sessions, revokes on logout, and ends sessions on a password change', async () => {
    const session = (await service.users.login('admin', 'correct horse battery'))!;
    service.now.value += SESSION_TTL_MILLISECONDS - 1;
    expect(service.users.authenticate(session.token)).toBeDefined();
    service.now.value += 1;
    expect(service.users.authenticate(session.token)).toBeUndefined();

    const again = (await service.users.login('admin', 'correct horse battery'))!;
    service.users.revoke(again.token);
    expect(service.users.authenticate(again.token)).toBeUndefined();

    const third = (await service.users.login('admin', 'correct horse battery'))!;
    const apiToken = service.users.createApiToken(service.root, 'automation');
    await service.users.changePassword(service.root, service.root.id, 'a brand new password');
    expect(service.users.authenticate(third.token)).toBeUndefined();
    expect(service.users.authenticate(apiToken.token)!.id).toBe(service.root.id);
    expect(await service.users.login('admin', 'a brand new password')).toBeDefined();
  });

  it('lists API tokens without their value and revokes one by id, only for its owner', async () => {
    const analyst = await tenantUser(service, 'acme', 'tenant_analyst');
    const issued = service.users.createApiToken(service.root, 'ci');
    service.users.createApiToken(analyst, 'theirs');
    const listed = service.users.listApiTokens(service.root);
    expect(listed.map((token) => token.name)).toEqual(['ci']);
    expect(JSON.stringify(listed)).not.toContain(issued.token);
    expect(() => service.users.revokeApiToken(analyst, listed[0]!.id)).toThrow(/no API token/);
    expect(service.users.authenticate(issued.token)).toBeDefined();
    service.users.revokeApiToken(service.root, listed[0]!.id);
    expect(service.users.authenticate(issued.token)).toBeUndefined();
    expect(service.users.listApiTokens(analyst).map((token) => token.name)).toEqual(['theirs']);
  });

  it('deleting a user ends its tokens; the last root administrator cannot be deleted', async () => {
    const analyst = await tenantUser(service, 'acme', 'tenant_analyst');
    const session = (await service.users.login(analyst.username, 'a long enough password'))!;
    service.users.delete(service.root, analyst.id);
    expect(service.users.authenticate(session.token)).toBeUndefined();
    expect(() => service.users.delete(service.root, service.root.id)).toThrow(/last root administrator/);
  });
});

describe('roles', () => {
  let service: TestService;
  beforeEach(async () => {
    service = await testService();
    service.tenants.create(service.root, 'acme');
    service.tenants.create(service.root, 'globex');
  });
  afterEach(() => service.close());

  it('requireRole orders root_admin > tenant_admin > tenant_analyst and throws 403', async () => {
    const admin = await tenantUser(service, 'acme', 'tenant_admin');
    const analyst = await tenantUser(service, 'acme', 'tenant_analyst');
    expect(() => requireRole(service.root, 'tenant_admin')).not.toThrow();
    expect(() => requireRole(admin, 'tenant_analyst')).not.toThrow();
    let error: unknown;
    try {
      requireRole(analyst, 'tenant_admin');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CwcError);
    expect((error as CwcError).status).toBe(403);
    expect(canSeeTenant(service.root, 'globex')).toBe(true);
    expect(canSeeTenant(admin, 'acme')).toBe(true);
    expect(canSeeTenant(admin, 'globex')).toBe(false);
  });

  it('tenant users need a real tenant; tenant admins create users only in their own tenant and never root', async () => {
    await expect(service.users.create(service.root, { username: 'x', password: 'long enough pw', role: 'tenant_admin' })).rejects.toThrow(/tenant: must name an existing tenant/);
    await expect(service.users.create(service.root, { username: 'y', password: 'long enough pw', role: 'root_admin', tenant: 'acme' })).rejects.toThrow(/tenant: is not used for root_admin/);
    const admin = await tenantUser(service, 'acme', 'tenant_admin');
    await expect(service.users.create(admin, { username: 'z', password: 'long enough pw', role: 'root_admin' })).rejects.toMatchObject({ status: 403 });
    await expect(service.users.create(admin, { username: 'z', password: 'long enough pw', role: 'tenant_analyst', tenant: 'globex' })).rejects.toMatchObject({ status: 403 });
    const created = await service.users.create(admin, { username: 'z', password: 'long enough pw', role: 'tenant_analyst', tenant: 'acme' });
    expect(created.tenant).toBe('acme');
    await expect(service.users.create(service.root, { username: 'z', password: 'long enough pw', role: 'tenant_analyst', tenant: 'acme' })).rejects.toMatchObject({ status: 409 });
    const globexUser = await tenantUser(service, 'globex', 'tenant_analyst');
    expect(() => service.users.get(admin, globexUser.id)).toThrow(/no user with id/);
    expect(service.users.list(admin).map((user) => user.username).sort()).toEqual(['acme-tenant_admin', 'z']);
  });
});
