// Opening the store's SQLite file (settings, bookkeeping tables) and the prepared statements over those tables.
import Database from 'better-sqlite3';
import { CwcError, UsageError } from '../../core/errors.js';
import { addSealedColumnDdl, bookkeepingDdl, memoryPragmas, pragmas, readerPragmas } from './schema.js';

/**
 * A writer sets the file's page size, auto-vacuum, WAL and sync mode and creates the bookkeeping tables; a read-only
 * connection (search threads) leaves all of that to the writer that made the file, and changes no schema.
 */
export function openStoreDatabase(file: string, options: { readOnly: boolean; cacheMebibytes: number }): Database.Database {
  const { readOnly, cacheMebibytes } = options;
  if (!Number.isFinite(cacheMebibytes) || cacheMebibytes < 1 || cacheMebibytes > 65_536) throw new UsageError(`cacheMebibytes: must be from 1 to 65536, got ${String(cacheMebibytes)}`);
  let db: Database.Database;
  try {
    db = new Database(file, readOnly ? { readonly: true, fileMustExist: true } : {});
  } catch (error) {
    throw new CwcError('store_open_failed', `cannot open the store '${file}': ${(error as Error).message}`, { status: 500, cause: error });
  }
  if (!readOnly) {
    // Both only take effect on a new, still empty file (before anything reads it), and are no-ops afterwards.
    // INCREMENTAL auto-vacuum lets dropped days give their space back, and 16 KiB pages measured ~1.5× faster ingest
    // than the default 4 KiB.
    db.pragma('page_size = 16384');
    db.pragma('auto_vacuum = INCREMENTAL');
  }
  for (const pragma of [...(readOnly ? readerPragmas : pragmas), ...memoryPragmas(cacheMebibytes)]) db.pragma(pragma);
  if (!readOnly) {
    db.exec(bookkeepingDdl);
    const bookkeepingColumns = db.prepare("SELECT name FROM pragma_table_info('partitions')").all() as Array<{ name: string }>;
    if (!bookkeepingColumns.some((column) => column.name === 'sealed')) db.exec(addSealedColumnDdl);
  }
  return db;
}

export type BookkeepingStatements = ReturnType<typeof bookkeepingStatements>;

/** Checkpoints, sources, tenants, partitions and known fields: the tables beside the partitions themselves. */
export function bookkeepingStatements(db: Database.Database) {
  return {
    readCheckpoint: db.prepare('SELECT value FROM checkpoints WHERE key = ?'),
    listCheckpoints: db.prepare('SELECT key, value FROM checkpoints WHERE substr(key, 1, length(?)) = ? ORDER BY key'),
    upsertCheckpoint: db.prepare(
      'INSERT INTO checkpoints (key, value, updated_ms) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms',
    ),
    findSource: db.prepare('SELECT id FROM sources WHERE tenant = ? AND account_id = ? AND region = ? AND log_group = ?'),
    insertSource: db.prepare('INSERT INTO sources (tenant, account_id, region, log_group) VALUES (?, ?, ?, ?)'),
    findTenant: db.prepare('SELECT id FROM tenants WHERE name = ?'),
    insertTenant: db.prepare('INSERT INTO tenants (name) VALUES (?)'),
    findPartition: db.prepare('SELECT name FROM partitions WHERE name = ?'),
    insertPartition: db.prepare('INSERT INTO partitions (name, index_name, tenant_id, day_start_ms, sealed) VALUES (?, ?, ?, ?, 0)'),
    listPartitions: db.prepare(
      `SELECT p.name, p.index_name AS "index", t.name AS tenant, p.tenant_id AS tenantId, p.day_start_ms AS start, p.sealed AS sealed
       FROM partitions p JOIN tenants t ON t.id = p.tenant_id ORDER BY p.day_start_ms`,
    ),
    markSealed: db.prepare('UPDATE partitions SET sealed = 1 WHERE name = ?'),
    deletePartition: db.prepare('DELETE FROM partitions WHERE name = ?'),
    insertField: db.prepare('INSERT OR IGNORE INTO fields (index_name, name) VALUES (?, ?)'),
    listFields: db.prepare('SELECT index_name AS "index", name FROM fields'),
  };
}
