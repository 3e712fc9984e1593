// What SQLite alone sustains for the store's traffic layout: rows encoded before the clock runs, then inserted, committed and sealed as the store does.
import type Database from 'better-sqlite3';
import type { InterflowRecord } from '../../src/core/record.js';
import { openStoreDatabase } from '../../src/store/sqlite/connection.js';
import { StringDictionary } from '../../src/store/sqlite/dictionary.js';
import { defaultCacheMebibytes, hourMilliseconds, partitionDdl, sealAfterMilliseconds, searchIndexDdl } from '../../src/store/sqlite/schema.js';
import { encodeTrafficRow, fixedColumns, insertColumns, rowWidth } from '../../src/store/sqlite/traffic-codec.js';
import { rowsPerStatement } from '../../src/store/sqlite/traffic-writer.js';

/**
 * The ceiling the store's write path works under: the same hour tables, identity and ts indexes, 64-row INSERTs with
 * spread parameters, one transaction per batch and the search indexes built when an hour is done — everything the
 * store does in SQLite, with none of its JavaScript (the rows' parameters are computed untimed, before each batch).
 * The store's own rate divided by this one is the share of the time SQLite leaves to everything else.
 */
export function sqliteTrafficCeiling(file: string, count: number, batchSize: number, generate: (n: number) => InterflowRecord): number {
  const db = openStoreDatabase(file, { readOnly: false, cacheMebibytes: defaultCacheMebibytes });
  const dictionary = new StringDictionary(db);
  const out = new Array<unknown>(rowWidth);
  const inserts = new Map<string, { many: Database.Statement; one: Database.Statement }>();
  const open: Array<{ name: string; start: number }> = [];
  let elapsed = 0;
  for (let first = 0; first < count; first += batchSize) {
    // Untimed: the parameters of every row, grouped by hour table and shape (the set of filled columns).
    const groups = new Map<string, { table: string; start: number; slots: number[]; values: unknown[] }>();
    db.transaction(() => {
      for (let n = first; n < Math.min(count, first + batchSize); n += 1) {
        const record = generate(n);
        encodeTrafficRow(record, '', 1, 0, out, dictionary);
        const start = Math.floor(record.timestamp / hourMilliseconds) * hourMilliseconds;
        const slots: number[] = [];
        for (let slot = 0; slot < rowWidth; slot += 1) if (slot < fixedColumns.length || out[slot] !== null) slots.push(slot);
        const table = `traffic_ceiling_${start}`;
        const key = `${table}:${slots.join(',')}`;
        let group = groups.get(key);
        if (group === undefined) groups.set(key, (group = { table, start, slots, values: [] }));
        for (const slot of slots) group.values.push(out[slot]);
      }
    })();
    const began = performance.now();
    db.transaction(() => {
      for (const group of groups.values()) {
        if (!open.some((p) => p.name === group.table)) {
          db.exec(partitionDdl('traffic', group.table, 'columns'));
          open.push({ name: group.table, start: group.start });
        }
        const key = `${group.table}:${group.slots.join(',')}`;
        let insert = inserts.get(key);
        if (insert === undefined) {
          const columns = group.slots.map((slot) => insertColumns[slot]).join(', ');
          const row = `(${group.slots.map(() => '?').join(', ')})`;
          const sql = (rows: number) => `INSERT INTO "${group.table}" (${columns}) VALUES ${new Array<string>(rows).fill(row).join(', ')} ON CONFLICT DO NOTHING`;
          insert = { many: db.prepare(sql(rowsPerStatement)), one: db.prepare(sql(1)) };
          inserts.set(key, insert);
        }
        const width = group.slots.length;
        const rows = group.values.length / width;
        let at = 0;
        for (; at + rowsPerStatement <= rows; at += rowsPerStatement) insert.many.run(...group.values.slice(at * width, (at + rowsPerStatement) * width));
        for (; at < rows; at += 1) insert.one.run(...group.values.slice(at * width, (at + 1) * width));
      }
    })();
    // Hours whose data is done get their search indexes, as the store seals them.
    const newest = Math.max(...open.map((p) => p.start));
    for (const partition of open.filter((p) => newest >= p.start + hourMilliseconds + sealAfterMilliseconds)) {
      db.transaction(() => db.exec(searchIndexDdl('traffic', partition.name)))();
      open.splice(open.indexOf(partition), 1);
    }
    elapsed += performance.now() - began;
  }
  db.close();
  return (count * 1000) / elapsed;
}
