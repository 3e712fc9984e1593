// Roles and the checks every caller of the service makes: who may see a tenant, who holds a role.
import { CwcError } from '../../core/errors.js';

export type Role = 'root_admin' | 'tenant_admin' | 'tenant_analyst';
export const ROLES: readonly Role[] = ['root_admin', 'tenant_admin', 'tenant_analyst'];

/** A signed-in user as the rest of the service sees it; never carries the password hash. */
export interface User {
  id: string;
  username: string;
  role: Role;
  /** The tenant name a tenant user is bound to; undefined for the root administrator. */
  tenant: string | undefined;
  createdAt: string;
}

const RANK: Record<Role, number> = { tenant_analyst: 1, tenant_admin: 2, root_admin: 3 };

export function hasRole(user: User, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

/** Throws 403 unless `user` holds `role` or a higher one (root_admin > tenant_admin > tenant_analyst). */
export function requireRole(user: User, role: Role, advice?: string): void {
  if (!hasRole(user, role)) {
    throw new CwcError('forbidden', `this needs the ${role} role; you are ${user.role}${advice === undefined ? '' : `: ${advice}`}`, { status: 403 });
  }
}

export function canSeeTenant(user: User, tenant: string): boolean {
  return user.role === 'root_admin' || user.tenant === tenant;
}

/** A 404 that reads the same whether the thing does not exist or belongs to another tenant, so ids do not leak. */
export function notFound(kind: string, id: string): CwcError {
  return new CwcError('not_found', `no ${kind} with id ${JSON.stringify(id.slice(0, 128))}`, { status: 404 });
}
