// Authentication: login (rate limited per IP and per username), logout, and the hook that requires a token everywhere else.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CwcError } from '../core/errors.js';
import type { User } from '../connectors/service/index.js';
import type { UserRepository } from '../connectors/service/index.js';

export const SESSION_COOKIE = 'cwc_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set by the auth hook on every route that is not public. */
    user?: User;
  }
  interface FastifyContextConfig {
    /** No authentication (health, login, metrics when configured so). */
    public?: boolean;
    /** Left out of the OpenAPI document. */
    openapi?: boolean;
    summary?: string;
    tags?: string[];
  }
}

export interface LoginLimits {
  /** Login attempts per client IP per window. */
  perIp: number;
  /** Failed logins per username per window; then the username is locked for the rest of the window. */
  perUsername: number;
  windowMilliseconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIp: 20, perUsername: 5, windowMilliseconds: 15 * 60_000 };

/** Failed logins per username in a fixed window: guessing one account's password from many IPs is slowed too. */
class FailedLogins {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly limit: number, private readonly windowMilliseconds: number) {}

  retryAfterSeconds(username: string, now: number): number | undefined {
    const entry = this.failures.get(username);
    if (entry === undefined || entry.resetAt <= now) return undefined;
    return entry.count >= this.limit ? Math.ceil((entry.resetAt - now) / 1000) : undefined;
  }

  failed(username: string, now: number): void {
    // Bounded: a flood of random usernames cannot grow the map without end.
    if (this.failures.size > 10_000) for (const [key, value] of this.failures) if (value.resetAt <= now) this.failures.delete(key);
    if (this.failures.size > 50_000) this.failures.clear();
    const entry = this.failures.get(username);
    if (entry === undefined || entry.resetAt <= now) this.failures.set(username, { count: 1, resetAt: now + this.windowMilliseconds });
    else entry.count += 1;
  }

  succeeded(username: string): void {
    this.failures.delete(username);
  }
}

/** A bearer token (Authorization: Bearer …) or the session cookie. */
export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  const cookie = (request.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
  return typeof cookie === 'string' && cookie !== '' ? cookie : undefined;
}

/** The signed-in user of a route that requires one (the hook guarantees it). */
export function userOf(request: FastifyRequest): User {
  if (request.user === undefined) throw new CwcError('unauthorized', 'sign in first: send a bearer token or the session cookie', { status: 401 });
  return request.user;
}

const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 128 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

export async function registerAuth(app: FastifyInstance, users: UserRepository, limits: LoginLimits, secureCookie: boolean): Promise<void> {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.public === true || request.is404) return;
    const user = users.authenticate(tokenOf(request));
    if (user === undefined) throw new CwcError('unauthorized', 'authentication required: POST /api/v1/auth/login, then send the token as "Authorization: Bearer TOKEN" or the session cookie', { status: 401 });
    request.user = user;
  });

  const failed = new FailedLogins(limits.perUsername, limits.windowMilliseconds);
  app.post('/api/v1/auth/login', {
    config: { public: true, summary: 'Sign in; returns a session token (also set as the session cookie)', tags: ['auth'] },
    preHandler: app.rateLimit({ max: limits.perIp, timeWindow: limits.windowMilliseconds }),
    schema: { body: LoginBody, response: { 200: Type.Object({ token: Type.String(), expiresAt: Type.String() }) } },
  }, async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    const retry = failed.retryAfterSeconds(username, Date.now());
    if (retry !== undefined) {
      reply.header('retry-after', String(retry));
      throw new CwcError('rate_limited', `too many failed logins for this username; try again in ${retry} s`, { status: 429 });
    }
    const session = await users.login(username, password);
    if (session === undefined) {
      failed.failed(username, Date.now());
      throw new CwcError('invalid_credentials', 'wrong username or password', { status: 401 });
    }
    failed.succeeded(username);
    reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookie, expires: new Date(session.expiresAt) });
    return { token: session.token, expiresAt: session.expiresAt };
  });

  app.post('/api/v1/auth/logout', { config: { summary: 'End this session or token', tags: ['auth'] } }, async (request, reply) => {
    const token = tokenOf(request);
    if (token !== undefined) users.revoke(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/v1/auth/me', { config: { summary: 'The signed-in user', tags: ['auth'] } }, async (request) => userOf(request));
}
