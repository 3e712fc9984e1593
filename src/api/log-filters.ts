// Log filters per tenant through the API: roles, tenants and validation over the config DB's log_filters table, and the per-connector chains that apply them.
import { CwcError, ValidationError } from '../core/errors.js';
import { canSeeTenant, requireRole, type ServiceDatabase, type User } from '../connectors/service/index.js';
import { FilterChain, validateLogFilter, type ChainSnapshot, type ConnectorFilters, type LogFilter } from '../filters/index.js';

export interface TenantLogFilter extends LogFilter {
  tenant: string;
  createdAt: string;
  updatedAt: string;
}

interface Row { tenant: string; id: string; body: string; created_at: number; updated_at: number }

const notFound = (tenant: string, id: string) => new CwcError('not_found', `no log filter ${JSON.stringify(id.slice(0, 128))} in tenant ${JSON.stringify(tenant.slice(0, 64))}`, { status: 404 });

export class LogFilterRepository {
  /** The chain each scheduled connector uses, so its counters survive filter edits and show in its status. */
  private readonly chains = new Map<string, FilterChain>();

  /** The table is created by the config DB's migrations (src/connectors/service/database.ts). */
  constructor(private readonly db: ServiceDatabase, private readonly clock: () => number = Date.now) {}

  /** For the connector repository's reference check (`logFilterExists`). */
  exists(id: string, tenant: string): boolean {
    return this.db.prepare('SELECT 1 FROM log_filters WHERE tenant = ? AND id = ?').get(tenant, id) !== undefined;
  }

  private toFilter(row: Row): TenantLogFilter {
    return { ...(JSON.parse(row.body) as LogFilter), tenant: row.tenant, createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString() };
  }

  list(actor: User, tenant?: string): TenantLogFilter[] {
    const rows = this.db.prepare('SELECT * FROM log_filters ORDER BY tenant, id').all() as Row[];
    return rows.filter((row) => canSeeTenant(actor, row.tenant) && (tenant === undefined || row.tenant === tenant)).map((row) => this.toFilter(row));
  }

  get(actor: User, tenant: string, id: string): TenantLogFilter {
    const row = canSeeTenant(actor, tenant) ? (this.db.prepare('SELECT * FROM log_filters WHERE tenant = ? AND id = ?').get(tenant, id) as Row | undefined) : undefined;
    if (row === undefined) throw notFound(tenant, id);
    return this.toFilter(row);
  }

  private checkTenant(actor: User, tenant: string): void {
    requireRole(actor, 'tenant_admin');
    if (!canSeeTenant(actor, tenant)) throw new CwcError('forbidden', `you can only manage log filters of your own tenant (${actor.tenant ?? 'none'})`, { status: 403 });
    if (this.db.prepare('SELECT 1 FROM tenants WHERE name = ?').get(tenant) === undefined) throw new ValidationError([{ path: 'tenant', message: `no tenant named ${JSON.stringify(tenant)}` }]);
  }

  create(actor: User, tenant: string, input: unknown): TenantLogFilter {
    this.checkTenant(actor, tenant);
    const filter = validateLogFilter(input);
    if (this.exists(filter.id, tenant)) throw new CwcError('conflict', `tenant ${JSON.stringify(tenant)} already has a log filter ${JSON.stringify(filter.id)}`, { status: 409 });
    const now = this.clock();
    this.db.prepare('INSERT INTO log_filters (tenant, id, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(tenant, filter.id, JSON.stringify(filter), now, now);
    return this.get(actor, tenant, filter.id);
  }

  /** Replaces a filter (same id); connectors that use it pick it up on their next run. */
  replace(actor: User, tenant: string, id: string, input: unknown): TenantLogFilter {
    this.get(actor, tenant, id);
    this.checkTenant(actor, tenant);
    const filter = validateLogFilter(input);
    if (filter.id !== id) throw new ValidationError([{ path: 'id', message: `must stay ${JSON.stringify(id)}: connectors refer to filters by id` }]);
    this.db.prepare('UPDATE log_filters SET body = ?, updated_at = ? WHERE tenant = ? AND id = ?').run(JSON.stringify(filter), this.clock(), tenant, id);
    return this.get(actor, tenant, id);
  }

  /** Refused while a connector still lists the filter: removing it silently would change what is stored. */
  delete(actor: User, tenant: string, id: string, usedBy: string[]): void {
    this.get(actor, tenant, id);
    this.checkTenant(actor, tenant);
    if (usedBy.length > 0) throw new CwcError('conflict', `log filter ${JSON.stringify(id)} is attached to connector(s) ${usedBy.join(', ')}; detach it first`, { status: 409 });
    this.db.prepare('DELETE FROM log_filters WHERE tenant = ? AND id = ?').run(tenant, id);
  }

  /**
   * A connector's filters for its next run, in its order: their definitions (for a store-writer thread) and a chain
   * that carries the counters over from the last one. Undefined when none is enabled.
   */
  filtersFor(connectorId: string, tenant: string, ids: readonly string[]): ConnectorFilters | undefined {
    const definitions = ids.flatMap((id) => {
      const row = this.db.prepare('SELECT * FROM log_filters WHERE tenant = ? AND id = ?').get(tenant, id) as Row | undefined;
      return row === undefined ? [] : [JSON.parse(row.body) as LogFilter];
    });
    const previous = this.chains.get(connectorId);
    const chain = new FilterChain(definitions, previous === undefined ? {} : { previous });
    this.chains.set(connectorId, chain);
    return chain.empty ? undefined : { definitions, chain };
  }

  /** What each of a connector's filters dropped since start. */
  snapshot(connectorId: string): ChainSnapshot | undefined {
    return this.chains.get(connectorId)?.snapshot();
  }
}
