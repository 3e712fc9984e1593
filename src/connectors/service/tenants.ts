// Tenants: named partitions of connectors, records and users. Names go into every record, so they never change.
import { randomUUID } from 'node:crypto';
import { CwcError, ValidationError } from '../../core/errors.js';
import type { Clock } from '../../core/clock.js';
import { canSeeTenant, notFound, requireRole, type User } from './authorization.js';
import type { ServiceDatabase } from './database.js';

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

interface TenantRow { id: string; name: string; created_at: number }

/** The connector schema's tenant rule: printable ASCII, 1-64 characters, no outer spaces. */
const TENANT_NAME = /^[\x20-\x7E]{1,64}$/;

const toTenant = (row: TenantRow): Tenant => ({ id: row.id, name: row.name, createdAt: new Date(row.created_at).toISOString() });

export class TenantRepository {
  constructor(private readonly db: ServiceDatabase, private readonly clock: Clock) {}

  /** Creates a tenant. Only the root administrator may; a taken name is 409. */
  create(actor: User, name: unknown): Tenant {
    requireRole(actor, 'root_admin');
    return this.createUnchecked(name);
  }

  /** For start-up seeding (the demo tenant): no actor. */
  createUnchecked(name: unknown): Tenant {
    if (typeof name !== 'string' || !TENANT_NAME.test(name) || name.trim() !== name) {
      throw new ValidationError([{ path: 'name', message: 'must be printable ASCII, 1-64 characters, without leading or trailing spaces' }]);
    }
    if (this.byName(name) !== undefined) throw new CwcError('conflict', `a tenant named ${JSON.stringify(name)} already exists`, { status: 409 });
    const row: TenantRow = { id: randomUUID(), name, created_at: this.clock() };
    this.db.prepare('INSERT INTO tenants (id, name, created_at) VALUES (@id, @name, @created_at)').run(row);
    return toTenant(row);
  }

  byName(name: string): Tenant | undefined {
    const row = this.db.prepare('SELECT * FROM tenants WHERE name = ?').get(name) as TenantRow | undefined;
    return row && toTenant(row);
  }

  byId(id: string): Tenant | undefined {
    const row = this.db.prepare('SELECT * FROM tenants WHERE id = ?').get(id) as TenantRow | undefined;
    return row && toTenant(row);
  }

  /** A tenant user sees only its own tenant; another tenant's id is 404. */
  get(actor: User, id: string): Tenant {
    const tenant = this.byId(id);
    if (tenant === undefined || !canSeeTenant(actor, tenant.name)) throw notFound('tenant', id);
    return tenant;
  }

  list(actor: User): Tenant[] {
    const rows = this.db.prepare('SELECT * FROM tenants ORDER BY name').all() as TenantRow[];
    return rows.map(toTenant).filter((tenant) => canSeeTenant(actor, tenant.name));
  }

  /** Refused (409) while connectors or users still belong to the tenant: deleting them silently would lose config. */
  delete(actor: User, id: string): void {
    requireRole(actor, 'root_admin');
    const tenant = this.get(actor, id);
    const connectors = (this.db.prepare('SELECT count(*) AS n FROM connectors WHERE tenant = ?').get(tenant.name) as { n: number }).n;
    const users = (this.db.prepare('SELECT count(*) AS n FROM users WHERE tenant_id = ?').get(tenant.id) as { n: number }).n;
    if (connectors > 0 || users > 0) {
      throw new CwcError('conflict', `tenant ${JSON.stringify(tenant.name)} still has ${connectors} connector(s) and ${users} user(s); delete them first`, { status: 409 });
    }
    this.db.prepare('DELETE FROM tenants WHERE id = ?').run(id);
  }
}
