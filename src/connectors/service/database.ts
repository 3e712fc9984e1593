// The config database: one SQLite file (WAL) for connectors, secrets, tenants, users, tokens and profiles, with versioned migrations.
import Database from 'better-sqlite3';
import { CwcError } from '../../core/errors.js';

export type ServiceDatabase = Database.Database;

/** Default file name inside the data directory; kept apart from the Interflow store so backups and permissions differ. */
export const CONFIG_DATABASE_FILE = 'cwc-config.db';

/**
 * Each migration runs once, in order, inside a transaction; never edit one that has shipped, add the next. `sql` is the
 * usual step; `run` is for a step that depends on what an older database holds.
 */
const MIGRATIONS: ReadonlyArray<{ version: number; sql?: string; run?: (db: ServiceDatabase) => void }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('root_admin', 'tenant_admin', 'tenant_analyst')),
        tenant_id TEXT REFERENCES tenants(id) ON DELETE RESTRICT,
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        CHECK ((role = 'root_admin') = (tenant_id IS NULL))
      );
      CREATE TABLE tokens (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('session', 'api_token')),
        name TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX tokens_by_user ON tokens(user_id);
      CREATE TABLE connectors (
        id TEXT PRIMARY KEY,
        tenant TEXT NOT NULL,
        name TEXT NOT NULL,
        run_on TEXT NOT NULL,
        body TEXT NOT NULL,
        secrets TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        first_profile_join_at INTEGER,
        UNIQUE (tenant, name)
      );
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        is_default INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE profile_members (
        profile_id TEXT NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        connector_id TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (profile_id, connector_id)
      );
      CREATE INDEX profile_members_by_connector ON profile_members(connector_id);
    `,
  },
  {
    // Log filters per tenant (the filter itself is JSON validated by src/filters). Databases from before this version
    // may have the same table under the name the API gave it (api_log_filters): its rows move here unchanged.
    version: 2,
    run: (db) => {
      db.exec(`
        CREATE TABLE log_filters (
          tenant TEXT NOT NULL,
          id TEXT NOT NULL,
          body TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (tenant, id)
        );
      `);
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'api_log_filters'").get() !== undefined) {
        db.exec(`
          INSERT INTO log_filters (tenant, id, body, created_at, updated_at)
            SELECT tenant, id, body, created_at, updated_at FROM api_log_filters;
          DROP TABLE api_log_filters;
        `);
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Opens (creating if needed) the config database and brings its schema up to date. `:memory:` for tests. */
export function openServiceDatabase(file: string): ServiceDatabase {
  let db: ServiceDatabase;
  try {
    db = new Database(file);
  } catch (error) {
    throw new CwcError('config_db_open_failed', `cannot open the config database ${file}: ${(error as Error).message}`, { status: 500, cause: error });
  }
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: ServiceDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((row) => row.version));
  const newest = Math.max(0, ...applied);
  if (newest > SCHEMA_VERSION) {
    throw new CwcError('config_db_too_new', `the config database has schema version ${newest}, newer than this cwc understands (${SCHEMA_VERSION}): upgrade cwc`, { status: 500 });
  }
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      if (migration.sql !== undefined) db.exec(migration.sql);
      migration.run?.(db);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(migration.version, Date.now());
    })();
  }
}

export function readMeta(db: ServiceDatabase, key: string): string | undefined {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

export function writeMeta(db: ServiceDatabase, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
