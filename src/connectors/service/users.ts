// Users, passwords, sessions and API tokens: scrypt hashes and token hashes only; the first start seeds `admin`.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { CwcError, ValidationError, type FieldProblem } from '../../core/errors.js';
import { canSeeTenant, notFound, requireRole, ROLES, type Role, type User } from './authorization.js';
import type { ServiceDatabase } from './database.js';
import { DEFAULT_SCRYPT, generatePassword, hashPassword, passwordProblem, verifyPassword, type ScryptParameters } from './passwords.js';
import { generateToken, hashToken } from './tokens.js';

export const ADMIN_USERNAME = 'admin';
export const SESSION_TTL_MILLISECONDS = 12 * 60 * 60 * 1000;
export const API_TOKEN_TTL_MILLISECONDS = 365 * 24 * 60 * 60 * 1000;
const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;

interface UserRow { id: string; username: string; role: Role; tenant_id: string | null; tenant_name: string | null; password_hash: string; created_at: number }

const SELECT_USER = 'SELECT users.*, tenants.name AS tenant_name FROM users LEFT JOIN tenants ON tenants.id = users.tenant_id';

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  role: row.role,
  tenant: row.tenant_name ?? undefined,
  createdAt: new Date(row.created_at).toISOString(),
});

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  /** Tenant name; required for tenant roles, absent for root_admin. */
  tenant?: string;
}

export interface IssuedToken {
  /** Shown once; only its hash is kept. */
  token: string;
  expiresAt: string;
}

const API_TOKEN_ID_LENGTH = 16;

export interface ApiTokenInfo {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
}

export interface FirstStart {
  /** Set only when the password was generated: print it once, it is not stored anywhere in clear. */
  generatedPassword?: string;
  created: boolean;
}

export class UserRepository {
  constructor(
    private readonly db: ServiceDatabase,
    private readonly clock: Clock,
    private readonly scryptParameters: ScryptParameters = DEFAULT_SCRYPT,
  ) {}

  /** Creates `admin` (root_admin) when no user exists yet: CWC_ADMIN_PASSWORD, or a generated password returned once. */
  async ensureAdmin(env: NodeJS.ProcessEnv = process.env): Promise<FirstStart> {
    const count = (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    if (count > 0) return { created: false };
    const fromEnv = env.CWC_ADMIN_PASSWORD;
    const password = fromEnv !== undefined && fromEnv !== '' ? fromEnv : generatePassword();
    const problem = passwordProblem(password);
    if (problem !== undefined) throw new CwcError('usage_error', `CWC_ADMIN_PASSWORD ${problem}`, { status: 400 });
    await this.insert({ username: ADMIN_USERNAME, password, role: 'root_admin' });
    return fromEnv !== undefined && fromEnv !== '' ? { created: true } : { created: true, generatedPassword: password };
  }

  /** root_admin creates anyone; tenant_admin creates tenant users of its own tenant only. */
  async create(actor: User, input: NewUser): Promise<User> {
    requireRole(actor, 'tenant_admin');
    if (actor.role !== 'root_admin' && (input.role === 'root_admin' || input.tenant !== actor.tenant)) {
      throw new CwcError('forbidden', 'a tenant administrator can only create tenant_admin or tenant_analyst users of its own tenant', { status: 403 });
    }
    return this.insert(input);
  }

  private async insert(input: NewUser): Promise<User> {
    const problems: FieldProblem[] = [];
    if (typeof input.username !== 'string' || !USERNAME.test(input.username)) problems.push({ path: 'username', message: 'must be 1-64 characters of A-Z a-z 0-9 . _ @ -' });
    const passwordIssue = passwordProblem(input.password);
    if (passwordIssue !== undefined) problems.push({ path: 'password', message: passwordIssue });
    if (!ROLES.includes(input.role)) problems.push({ path: 'role', message: `must be one of ${ROLES.join(', ')}` });
    let tenantId: string | null = null;
    if (input.role === 'root_admin') {
      if (input.tenant !== undefined) problems.push({ path: 'tenant', message: 'is not used for root_admin' });
    } else if (ROLES.includes(input.role)) {
      const tenant = typeof input.tenant === 'string' ? (this.db.prepare('SELECT id FROM tenants WHERE name = ?').get(input.tenant) as { id: string } | undefined) : undefined;
      if (tenant === undefined) problems.push({ path: 'tenant', message: `must name an existing tenant (required for ${input.role})` });
      else tenantId = tenant.id;
    }
    if (problems.length > 0) throw new ValidationError(problems);
    if (this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username) !== undefined) {
      throw new CwcError('conflict', `a user named ${JSON.stringify(input.username)} already exists`, { status: 409 });
    }
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password, this.scryptParameters);
    this.db
      .prepare('INSERT INTO users (id, username, role, tenant_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, input.username, input.role, tenantId, passwordHash, this.clock());
    return this.byId(id)!;
  }

  byId(id: string): User | undefined {
    const row = this.db.prepare(`${SELECT_USER} WHERE users.id = ?`).get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  get(actor: User, id: string): User {
    const user = this.byId(id);
    if (user === undefined || !this.canSeeUser(actor, user)) throw notFound('user', id);
    return user;
  }

  list(actor: User): User[] {
    const rows = this.db.prepare(`${SELECT_USER} ORDER BY users.username`).all() as UserRow[];
    return rows.map(toUser).filter((user) => this.canSeeUser(actor, user));
  }

  private canSeeUser(actor: User, user: User): boolean {
    return actor.id === user.id || actor.role === 'root_admin' || (user.tenant !== undefined && canSeeTenant(actor, user.tenant));
  }

  async changePassword(actor: User, id: string, password: string): Promise<void> {
    const user = this.get(actor, id);
    if (actor.id !== user.id) requireRole(actor, user.role === 'root_admin' ? 'root_admin' : 'tenant_admin');
    const problem = passwordProblem(password);
    if (problem !== undefined) throw new ValidationError([{ path: 'password', message: problem }]);
    const passwordHash = await hashPassword(password, this.scryptParameters);
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
      // A new password ends every existing session: the old one may be why it was changed.
      this.db.prepare("DELETE FROM tokens WHERE user_id = ? AND kind = 'session'").run(id);
    })();
  }

  delete(actor: User, id: string): void {
    const user = this.get(actor, id);
    requireRole(actor, user.role === 'root_admin' ? 'root_admin' : 'tenant_admin');
    if (user.role === 'root_admin') {
      const roots = (this.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'root_admin'").get() as { n: number }).n;
      if (roots <= 1) throw new CwcError('conflict', 'cannot delete the last root administrator', { status: 409 });
    }
    this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
  }

  /** Checks a password and opens a session. Unknown users cost the same scrypt work, so timing does not reveal usernames. */
  async login(username: string, password: string): Promise<(IssuedToken & { user: User }) | undefined> {
    const row = typeof username === 'string' ? (this.db.prepare(`${SELECT_USER} WHERE users.username = ?`).get(username) as UserRow | undefined) : undefined;
    const stored = row?.password_hash ?? (await this.dummyHash());
    const ok = typeof password === 'string' && (await verifyPassword(password, stored));
    if (!ok || row === undefined) return undefined;
    return { ...this.issue(row.id, 'session', SESSION_TTL_MILLISECONDS), user: toUser(row) };
  }

  private dummy: string | undefined;
  private async dummyHash(): Promise<string> {
    this.dummy ??= await hashPassword(generatePassword(), this.scryptParameters);
    return this.dummy;
  }

  /** A named long-lived token for automation, for the calling user. */
  createApiToken(actor: User, name: string, ttlMilliseconds = API_TOKEN_TTL_MILLISECONDS): IssuedToken {
    if (typeof name !== 'string' || name.length < 1 || name.length > 128) throw new ValidationError([{ path: 'name', message: 'must be 1-128 characters' }]);
    if (!Number.isInteger(ttlMilliseconds) || ttlMilliseconds <= 0) throw new ValidationError([{ path: 'ttl', message: 'must be a positive whole number of milliseconds' }]);
    return this.issue(actor.id, 'api_token', ttlMilliseconds, name);
  }

  private issue(userId: string, kind: 'session' | 'api_token', ttlMilliseconds: number, name?: string): IssuedToken {
    const token = generateToken();
    const now = this.clock();
    this.db
      .prepare('INSERT INTO tokens (token_hash, user_id, kind, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hashToken(token), userId, kind, name ?? null, now, now + ttlMilliseconds);
    return { token, expiresAt: new Date(now + ttlMilliseconds).toISOString() };
  }

  /** The user a bearer token or session cookie belongs to, or undefined (unknown, expired or revoked). */
  authenticate(token: unknown): User | undefined {
    if (typeof token !== 'string' || token.length === 0 || token.length > 256) return undefined;
    const hash = hashToken(token);
    const found = this.db.prepare('SELECT user_id, expires_at FROM tokens WHERE token_hash = ?').get(hash) as { user_id: string; expires_at: number } | undefined;
    if (found === undefined) return undefined;
    if (found.expires_at <= this.clock()) {
      this.db.prepare('DELETE FROM tokens WHERE token_hash = ?').run(hash);
      return undefined;
    }
    return this.byId(found.user_id);
  }

  /** The caller's API tokens; `id` is a prefix of the token hash, enough to revoke by and useless to log in with. */
  listApiTokens(actor: User): ApiTokenInfo[] {
    const rows = this.db
      .prepare("SELECT token_hash, name, created_at, expires_at FROM tokens WHERE user_id = ? AND kind = 'api_token' ORDER BY created_at, token_hash")
      .all(actor.id) as Array<{ token_hash: string; name: string; created_at: number; expires_at: number }>;
    return rows.map((row) => ({
      id: row.token_hash.slice(0, API_TOKEN_ID_LENGTH),
      name: row.name,
      createdAt: new Date(row.created_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
    }));
  }

  /** Revokes one of the caller's API tokens by its listed id; another user's token id is 404. */
  revokeApiToken(actor: User, id: string): void {
    if (typeof id !== 'string' || !/^[0-9a-f]{16}$/.test(id)) throw notFound('API token', String(id));
    const removed = this.db.prepare("DELETE FROM tokens WHERE user_id = ? AND kind = 'api_token' AND substr(token_hash, 1, 16) = ?").run(actor.id, id).changes;
    if (removed === 0) throw notFound('API token', id);
  }

  /** Logout: the token stops working at once. */
  revoke(token: string): void {
    this.db.prepare('DELETE FROM tokens WHERE token_hash = ?').run(hashToken(token));
  }

  purgeExpiredTokens(): number {
    return this.db.prepare('DELETE FROM tokens WHERE expires_at <= ?').run(this.clock()).changes;
  }
}
