// Data Analyzer profiles: a data-processor connector pulls only while in one; changes need root_admin and notify the scheduler.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { CwcError, ValidationError } from '../../core/errors.js';
import { canSeeTenant, notFound, requireRole, type User } from './authorization.js';
import type { ServiceDatabase } from './database.js';

export const DEFAULT_PROFILE_NAME = 'default';
/** The product document's dialog for users without the root scope. */
export const PROFILE_ADVICE = 'you do not have privileges to configure Data Analyzer profiles; ask your administrator to add it for you';

export interface Profile {
  id: string;
  name: string;
  isDefault: boolean;
  /** Member connector ids the caller may see. */
  connectorIds: string[];
  createdAt: string;
}

/** What the scheduler hears when a connector's profile membership changes. */
export interface ProfileMembershipChange {
  connectorId: string;
  /** A profile id, or `sensor:NAME` for a sensor-run connector's one implicit profile. */
  profileId: string;
  change: 'joined' | 'left';
  /** Whether the connector pulls data after this change (member of at least one profile, or sensor-run). */
  pulling: boolean;
  /** True on a connector's first ever join: the document says it pulls at once, then every interval. */
  pullImmediately: boolean;
}

export type ProfileMembershipListener = (change: ProfileMembershipChange) => void;

interface ProfileRow { id: string; name: string; is_default: number; created_at: number }
interface ConnectorRow { id: string; tenant: string; run_on: string; first_profile_join_at: number | null }

const PROFILE_NAME = /^[\x20-\x7E]{1,64}$/;

export class ProfileRepository {
  private readonly listeners = new Set<ProfileMembershipListener>();

  constructor(
    private readonly db: ServiceDatabase,
    private readonly clock: Clock,
    private readonly onListenerError: (error: unknown) => void = (error) => console.error('profile membership listener failed:', error),
  ) {}

  /** Subscribes to membership changes; returns the unsubscribe function. */
  onProfileMembershipChanged(listener: ProfileMembershipListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: ProfileMembershipChange): void {
    for (const listener of this.listeners) {
      // A failing scheduler hook must not undo a committed change, nor stop the other listeners.
      try {
        listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  ensureDefaultProfile(): Profile {
    const row = this.db.prepare('SELECT * FROM profiles WHERE is_default = 1').get() as ProfileRow | undefined;
    if (row !== undefined) return this.toProfile(row, undefined);
    const created: ProfileRow = { id: randomUUID(), name: DEFAULT_PROFILE_NAME, is_default: 1, created_at: this.clock() };
    this.db.prepare('INSERT INTO profiles (id, name, is_default, created_at) VALUES (@id, @name, @is_default, @created_at)').run(created);
    return this.toProfile(created, undefined);
  }

  private toProfile(row: ProfileRow, actor: User | undefined): Profile {
    const members = this.db
      .prepare('SELECT c.id, c.tenant FROM profile_members m JOIN connectors c ON c.id = m.connector_id WHERE m.profile_id = ? ORDER BY m.added_at, c.id')
      .all(row.id) as Array<{ id: string; tenant: string }>;
    return {
      id: row.id,
      name: row.name,
      isDefault: row.is_default === 1,
      connectorIds: members.filter((member) => actor === undefined || canSeeTenant(actor, member.tenant)).map((member) => member.id),
      createdAt: new Date(row.created_at).toISOString(),
    };
  }

  /** Everyone may read profiles (to see whether their connectors pull); members of other tenants are left out. */
  list(actor: User): Profile[] {
    return (this.db.prepare('SELECT * FROM profiles ORDER BY is_default DESC, name').all() as ProfileRow[]).map((row) => this.toProfile(row, actor));
  }

  get(actor: User, id: string): Profile {
    const row = this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as ProfileRow | undefined;
    if (row === undefined) throw notFound('profile', id);
    return this.toProfile(row, actor);
  }

  create(actor: User, name: unknown): Profile {
    requireRole(actor, 'root_admin', PROFILE_ADVICE);
    if (typeof name !== 'string' || !PROFILE_NAME.test(name)) throw new ValidationError([{ path: 'name', message: 'must be printable ASCII, 1-64 characters' }]);
    if (this.db.prepare('SELECT 1 FROM profiles WHERE name = ?').get(name) !== undefined) {
      throw new CwcError('conflict', `a profile named ${JSON.stringify(name)} already exists`, { status: 409 });
    }
    const row: ProfileRow = { id: randomUUID(), name, is_default: 0, created_at: this.clock() };
    this.db.prepare('INSERT INTO profiles (id, name, is_default, created_at) VALUES (@id, @name, @is_default, @created_at)').run(row);
    return this.toProfile(row, actor);
  }

  /** Deleting a profile takes its connectors out of it (they stop pulling if it was their only one). The default stays. */
  delete(actor: User, id: string): void {
    requireRole(actor, 'root_admin', PROFILE_ADVICE);
    const profile = this.get(actor, id);
    if (profile.isDefault) throw new CwcError('conflict', 'the default profile cannot be deleted', { status: 409 });
    this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id);
    for (const connectorId of profile.connectorIds) {
      this.emit({ connectorId, profileId: id, change: 'left', pulling: this.isPulling(connectorId), pullImmediately: false });
    }
  }

  /** Adds a data-processor connector to a profile; root_admin only, with the document's advice for everyone else. */
  addConnector(actor: User, profileId: string, connectorId: string): void {
    requireRole(actor, 'root_admin', PROFILE_ADVICE);
    this.get(actor, profileId);
    this.addUnchecked(profileId, this.visibleConnector(actor, connectorId));
  }

  removeConnector(actor: User, profileId: string, connectorId: string): void {
    requireRole(actor, 'root_admin', PROFILE_ADVICE);
    this.get(actor, profileId);
    this.visibleConnector(actor, connectorId);
    const removed = this.db.prepare('DELETE FROM profile_members WHERE profile_id = ? AND connector_id = ?').run(profileId, connectorId).changes;
    if (removed > 0) this.emit({ connectorId, profileId, change: 'left', pulling: this.isPulling(connectorId), pullImmediately: false });
  }

  private visibleConnector(actor: User, connectorId: string): ConnectorRow {
    const row = this.db.prepare('SELECT id, tenant, run_on, first_profile_join_at FROM connectors WHERE id = ?').get(connectorId) as ConnectorRow | undefined;
    if (row === undefined || !canSeeTenant(actor, row.tenant)) throw notFound('connector', connectorId);
    return row;
  }

  /** The membership write itself; the connector repository calls it for a permitted addToDefaultProfile. */
  addUnchecked(profileId: string, connector: ConnectorRow): void {
    if (connector.run_on !== 'data-processor') {
      throw new ValidationError([{ path: 'connectorId', message: `runs on ${connector.run_on}, which has its one implicit profile; only data-processor connectors join Data Analyzer profiles` }]);
    }
    const now = this.clock();
    const firstJoin = this.db.transaction(() => {
      const inserted = this.db.prepare('INSERT OR IGNORE INTO profile_members (profile_id, connector_id, added_at) VALUES (?, ?, ?)').run(profileId, connector.id, now).changes;
      if (inserted === 0) return undefined;
      return this.db.prepare('UPDATE connectors SET first_profile_join_at = ? WHERE id = ? AND first_profile_join_at IS NULL').run(now, connector.id).changes > 0;
    })();
    if (firstJoin === undefined) return;
    this.emit({ connectorId: connector.id, profileId, change: 'joined', pulling: true, pullImmediately: firstJoin });
  }

  defaultProfileId(): string {
    return this.ensureDefaultProfile().id;
  }

  /** Called by the connector repository after a create: a sensor-run connector is in its implicit profile from the start. */
  connectorCreated(connectorId: string): void {
    const row = this.db.prepare('SELECT id, tenant, run_on, first_profile_join_at FROM connectors WHERE id = ?').get(connectorId) as ConnectorRow | undefined;
    if (row === undefined || row.run_on === 'data-processor') return;
    this.db.prepare('UPDATE connectors SET first_profile_join_at = ? WHERE id = ?').run(this.clock(), connectorId);
    this.emit({ connectorId, profileId: row.run_on, change: 'joined', pulling: true, pullImmediately: true });
  }

  /** Called after a connector is deleted (memberships went with it by cascade): the scheduler stops it. */
  connectorDeleted(connectorId: string, runOn: string, profileIds: string[]): void {
    const left = runOn === 'data-processor' ? profileIds : [runOn];
    for (const profileId of left) this.emit({ connectorId, profileId, change: 'left', pulling: false, pullImmediately: false });
  }

  profileIdsOf(connectorId: string): string[] {
    return (this.db.prepare('SELECT profile_id FROM profile_members WHERE connector_id = ? ORDER BY added_at').all(connectorId) as Array<{ profile_id: string }>).map((row) => row.profile_id);
  }

  /** Whether the scheduler should run this connector: sensor-run always, data-processor only while in a profile. */
  isPulling(connectorId: string): boolean {
    const row = this.db.prepare('SELECT run_on FROM connectors WHERE id = ?').get(connectorId) as { run_on: string } | undefined;
    if (row === undefined) return false;
    if (row.run_on !== 'data-processor') return true;
    return this.db.prepare('SELECT 1 FROM profile_members WHERE connector_id = ? LIMIT 1').get(connectorId) !== undefined;
  }
}
