// Traffic rows as typed columns: a record's known fields go to their own columns, anything else to a compact `extra` JSON.
import type { InterflowRecord } from '../../core/record.js';
import { formatIpv4, parseIp, parseIpv4 } from '../../search/ip.js';
import type { Dictionary } from './dictionary.js';

/**
 * Why: issue 4 asks ≥ 200,000 traffic records/s, and serializing each ~860-byte record to JSON was a third of the
 * write time. A VPC Flow record has a known shape, so each known field gets a column (integers INTEGER, strings TEXT,
 * absent NULL) and the record is rebuilt on read, deep-equal to what was written. Whatever does not fit exactly (an
 * unknown field, a value of another type, a float, a nested object with an unknown key) goes, whole per top-level key,
 * into `extra`, which is NULL on a common row. See docs/decisions/0013-columnar-traffic.md.
 */

const INT = 0;
const TEXT = 1;
/** An array of strings, stored as its JSON text (tcp_flag_names). */
const STRINGS = 2;
type Kind = typeof INT | typeof TEXT | typeof STRINGS;

interface Leaf {
  readonly key: string;
  readonly column: string;
  readonly kind: Kind;
  /** Position in the bound row (0 = ts). */
  readonly slot: number;
  /** Short and repeated (ids, names, enums): the column holds a dictionary code when it can (dictionary.ts). */
  readonly coded: boolean;
  /** A top-level field this nested one usually repeats (vpcflow.srcaddr and srcip): a flag bit says "the same". */
  twin?: { leaf: Leaf; bit: number };
}

interface Group {
  readonly key: string;
  /** Bit of the `flags` column saying the object is present (its leaves may all be absent: `aws: {}`). */
  readonly bit: number;
  readonly leaves: ReadonlyMap<string, Leaf>;
}

/** Bound row layout: these come first, in this order; the codec's own columns follow from `firstCodecSlot`. */
export const fixedColumns = [
  'ts', 'tenant', 'msg_class', 'source_id', 'event_id', 'srcip_num', 'srcip_v6', 'dstip_num', 'dstip_v6',
  'srcport', 'dstport', 'proto', 'action', 'bytes', 'flags', 'extra',
] as const;
const slotOf = (column: (typeof fixedColumns)[number]): number => fixedColumns.indexOf(column);
const firstCodecSlot = fixedColumns.length;
const TENANT_NAME_BIT = 1;

const codecColumns: Array<{ column: string; kind: Kind; coded: boolean }> = [];
function leaf(key: string, kind: Kind, column = key, coded = false): Leaf {
  const fixed = (fixedColumns as readonly string[]).indexOf(column);
  if (fixed >= 0) return { key, column, kind, slot: fixed, coded: false };
  codecColumns.push({ column, kind, coded });
  return { key, column, kind, slot: firstCodecSlot + codecColumns.length - 1, coded };
}
/** A dictionary-coded text leaf. */
const word = (key: string, column = key, kind: Kind = TEXT): Leaf => leaf(key, kind, column, true);
let nextBit = TENANT_NAME_BIT << 1;
function group(key: string, leaves: Leaf[]): Group {
  const bit = nextBit;
  nextBit <<= 1;
  return { key, bit, leaves: new Map(leaves.map((l) => [l.key, l])) };
}

// The top-level fields of a VPC Flow record (src/parsers/vpcflow, CONTRACT "Records"), in the parser's order; the
// rebuilt record has its keys in this order, then those of `extra`.
const ingestTime = leaf('ingest_time', INT);
const msgOrigin = group('msg_origin', [word('source', 'origin_source'), word('vendor', 'origin_vendor'), word('category', 'origin_category')]);
const logFamily = word('log_family');
const connector = group('connector', [word('id', 'connector_id'), word('name', 'connector_name')]);
const aws = group('aws', [
  word('region', 'aws_region'), word('account_id', 'aws_account_id'), word('log_group', 'aws_log_group'), word('log_stream', 'aws_log_stream'),
  leaf('event_id', TEXT, 'event_id'),
]);
const afterAws: Leaf[] = [leaf('message', TEXT), leaf('parse_error', TEXT), word('interface_id')];
const srcip = leaf('srcip', TEXT);
const dstip = leaf('dstip', TEXT);
const afterIps: Leaf[] = [
  leaf('srcport', INT), leaf('dstport', INT), leaf('proto', INT), word('proto_name'), word('tcp_flag_names', 'tcp_flag_names', STRINGS),
  leaf('packets', INT), leaf('bytes', INT), leaf('start_time', INT), leaf('end_time', INT), leaf('action', TEXT), word('log_status'),
];
/** Every field of the parser's registry (versions 2–8, Transit Gateway): a unit test holds this list to it. */
export const vpcflowKeys: ReadonlyArray<readonly [string, Kind]> = [
  ['version', INT], ['account_id', TEXT], ['interface_id', TEXT], ['srcaddr', TEXT], ['dstaddr', TEXT], ['srcport', INT], ['dstport', INT],
  ['protocol', INT], ['packets', INT], ['bytes', INT], ['start', INT], ['end', INT], ['action', TEXT], ['log_status', TEXT], ['vpc_id', TEXT],
  ['subnet_id', TEXT], ['instance_id', TEXT], ['tcp_flags', INT], ['type', TEXT], ['pkt_srcaddr', TEXT], ['pkt_dstaddr', TEXT], ['region', TEXT],
  ['az_id', TEXT], ['sublocation_type', TEXT], ['sublocation_id', TEXT], ['pkt_src_aws_service', TEXT], ['pkt_dst_aws_service', TEXT],
  ['flow_direction', TEXT], ['traffic_path', INT], ['resource_type', TEXT], ['tgw_id', TEXT], ['tgw_attachment_id', TEXT],
  ['tgw_src_vpc_account_id', TEXT], ['tgw_dst_vpc_account_id', TEXT], ['tgw_src_vpc_id', TEXT], ['tgw_dst_vpc_id', TEXT],
  ['tgw_src_subnet_id', TEXT], ['tgw_dst_subnet_id', TEXT], ['tgw_src_eni', TEXT], ['tgw_dst_eni', TEXT], ['tgw_src_az_id', TEXT],
  ['tgw_dst_az_id', TEXT], ['tgw_pair_attachment_id', TEXT], ['packets_lost_no_route', INT], ['packets_lost_blackhole', INT],
  ['packets_lost_mtu_exceeded', INT], ['packets_lost_ttl_expired', INT], ['ecs_cluster_arn', TEXT], ['ecs_cluster_name', TEXT],
  ['ecs_container_instance_arn', TEXT], ['ecs_container_instance_id', TEXT], ['ecs_container_id', TEXT], ['ecs_second_container_id', TEXT],
  ['ecs_service_name', TEXT], ['ecs_task_definition_arn', TEXT], ['ecs_task_arn', TEXT], ['ecs_task_id', TEXT], ['reject_reason', TEXT],
];
/** Addresses: as many values as hosts, so not for the dictionary. */
const uncodedVpcflowKeys = new Set(['srcaddr', 'dstaddr', 'pkt_srcaddr', 'pkt_dstaddr']);
const vpcflow = group('vpcflow', vpcflowKeys.map(([key, kind]) => leaf(key, kind, `vf_${key}`, kind === TEXT && !uncodedVpcflowKeys.has(key))));
const trailing: Leaf[] = [word('vpcflow_format'), word('vpcflow_format_note')];

const groups: readonly Group[] = [msgOrigin, connector, aws, vpcflow];
/** Top-level key → how it is stored. `timestamp`, `msg_class`, `index`, `write_time` and `tenant_name` are handled apart. */
const topLeaves = new Map<string, Leaf>([ingestTime, logFamily, ...afterAws, srcip, dstip, ...afterIps, ...trailing].map((l) => [l.key, l]));
const topGroups = new Map<string, Group>(groups.map((g) => [g.key, g]));
const writeTimeLeaf = leaf('write_time', INT);
// The parser writes these flow fields twice, under vpcflow and at the top: the nested copy costs a flag bit, not a value.
for (const [nested, top] of [
  ['srcaddr', 'srcip'], ['dstaddr', 'dstip'], ['srcport', 'srcport'], ['dstport', 'dstport'], ['protocol', 'proto'], ['packets', 'packets'],
  ['bytes', 'bytes'], ['action', 'action'], ['log_status', 'log_status'], ['interface_id', 'interface_id'],
] as const) {
  (vpcflow.leaves.get(nested) as Leaf).twin = { leaf: topLeaves.get(top) as Leaf, bit: nextBit };
  nextBit <<= 1;
}

/** Values bound per row: the fixed columns then the codec's. */
export const rowWidth = firstCodecSlot + codecColumns.length;
/** The insert's column list, in bound order. */
export const insertColumns: readonly string[] = [...fixedColumns, ...codecColumns.map((c) => c.column)];

const srcipNumSlot = slotOf('srcip_num');
const dstipNumSlot = slotOf('dstip_num');
const flagsSlot = slotOf('flags');
const extraSlot = slotOf('extra');

function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** The value fits its column exactly: JSON can say nothing a column would lose (no -0, floats, lone surrogates). */
function fits(kind: Kind, value: unknown): boolean {
  if (kind === INT) return typeof value === 'number' && Number.isSafeInteger(value) && !Object.is(value, -0);
  if (kind === TEXT) return typeof value === 'string' && isWellFormed(value);
  if (!Array.isArray(value)) return false;
  for (const item of value as unknown[]) if (typeof item !== 'string') return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * The column value of a fitting value: JSON text for a string array, the dictionary code of a coded leaf. Undefined when
 * a coded leaf gets no code (dictionary full, text too long): the value then goes to `extra`, so a coded column only
 * ever holds codes (INTEGER affinity would turn text such as an account id into a number).
 */
function columnValue(l: Leaf, value: unknown, dictionary: Dictionary): unknown {
  const stored = l.kind === STRINGS ? JSON.stringify(value) : value;
  return l.coded ? dictionary.codeFor(stored as string) : stored;
}

/**
 * Puts a nested object's leaves in their slots; returns its flag bits (presence and twins), or -1 (slots cleared) when
 * any key is unknown or does not fit.
 */
function putGroup(g: Group, value: unknown, out: unknown[], record: InterflowRecord, dictionary: Dictionary): number {
  if (!isPlainObject(value)) return -1;
  let bits = g.bit;
  for (const key in value) {
    const l = g.leaves.get(key);
    const v = value[key];
    if (l === undefined || !fits(l.kind, v)) {
      for (const clear of g.leaves.values()) out[clear.slot] = null;
      return -1;
    }
    // A twin is taken only when the top-level value is in its column (decoded before this object, not from extra).
    const twin = l.twin;
    if (twin !== undefined && v === record[twin.leaf.key] && fits(twin.leaf.kind, v)) {
      bits |= twin.bit;
      continue;
    }
    const stored = columnValue(l, v, dictionary);
    if (stored === undefined) {
      for (const clear of g.leaves.values()) out[clear.slot] = null;
      return -1;
    }
    out[l.slot] = stored;
  }
  return bits;
}

/**
 * Writes an address's two search columns (IPv4 integer, IPv6 hex), as the JSON layout does: from strings only. True
 * when the text is exactly what formatIpv4 makes of the integer (dotted quad, no leading zeros), so it need not be kept.
 */
function putIpKeys(value: unknown, out: unknown[], at: number): boolean {
  out[at] = null;
  out[at + 1] = null;
  if (typeof value !== 'string') return false;
  const v4 = parseIpv4(value);
  if (v4 !== undefined) {
    out[at] = v4;
    for (let i = 0; i < value.length - 1; i += 1) {
      if (value.charCodeAt(i) === 48 && (i === 0 || value.charCodeAt(i - 1) === 46) && value.charCodeAt(i + 1) !== 46) return false;
    }
    return true;
  }
  const key = parseIp(value);
  if (key) out[key.family === 4 ? at : at + 1] = key.value;
  return false;
}

/**
 * Fills `out[0 .. rowWidth)` for one traffic record (reused for every row). `tenant` and `sourceId` come from the
 * store; `write_time` is the store's. The IP text column stays NULL when the IPv4 integer formats back to it exactly.
 */
export function encodeTrafficRow(record: InterflowRecord, tenant: string, sourceId: number, writeTime: number, out: unknown[], dictionary: Dictionary): void {
  out.fill(null, 0, rowWidth);
  out[0] = record.timestamp;
  out[1] = tenant;
  out[2] = record.msg_class;
  out[3] = sourceId;
  out[writeTimeLeaf.slot] = writeTime;
  let flags = 0;
  // Without a prototype, a record's own `__proto__` key is kept as data rather than setting the object's prototype.
  let extra: Record<string, unknown> | undefined;
  for (const key in record) {
    const value = record[key];
    const l = topLeaves.get(key);
    if (l !== undefined) {
      const stored = fits(l.kind, value) ? columnValue(l, value, dictionary) : undefined;
      if (stored !== undefined) out[l.slot] = stored;
      else (extra ??= Object.create(null) as Record<string, unknown>)[key] = value;
      continue;
    }
    const g = topGroups.get(key);
    if (g !== undefined) {
      const bits = putGroup(g, value, out, record, dictionary);
      if (bits >= 0) flags |= bits;
      else (extra ??= Object.create(null) as Record<string, unknown>)[key] = value;
      continue;
    }
    if (key === 'timestamp' || key === 'write_time' || (key === 'index' && value === 'traffic')) continue;
    if (key === 'tenant_name') {
      flags |= TENANT_NAME_BIT;
      if (value === tenant && isWellFormed(tenant)) continue;
    } else if (key === 'msg_class' && typeof value === 'string' && isWellFormed(value)) {
      continue;
    }
    (extra ??= Object.create(null) as Record<string, unknown>)[key] = value;
  }
  // The identity and the search columns are read from the record whatever its layout (as in the JSON layout).
  const eventId = record.aws?.event_id;
  out[slotOf('event_id')] = typeof eventId === 'string' ? eventId : null;
  if (putIpKeys(record.srcip, out, srcipNumSlot) && out[srcip.slot] !== null) out[srcip.slot] = null;
  if (putIpKeys(record.dstip, out, dstipNumSlot) && out[dstip.slot] !== null) out[dstip.slot] = null;
  out[flagsSlot] = flags;
  out[extraSlot] = extra === undefined ? null : JSON.stringify(extra);
}

/** The columns a read selects (after id), in the order decodeTrafficRow expects: the bound ones. */
export const selectColumns: readonly string[] = insertColumns;

function decodeLeaf(l: Leaf, row: readonly unknown[], dictionary: Dictionary): unknown {
  let value = row[l.slot];
  if (value === null) return null;
  if (l.coded) value = dictionary.text(value as number);
  return l.kind === STRINGS ? JSON.parse(value as string) : value;
}

function putLeaf(record: Record<string, unknown>, l: Leaf, row: readonly unknown[], dictionary: Dictionary): void {
  const value = decodeLeaf(l, row, dictionary);
  if (value !== null) record[l.key] = value;
}

function putGroupOf(record: Record<string, unknown>, g: Group, flags: number, row: readonly unknown[], dictionary: Dictionary): void {
  if ((flags & g.bit) === 0) return;
  const object: Record<string, unknown> = {};
  for (const l of g.leaves.values()) {
    const value = l.twin !== undefined && (flags & l.twin.bit) !== 0 ? record[l.twin.leaf.key] : decodeLeaf(l, row, dictionary);
    if (value !== null) object[l.key] = value;
  }
  record[g.key] = object;
}

function putIp(record: Record<string, unknown>, l: Leaf, numSlot: number, row: readonly unknown[]): void {
  const text = row[l.slot];
  if (text !== null) record[l.key] = text;
  else if (row[numSlot] !== null) record[l.key] = formatIpv4(row[numSlot] as number);
}

/** Rebuilds the record from a row selected with `selectColumns` (raw array, same order as bound). */
export function decodeTrafficRow(row: readonly unknown[], dictionary: Dictionary): InterflowRecord {
  const flags = row[flagsSlot] as number;
  const record: Record<string, unknown> = { timestamp: row[0] };
  putLeaf(record, ingestTime, row, dictionary);
  record.write_time = row[writeTimeLeaf.slot];
  record.msg_class = row[2];
  putGroupOf(record, msgOrigin, flags, row, dictionary);
  record.index = 'traffic';
  putLeaf(record, logFamily, row, dictionary);
  if ((flags & TENANT_NAME_BIT) !== 0) record.tenant_name = row[1];
  putGroupOf(record, connector, flags, row, dictionary);
  putGroupOf(record, aws, flags, row, dictionary);
  for (const l of afterAws) putLeaf(record, l, row, dictionary);
  putIp(record, srcip, srcipNumSlot, row);
  putIp(record, dstip, dstipNumSlot, row);
  for (const l of afterIps) putLeaf(record, l, row, dictionary);
  putGroupOf(record, vpcflow, flags, row, dictionary);
  for (const l of trailing) putLeaf(record, l, row, dictionary);
  const extra = row[extraSlot];
  if (extra !== null) {
    const rest = JSON.parse(extra as string) as Record<string, unknown>;
    for (const key of Object.keys(rest)) {
      // defineProperty: a plain assignment of `__proto__` would set the prototype instead of keeping the field.
      Object.defineProperty(record, key, { value: rest[key], enumerable: true, writable: true, configurable: true });
    }
  }
  return record as InterflowRecord;
}

function sqlString(text: string): string {
  return `'${text}'`;
}

function leafSql(l: Leaf): string {
  const text = l.coded ? `(SELECT text FROM strings WHERE id = ${l.column})` : l.column;
  return l.kind === STRINGS ? `json(${text})` : text;
}

/**
 * The record as JSON (or, given a field, as much of it as holds that field), computed by SQLite only when a query
 * filters on a field without a column of its own (the compiler's json_extract(record, …)). NULL members are dropped by json_patch (an absent field is absent); `extra`'s
 * keys never repeat the columns' (except a lone-surrogate msg_class/tenant_name, whose column copy comes first).
 */
export function recordExpressionSql(field?: string): string {
  const pairs: string[] = [`'timestamp', ts`, `'ingest_time', ingest_time`, `'write_time', write_time`, `'msg_class', msg_class`];
  const ipSql = (name: string) => `coalesce(${name}, CASE WHEN ${name}_num IS NOT NULL THEN (${name}_num >> 24) || '.' || ((${name}_num >> 16) & 255) || '.' || ((${name}_num >> 8) & 255) || '.' || (${name}_num & 255) END)`;
  const topSql = (l: Leaf) => (l === srcip || l === dstip ? ipSql(l.key) : leafSql(l));
  const memberSql = (l: Leaf) => (l.twin ? `CASE WHEN flags & ${l.twin.bit} THEN ${topSql(l.twin.leaf)} ELSE ${leafSql(l)} END` : leafSql(l));
  // For `vpcflow.srcaddr` only that member of the object is built (the object has ~60).
  const [topKey, memberKey, deeper] = field === undefined ? [] : field.split('.');
  const groupSql = (g: Group) => {
    const leaves = [...g.leaves.values()].filter((l) => topKey !== g.key || memberKey === undefined || deeper !== undefined || l.key === memberKey);
    return `${sqlString(g.key)}, CASE WHEN flags & ${g.bit} THEN json_object(${leaves.map((l) => `${sqlString(l.key)}, ${memberSql(l)}`).join(', ')}) END`;
  };
  pairs.push(groupSql(msgOrigin), `'log_family', ${leafSql(logFamily)}`, `'tenant_name', CASE WHEN flags & ${TENANT_NAME_BIT} THEN tenant END`);
  pairs.push(groupSql(connector), groupSql(aws));
  for (const l of afterAws) pairs.push(`${sqlString(l.key)}, ${leafSql(l)}`);
  pairs.push(`'srcip', ${ipSql('srcip')}`, `'dstip', ${ipSql('dstip')}`);
  for (const l of afterIps) pairs.push(`${sqlString(l.key)}, ${leafSql(l)}`);
  pairs.push(groupSql(vpcflow));
  for (const l of trailing) pairs.push(`${sqlString(l.key)}, ${leafSql(l)}`);
  // For a condition on one field only its top-level member is built (plus extra, which may hold it): a whole row's
  // JSON costs ~80 column reads and dictionary look-ups. The field is compared with known keys, never put in the SQL.
  const top = topKey === undefined ? undefined : `'${topKey}',`;
  const members = top === undefined ? pairs : pairs.filter((pair) => pair.startsWith(top));
  // `index` last: the patched object then ends in `"traffic"}`, so trimming one `}` opens it for extra's members.
  members.push(`'index', 'traffic'`);
  return `rtrim(json_patch('{}', json_object(${members.join(', ')})), '}') || coalesce(',' || substr(extra, 2), '}')`;
}

/** Column definitions of the codec's own columns (after the fixed ones). */
export function codecColumnDdl(): string {
  return codecColumns.map((c) => `${c.column} ${c.kind === INT || c.coded ? 'INTEGER' : 'TEXT'}`).join(', ');
}
