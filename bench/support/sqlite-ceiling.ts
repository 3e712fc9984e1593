// What SQLite alone sustains for the store's traffic layout: rows encoded before the clock runs, then inserted, committed and sealed as the store does.
import type { InterflowRecord } from '../../src/core/record.js';
import { openStoreDatabase } from '../../src/store/sqlite/connection.js';
import { StringDictionary } from '../../src/store/sqlite/dictionary.js';
import { defaultCacheMebibytes, hourMilliseconds, partitionDdl, sealAfterMilliseconds, searchIndexDdl } from '../../src/store/sqlite/schema.js';
import { encodeTrafficRow, rowWidth } from '../../src/store/sqlite/traffic-codec.js';
import { TrafficInsert, TrafficRows } from '../../src/store/sqlite/traffic-writer.js';

/**
 * The ceiling the store's write path works under: the same hour tables, identity and ts indexes, the store's own
 * batched statements (TrafficInsert, TrafficRows.addEncoded), one transaction per batch and the search indexes built
 * when an hour is done — everything the store does after encoding a record, with the encoding itself done untimed
 * before each batch. The store's own rate divided by this one is the share of the time SQLite leaves to the rest.
 */
export function sqliteTrafficCeiling(file: string, count: number, batchSize: number, generate: (n: number) => InterflowRecord): number {
  const db = openStoreDatabase(file, { readOnly: false, cacheMebibytes: defaultCacheMebibytes });
  const dictionary = new StringDictionary(db);
  const rows = new TrafficRows(dictionary);
  const open = new Map<number, TrafficInsert>();
  let elapsed = 0;
  for (let first = 0; first < count; first += batchSize) {
    // Untimed: each row's columns, with the hour it belongs to.
    const batch: Array<{ start: number; row: unknown[] }> = [];
    db.transaction(() => {
      for (let n = first; n < Math.min(count, first + batchSize); n += 1) {
        const record = generate(n);
        const row = new Array<unknown>(rowWidth);
        encodeTrafficRow(record, '', 1, 0, row, dictionary);
        batch.push({ start: Math.floor(record.timestamp / hourMilliseconds) * hourMilliseconds, row });
      }
    })();
    const began = performance.now();
    db.transaction(() => {
      for (const { start, row } of batch) {
        let target = open.get(start);
        if (target === undefined) {
          const name = `traffic_ceiling_${start}`;
          db.exec(partitionDdl('traffic', name, 'columns'));
          open.set(start, (target = new TrafficInsert(db, name)));
        }
        rows.addEncoded(target, row);
      }
      rows.flush();
    }).immediate();
    // Hours whose data is done get their search indexes, as the store seals them.
    const newest = Math.max(...open.keys());
    for (const start of [...open.keys()].filter((hour) => newest >= hour + hourMilliseconds + sealAfterMilliseconds)) {
      db.transaction(() => db.exec(searchIndexDdl('traffic', `traffic_ceiling_${start}`))).immediate();
      open.delete(start);
    }
    elapsed += performance.now() - began;
  }
  db.close();
  return (count * 1000) / elapsed;
}
