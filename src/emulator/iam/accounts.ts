// Who exists: accounts, users and their keys, roles, and the session credentials STS has issued (which expire).
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { CredentialLookup, KnownCredential } from '../sigv4/authenticator.js';
import type { PolicyDocument, Principal } from '../types.js';
import type { IamConfig, IamRoleConfig } from './config.js';

export interface Role {
  accountId: string;
  name: string;
  arn: string;
  /** `AROA…`, stable for a given ARN. */
  roleId: string;
  trustPolicy: PolicyDocument;
  policies: PolicyDocument[];
  maxSessionDurationSeconds: number;
}

export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since epoch. */
  expiresAt: number;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable IAM-style unique id (`AIDA…`, `AROA…`): 21 characters derived from the ARN. */
function stableId(prefix: string, arn: string): string {
  const digest = createHash('sha256').update(arn).digest();
  let id = prefix;
  for (let index = 0; id.length < 21; index += 1) id += ID_ALPHABET[(digest[index] as number) % 32];
  return id;
}

function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (let index = 0; id.length < length; index += 1) id += ID_ALPHABET[(bytes[index] as number) % 32];
  return id;
}

/** Expired sessions are kept this long so their use reports ExpiredToken rather than an unknown key. */
const EXPIRED_SESSION_RETENTION_MILLISECONDS = 24 * 3600_000;

export class Accounts implements CredentialLookup {
  private readonly keys = new Map<string, KnownCredential>();
  private readonly roles = new Map<string, Role>();
  private readonly accountIds: string[];
  private sessionsIssued = 0;

  constructor(
    config: IamConfig,
    private readonly clock: Clock,
  ) {
    this.accountIds = config.accounts.map((account) => account.id);
    for (const account of config.accounts) {
      for (const user of account.users ?? []) {
        const arn = `arn:aws:iam::${account.id}:user/${user.name}`;
        const principal: Principal = { accountId: account.id, arn, userId: stableId('AIDA', arn), kind: 'user', policies: user.policies ?? [], accessKeyId: user.accessKeyId };
        this.keys.set(user.accessKeyId, { secretAccessKey: user.secretAccessKey, principal });
      }
      for (const role of account.roles ?? []) this.addRole(account.id, role);
    }
  }

  private addRole(accountId: string, role: IamRoleConfig): void {
    const arn = `arn:aws:iam::${accountId}:role${role.path ?? '/'}${role.name}`;
    this.roles.set(`${accountId}/${role.name.toLowerCase()}`, {
      accountId,
      name: role.name,
      arn,
      roleId: stableId('AROA', arn),
      trustPolicy: role.trustPolicy,
      policies: role.policies ?? [],
      maxSessionDurationSeconds: role.maxSessionDurationSeconds ?? 3600,
    });
  }

  accountIdList(): string[] {
    return [...this.accountIds];
  }

  find(accessKeyId: string): KnownCredential | undefined {
    return this.keys.get(accessKeyId);
  }

  /** The role an ARN names (role names are case-insensitive in IAM; the path must match). */
  findRole(roleArn: string): Role | undefined {
    const match = /^arn:aws:iam::(\d{12}):role(\/(?:[\x21-\x7E]*\/)?)([\w+=,.@-]{1,64})$/.exec(roleArn);
    if (!match) return undefined;
    const role = this.roles.get(`${match[1]}/${(match[3] as string).toLowerCase()}`);
    return role !== undefined && role.arn.toLowerCase() === roleArn.toLowerCase() ? role : undefined;
  }

  /** Issues ASIA… credentials for an assumed-role session; they stop working at `expiresAt`. */
  issueSession(role: Role, sessionName: string, durationSeconds: number, sessionPolicies: PolicyDocument[] = []): { credentials: SessionCredentials; principal: Principal } {
    const now = this.clock();
    this.pruneExpired(now);
    this.sessionsIssued += 1;
    const accessKeyId = randomId('ASIA', 20);
    const credentials: SessionCredentials = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString('base64')}`,
      expiresAt: Math.floor(now / 1000) * 1000 + durationSeconds * 1000,
    };
    const principal: Principal = {
      accountId: role.accountId,
      arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${sessionName}`,
      userId: `${role.roleId}:${sessionName}`,
      kind: 'assumed-role',
      policies: role.policies,
      accessKeyId,
      roleArn: role.arn,
      expiresAt: credentials.expiresAt,
      ...(sessionPolicies.length > 0 ? { sessionPolicies } : {}),
    };
    this.keys.set(accessKeyId, { secretAccessKey: credentials.secretAccessKey, principal, sessionToken: credentials.sessionToken });
    return { credentials, principal };
  }

  /** Keeps memory bounded when a long-running emulator issues many sessions. */
  private pruneExpired(now: number): void {
    if (this.sessionsIssued % 1000 !== 0) return;
    for (const [key, known] of this.keys) {
      const expiresAt = known.principal.expiresAt;
      if (expiresAt !== undefined && expiresAt + EXPIRED_SESSION_RETENTION_MILLISECONDS < now) this.keys.delete(key);
    }
  }
}
