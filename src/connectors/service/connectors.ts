// The connector repository: create, get, list, update (partial, secrets kept), delete; secrets sealed at rest, tenants isolated.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Clock } from '../../core/clock.js';
import type { Connector } from '../../core/connector.js';
import { CwcError, ValidationError, type FieldProblem } from '../../core/errors.js';
import { validateConnectorFully } from '../load.js';
import { canSeeTenant, hasRole, notFound, requireRole, type User } from './authorization.js';
import { isSecretField, sealConnector, showConfig, unsealConnector, type ShownConfig, type StoredSecrets } from './connector-secrets.js';
import type { ServiceDatabase } from './database.js';
import type { MasterKeyring } from './master-key.js';
import { PROFILE_ADVICE, type ProfileRepository } from './profiles.js';

/** Fields fixed at creation (the document's General tab). */
export const GENERAL_FIELDS = ['category', 'type', 'functions', 'name', 'tenant', 'runOn'] as const;
const PATCHABLE_FIELDS = ['config', 'logFilters'] as const;
/** Fields that belong to one auth method; switching methods drops them unless the patch sends them again. */
const AUTH_FIELDS = ['accessKeyId', 'secretAccessKey', 'sourceAccessKeyId', 'sourceSecretAccessKey', 'roleArn', 'externalId'] as const;

/** Does a log filter with this name or id exist for the tenant? Injected: the filters live in src/filters. */
export type LogFilterLookup = (reference: string, tenant: string) => boolean;

/** A connector as the API returns it: secrets replaced by `{ set: true }`. */
export interface ConnectorView extends Omit<Connector, 'config'> {
  id: string;
  config: ShownConfig;
  createdAt: string;
  updatedAt: string;
  /** Data Analyzer profiles the connector belongs to (data-processor), or its sensor's implicit profile. */
  profileIds: string[];
  /** Whether the scheduler pulls data for it now. */
  pulling: boolean;
}

/** A connector with its secrets opened: for the scheduler and the connectivity test only, never for output or logs. */
export interface RunnableConnector {
  id: string;
  connector: Connector;
  updatedAt: string;
  pulling: boolean;
}

export interface CreateResult {
  connector: ConnectorView;
  /** The outcome of the document's "add to the default Data Analyzer profile?" prompt. */
  profile: { added: boolean; advice?: string };
}

interface ConnectorRow { id: string; tenant: string; name: string; run_on: string; body: string; secrets: string; created_at: number; updated_at: number }

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class ConnectorRepository {
  constructor(
    private readonly db: ServiceDatabase,
    private readonly keyring: MasterKeyring,
    private readonly profiles: ProfileRepository,
    private readonly clock: Clock,
    private readonly logFilterExists: LogFilterLookup = () => false,
  ) {}

  /** Validates and stores a new connector. `addToDefaultProfile` is the document's prompt; only root_admin can honour it. */
  create(actor: User, input: unknown, options: { addToDefaultProfile: boolean }): CreateResult {
    requireRole(actor, 'tenant_admin');
    const problems: FieldProblem[] = [];
    let connector: Connector | undefined;
    try {
      connector = validateConnectorFully(input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push(...error.details);
    }
    const tenant = isPlainObject(input) && typeof input.tenant === 'string' ? input.tenant : undefined;
    if (tenant !== undefined && !canSeeTenant(actor, tenant)) {
      throw new CwcError('forbidden', `you can only create connectors in your own tenant (${actor.tenant ?? 'none'})`, { status: 403 });
    }
    if (connector !== undefined) problems.push(...this.referenceProblems(connector, []));
    if (problems.length > 0 || connector === undefined) throw new ValidationError(problems);
    this.assertNameFree(connector, undefined);

    const id = randomUUID();
    const now = this.clock();
    const { body, secrets } = sealConnector(this.keyring, id, connector);
    this.db
      .prepare('INSERT INTO connectors (id, tenant, name, run_on, body, secrets, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, connector.tenant, connector.name, connector.runOn, JSON.stringify(body), JSON.stringify(secrets), now, now);

    let profile: CreateResult['profile'];
    if (connector.runOn !== 'data-processor') {
      this.profiles.connectorCreated(id);
      profile = { added: true };
    } else if (options.addToDefaultProfile && hasRole(actor, 'root_admin')) {
      this.profiles.addUnchecked(this.profiles.defaultProfileId(), { id, tenant: connector.tenant, run_on: connector.runOn, first_profile_join_at: null });
      profile = { added: true };
    } else if (options.addToDefaultProfile) {
      profile = { added: false, advice: `the connector was created but not added to the default profile: ${PROFILE_ADVICE}` };
    } else {
      profile = { added: false, advice: 'to pull data, a connector that runs on the Data Processor must be added to a Data Analyzer profile' };
    }
    return { connector: this.get(actor, id), profile };
  }

  /** Missing tenant and unknown log filters, checked after the schema (both are facts about other records). */
  private referenceProblems(connector: Connector, alreadyAttached: readonly string[]): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (this.db.prepare('SELECT 1 FROM tenants WHERE name = ?').get(connector.tenant) === undefined) {
      problems.push({ path: 'tenant', message: `no tenant named ${JSON.stringify(connector.tenant)}` });
    }
    (connector.logFilters ?? []).forEach((reference, index) => {
      if (!alreadyAttached.includes(reference) && !this.logFilterExists(reference, connector.tenant)) {
        problems.push({ path: `logFilters[${index}]`, message: `no log filter named ${JSON.stringify(reference)} in tenant ${JSON.stringify(connector.tenant)}` });
      }
    });
    return problems;
  }

  /** Names are unique per tenant: two tenants may each have a "vpc-flow" connector (decision 0022). */
  private assertNameFree(connector: Connector, exceptId: string | undefined): void {
    const row = this.db.prepare('SELECT id FROM connectors WHERE tenant = ? AND name = ?').get(connector.tenant, connector.name) as { id: string } | undefined;
    if (row !== undefined && row.id !== exceptId) {
      throw new CwcError('conflict', `tenant ${JSON.stringify(connector.tenant)} already has a connector named ${JSON.stringify(connector.name)}`, {
        status: 409,
        details: [{ path: 'name', message: 'is already used by another connector of this tenant' }],
      });
    }
  }

  private row(actor: User, id: string): ConnectorRow {
    const row = typeof id === 'string' ? (this.db.prepare('SELECT * FROM connectors WHERE id = ?').get(id) as ConnectorRow | undefined) : undefined;
    // Another tenant's connector is "not found", not "forbidden": ids must not reveal that they exist.
    if (row === undefined || !canSeeTenant(actor, row.tenant)) throw notFound('connector', String(id));
    return row;
  }

  private view(row: ConnectorRow): ConnectorView {
    const body = JSON.parse(row.body) as Connector;
    const profileIds = row.run_on === 'data-processor' ? this.profiles.profileIdsOf(row.id) : [row.run_on];
    return {
      id: row.id,
      ...body,
      config: showConfig(body, JSON.parse(row.secrets) as StoredSecrets),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      profileIds,
      pulling: row.run_on !== 'data-processor' || profileIds.length > 0,
    };
  }

  get(actor: User, id: string): ConnectorView {
    return this.view(this.row(actor, id));
  }

  /** The connectors the actor may see, optionally of one tenant, by tenant then name. */
  list(actor: User, filter: { tenant?: string } = {}): ConnectorView[] {
    const rows = this.db.prepare('SELECT * FROM connectors ORDER BY tenant, name').all() as ConnectorRow[];
    return rows.filter((row) => canSeeTenant(actor, row.tenant) && (filter.tenant === undefined || row.tenant === filter.tenant)).map((row) => this.view(row));
  }

  /**
   * Applies a partial patch of `config` and `logFilters`. General fields may be repeated unchanged but not changed.
   * A secret left out (or sent back as `{ set: true }`) keeps its stored value; `null` removes an optional field.
   * Every problem is reported at once; nothing is written unless the merged connector is valid.
   */
  update(actor: User, id: string, patch: unknown): ConnectorView {
    requireRole(actor, 'tenant_admin');
    const row = this.row(actor, id);
    const current = this.unseal(row);
    if (!isPlainObject(patch)) throw new ValidationError([{ path: '', message: 'must be an object with config and/or logFilters' }]);
    const problems: FieldProblem[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if ((GENERAL_FIELDS as readonly string[]).includes(key)) {
        if (!isDeepStrictEqual(value, current[key as (typeof GENERAL_FIELDS)[number]])) problems.push({ path: key, message: 'cannot change after creation' });
      } else if (!(PATCHABLE_FIELDS as readonly string[]).includes(key)) {
        problems.push({ path: key, message: 'is not a connector field' });
      }
    }
    const merged: Record<string, unknown> = { ...current, config: { ...current.config } };
    if (patch.logFilters !== undefined) merged.logFilters = patch.logFilters;
    if (patch.config !== undefined && !isPlainObject(patch.config)) problems.push({ path: 'config', message: 'must be an object' });
    else if (patch.config !== undefined) merged.config = mergeConfig(current.config as unknown as Record<string, unknown>, patch.config);

    let next: Connector | undefined;
    try {
      next = validateConnectorFully(merged);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      problems.push(...error.details);
    }
    if (next !== undefined) problems.push(...this.referenceProblems(next, current.logFilters ?? []));
    if (problems.length > 0 || next === undefined) throw new ValidationError(problems);

    // Re-sealing every secret (fresh IVs, current key) on each update also moves the record onto a rotated key.
    const { body, secrets } = sealConnector(this.keyring, id, next);
    this.db.prepare('UPDATE connectors SET body = ?, secrets = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(body), JSON.stringify(secrets), this.clock(), id);
    return this.get(actor, id);
  }

  delete(actor: User, id: string): void {
    requireRole(actor, 'tenant_admin');
    const row = this.row(actor, id);
    const profileIds = this.profiles.profileIdsOf(id);
    this.db.prepare('DELETE FROM connectors WHERE id = ?').run(id);
    this.profiles.connectorDeleted(id, row.run_on, profileIds);
  }

  private unseal(row: ConnectorRow): Connector {
    return unsealConnector(this.keyring, row.id, JSON.parse(row.body) as Connector, JSON.parse(row.secrets) as StoredSecrets);
  }

  /** For the scheduler and the connectivity test: the connector with its secrets opened. Never return this from the API. */
  runnable(id: string): RunnableConnector | undefined {
    const row = this.db.prepare('SELECT * FROM connectors WHERE id = ?').get(id) as ConnectorRow | undefined;
    if (row === undefined) return undefined;
    return { id, connector: this.unseal(row), updatedAt: new Date(row.updated_at).toISOString(), pulling: this.profiles.isPulling(id) };
  }

  /** Every connector the scheduler should run now (data-processor members of a profile, and sensor-run ones). */
  listPulling(): RunnableConnector[] {
    const ids = (this.db.prepare('SELECT id FROM connectors ORDER BY created_at, id').all() as Array<{ id: string }>).map((row) => row.id);
    return ids.filter((id) => this.profiles.isPulling(id)).map((id) => this.runnable(id)!);
  }

  /** Re-seals every secret under the current master key (after a rotation); returns how many connectors were rewritten. */
  rotateSecrets(): number {
    const rows = this.db.prepare('SELECT * FROM connectors').all() as ConnectorRow[];
    const rewrite = this.db.prepare('UPDATE connectors SET secrets = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const row of rows) rewrite.run(JSON.stringify(sealConnector(this.keyring, row.id, this.unseal(row)).secrets), row.id);
    })();
    return rows.length;
  }
}

/** Shallow merge of a config patch over the current config, with the auth-method switch and secret-keeping rules. */
function mergeConfig(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current };
  if (patch.authMethod !== undefined && patch.authMethod !== current.authMethod) {
    for (const field of AUTH_FIELDS) delete merged[field];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (isSecretField(key) && isDeepStrictEqual(value, { set: true })) continue;
    else merged[key] = value;
  }
  return merged;
}
