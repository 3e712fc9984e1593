import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessKeyConnector, login, testApi, type TestApi } from '../test-support.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => api.close());

describe('tenants, users, profiles', () => {
  it('lets root create tenants and a tenant admin see only its own', async () => {
    const created = await api.app.inject({ method: 'POST', url: '/api/v1/tenants', headers: api.auth(api.tokens.root), payload: { name: 'initech' } });
    expect(created.statusCode).toBe(201);
    const duplicate = await api.app.inject({ method: 'POST', url: '/api/v1/tenants', headers: api.auth(api.tokens.root), payload: { name: 'initech' } });
    expect(duplicate.statusCode).toBe(409);
    const seen = await api.app.inject({ method: 'GET', url: '/api/v1/tenants', headers: api.auth(api.tokens.acmeAdmin) });
    expect(seen.json().tenants.map((t: { name: string }) => t.name)).toEqual(['acme']);
  });

  it('creates users who can sign in, and never returns password hashes', async () => {
    const created = await api.app.inject({ method: 'POST', url: '/api/v1/users', headers: api.auth(api.tokens.acmeAdmin), payload: { username: 'acme-new', password: 'yet another long password', role: 'tenant_analyst', tenant: 'acme' } });
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toMatch(/scrypt|hash/i);
    expect(await login(api.app, 'acme-new', 'yet another long password')).toMatch(/.{20,}/);
    const intoOther = await api.app.inject({ method: 'POST', url: '/api/v1/users', headers: api.auth(api.tokens.acmeAdmin), payload: { username: 'sneaky', password: 'yet another long password', role: 'tenant_admin', tenant: 'globex' } });
    expect(intoOther.statusCode).toBe(403);
    const users = await api.app.inject({ method: 'GET', url: '/api/v1/users', headers: api.auth(api.tokens.acmeAdmin) });
    expect(users.json().users.every((u: { tenant?: string }) => u.tenant === 'acme')).toBe(true);
  });

  it('adds a connector to a profile (root only) and says why to others', async () => {
    const connector = api.service.connectors.create(api.service.root, accessKeyConnector({ name: 'profiled' }), { addToDefaultProfile: false }).connector;
    const profiles = await api.app.inject({ method: 'GET', url: '/api/v1/profiles', headers: api.auth(api.tokens.acmeAnalyst) });
    const defaultProfile = profiles.json().profiles.find((p: { isDefault: boolean }) => p.isDefault);
    const refused = await api.app.inject({ method: 'PUT', url: `/api/v1/profiles/${defaultProfile.id}/connectors/${connector.id}`, headers: api.auth(api.tokens.acmeAdmin) });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('ask your administrator');
    const added = await api.app.inject({ method: 'PUT', url: `/api/v1/profiles/${defaultProfile.id}/connectors/${connector.id}`, headers: api.auth(api.tokens.root) });
    expect(added.statusCode).toBe(200);
    expect(added.json().connectorIds).toContain(connector.id);
    const view = await api.app.inject({ method: 'GET', url: `/api/v1/connectors/${connector.id}`, headers: api.auth(api.tokens.acmeAnalyst) });
    expect(view.json().pulling).toBe(true);
  });

  it('issues API tokens that work as bearer tokens, and logout revokes a token', async () => {
    const issued = await api.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: api.auth(api.tokens.acmeAnalyst), payload: { name: 'ci' } });
    expect(issued.statusCode).toBe(201);
    const token = issued.json().token as string;
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: api.auth(token) })).json().username).toBe('acme-tenant_analyst');
    expect((await api.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: api.auth(token) })).statusCode).toBe(204);
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: api.auth(token) })).statusCode).toBe(401);
  });
});

describe('login rate limits', () => {
  it('locks a username after repeated failures, from any IP, and limits one IP', async () => {
    const limited = await testApi({ loginLimits: { perIp: 8, perUsername: 3, windowMilliseconds: 60_000 } });
    try {
      const attempt = (username: string, ip: string) => limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { username, password: 'not the password' } });
      for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) expect((await attempt('admin', ip)).statusCode).toBe(401);
      const locked = await attempt('admin', '10.0.0.4');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('rate_limited');
      // The right password is refused too while the username is locked.
      const right = await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.0.0.5', payload: { username: 'admin', password: 'correct horse battery' } });
      expect(right.statusCode).toBe(429);
      const codes: number[] = [];
      for (let n = 0; n < 10; n += 1) codes.push((await attempt(`nobody-${n}`, '10.0.0.9')).statusCode);
      expect(codes.slice(0, 8).every((code) => code === 401)).toBe(true);
      expect(codes.slice(8)).toEqual([429, 429]);
      const ipLimited = await attempt('nobody-x', '10.0.0.9');
      expect(ipLimited.json().error).toMatchObject({ code: 'rate_limited', details: [] });
      expect(ipLimited.json().error.message).toContain('too many requests');
    } finally {
      await limited.close();
    }
  });
});
