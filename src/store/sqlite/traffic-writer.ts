// Batched inserts of columnar traffic rows: many rows per prepared INSERT naming only the columns the rows use.
import type Database from 'better-sqlite3';
import type { InterflowRecord } from '../../core/record.js';
import type { Dictionary } from './dictionary.js';
import { encodeTrafficRow, fixedColumns, insertColumns, rowWidth } from './traffic-codec.js';

/**
 * Parameters go to better-sqlite3 as arguments (`run(...values)`), not as one array: it reads arguments directly but
 * fetches array elements one by one through V8's object API, and spreading measured ~40 % faster binding of a
 * 64-row statement (1.10 vs 1.91 µs per row of 35 integers; 4.25 vs 5.04 µs per bench traffic row).
 *
 * Rows per statement: one statement per row spends much of its time stepping the VDBE program and crossing into C++
 * per call, and 64 rows share that while staying far under SQLite's 32,766 bound parameters (decision 0013).
 */
export const rowsPerStatement = 64;
/** Distinct column sets prepared per partition; rows of further shapes bind every column (an attacker can vary fields). */
const maxShapesPerPartition = 32;
const fixedWidth = fixedColumns.length;
const maskWords = Math.ceil((rowWidth - fixedWidth) / 32);

/**
 * The columns a group of rows fills. Binding a NULL is not free: a VPC Flow v2 row fills ~35 of ~100 columns, and
 * naming only those measured ~2.5× faster than binding all of them.
 */
interface Shape {
  readonly mask: Int32Array;
  readonly slots: readonly number[];
  readonly many: Database.Statement;
  readonly one: Database.Statement;
}

/** A partition's prepared inserts, one pair per shape. */
export class TrafficInsert {
  private readonly shapes = new Map<string, Shape>();
  private all: Shape | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
  ) {}

  shapeFor(mask: Int32Array): Shape {
    const key = mask.join(',');
    let shape = this.shapes.get(key);
    if (shape !== undefined) return shape;
    if (this.shapes.size >= maxShapesPerPartition) {
      this.all ??= this.prepare(new Int32Array(maskWords).fill(-1));
      return this.all;
    }
    shape = this.prepare(Int32Array.from(mask));
    this.shapes.set(key, shape);
    return shape;
  }

  private prepare(mask: Int32Array): Shape {
    const slots: number[] = [];
    for (let slot = 0; slot < rowWidth; slot += 1) {
      const bit = slot - fixedWidth;
      if (bit < 0 || ((mask[bit >> 5] as number) & (1 << (bit & 31))) !== 0) slots.push(slot);
    }
    const values = `(${slots.map(() => '?').join(', ')})`;
    const sql = (rows: number) =>
      `INSERT INTO "${this.table}" (${slots.map((s) => insertColumns[s]).join(', ')}) VALUES ${new Array<string>(rows).fill(values).join(', ')} ON CONFLICT DO NOTHING`;
    return { mask, slots, many: this.db.prepare(sql(rowsPerStatement)), one: this.db.prepare(sql(1)) };
  }
}

function sameMask(a: Int32Array, b: Int32Array): boolean {
  for (let i = 0; i < maskWords; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** Collects encoded rows of one partition and shape at a time; `add` and `flush` return the rows SQLite stored. */
export class TrafficRows {
  private readonly values: unknown[] = [];
  private readonly row = new Array<unknown>(rowWidth);
  private readonly mask = new Int32Array(maskWords);
  private count = 0;
  private target: TrafficInsert | undefined;
  private shape: Shape | undefined;

  constructor(private readonly dictionary: Dictionary) {}

  add(target: TrafficInsert, record: InterflowRecord, tenant: string, sourceId: number, writeTime: number): number {
    encodeTrafficRow(record, tenant, sourceId, writeTime, this.row, this.dictionary);
    return this.addEncoded(target, this.row);
  }

  /** Adds a row encodeTrafficRow filled (the store's benchmark times this part alone: SQLite's share of ingest). */
  addEncoded(target: TrafficInsert, row: readonly unknown[]): number {
    const mask = this.mask;
    mask.fill(0);
    for (let slot = fixedWidth; slot < rowWidth; slot += 1) {
      if (row[slot] !== null) {
        const bit = slot - fixedWidth;
        mask[bit >> 5] = (mask[bit >> 5] as number) | (1 << (bit & 31));
      }
    }
    let stored = 0;
    let shape = this.shape;
    if (target !== this.target || shape === undefined || !sameMask(shape.mask, mask)) {
      stored = this.flush();
      this.target = target;
      shape = target.shapeFor(mask);
      this.shape = shape;
    }
    const slots = shape.slots;
    const width = slots.length;
    const values = this.values;
    let at = this.count * width;
    for (let i = 0; i < width; i += 1) values[at++] = row[slots[i] as number];
    this.count += 1;
    if (this.count === rowsPerStatement) {
      values.length = at;
      stored += shape.many.run(...values).changes;
      this.count = 0;
    }
    return stored;
  }

  /** Forgets buffered rows (their transaction rolled back). */
  discard(): void {
    this.count = 0;
    this.target = undefined;
    this.shape = undefined;
  }

  flush(): number {
    const shape = this.shape;
    let stored = 0;
    if (shape !== undefined && this.count > 0) {
      const width = shape.slots.length;
      for (let n = 0; n < this.count; n += 1) stored += shape.one.run(...this.values.slice(n * width, (n + 1) * width)).changes;
    }
    this.discard();
    return stored;
  }
}
