// Columnar traffic rows give back exactly the record written (property tests), in JS and in the SQL JSON filters read.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterflowRecord } from '../../core/record.js';
import { knownFields } from '../../parsers/vpcflow/index.js';
import { SqliteStore } from './sqlite-store.js';
import { dictionaryDdl, StringDictionary } from './dictionary.js';
import { decodeTrafficRow, encodeTrafficRow, recordExpressionSql, rowWidth, vpcflowKeys } from './traffic-codec.js';

const writeTime = 1_767_225_600_123;

/** What any store gives back: the record as JSON would carry it (undefined dropped, -0 as 0), with the store's write_time. */
function asStored(record: InterflowRecord): InterflowRecord {
  return JSON.parse(JSON.stringify({ ...record, write_time: writeTime })) as InterflowRecord;
}

/** UTF-16 units as JSON text may carry them: lone surrogates included (SQLite text would turn them into U+FFFD). */
const utf16 = fc.string({ unit: fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)), fc.constantFrom('a', '\u0000', '"', 'é')), maxLength: 6 });
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 8 }), utf16, fc.constant('-'), fc.constant(''));
/** Values as a parser makes them, and the odd ones a column must not take: floats, -0, unsafe integers, nulls, objects. */
const oddValue = fc.oneof(fc.double(), fc.constant(-0), fc.constant(2 ** 60), fc.constant(null), fc.boolean(), fc.jsonValue({ maxDepth: 2 }));
const integer = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) }, { weight: 1, arbitrary: oddValue });
const stringish = fc.oneof({ weight: 6, arbitrary: text }, { weight: 1, arbitrary: oddValue });
const ip = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constant('010.0.0.1'),
  fc.constant('0.0.0.0'),
  fc.constant('::ffff:10.0.0.1'),
  fc.constant('-'),
  stringish,
);

const vpcflow = fc.record(
  Object.fromEntries(vpcflowKeys.map(([key, kind]) => [key, kind === 0 ? integer : stringish])) as Record<string, fc.Arbitrary<unknown>>,
  { requiredKeys: [] },
);
const extraKeys = fc.constantFrom('k8s', 'future_field', '__proto__', 'constructor', 'vpcflow_format_note', 'packets', 'http', 'waf');

const trafficRecordArbitrary: fc.Arbitrary<InterflowRecord> = fc
  .tuple(
    fc.record(
      {
        ingest_time: integer,
        msg_origin: fc.oneof(fc.constant({ source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' }), fc.dictionary(fc.constantFrom('source', 'vendor', 'other'), stringish)),
        log_family: fc.constantFrom('vpcflow', 'generic', 'waf'),
        tenant_name: text,
        connector: fc.record({ id: text, name: stringish }, { requiredKeys: [] }),
        aws: fc.record({ region: text, account_id: text, log_group: text, log_stream: stringish, event_id: fc.string() }, { requiredKeys: [] }),
        parse_error: text,
        interface_id: stringish,
        srcip: ip,
        dstip: ip,
        srcport: integer,
        dstport: integer,
        proto: integer,
        proto_name: stringish,
        tcp_flag_names: fc.oneof(fc.array(fc.constantFrom('fin', 'syn', 'rst', 'ack')), fc.array(fc.jsonValue(), { maxLength: 3 })),
        packets: integer,
        bytes: integer,
        start_time: integer,
        end_time: integer,
        action: fc.oneof(fc.constantFrom('ACCEPT', 'REJECT'), stringish),
        log_status: fc.oneof(fc.constantFrom('OK', 'NODATA', 'SKIPDATA'), stringish),
        vpcflow: fc.oneof({ weight: 4, arbitrary: vpcflow }, { weight: 1, arbitrary: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 })) }),
        vpcflow_format: fc.constantFrom('default', 'configured'),
      },
      { requiredKeys: [] },
    ),
    fc.array(fc.tuple(extraKeys, fc.jsonValue({ maxDepth: 2 })), { maxLength: 3 }),
    fc.integer({ min: 0, max: 253_402_300_799_999 }),
    fc.oneof(fc.constant('aws_cloudwatch_vpcflow'), fc.string({ minLength: 1 }), utf16.filter((s) => s !== '')),
    fc.oneof(fc.string(), fc.constant('2 123456789010 eni-1 - - - - - - - 1418530010 1418530070 - NODATA')),
  )
  .map(([fields, extras, timestamp, msgClass, message]) => {
    const record: Record<string, unknown> = { timestamp, msg_class: msgClass, index: 'traffic', message, ...fields };
    for (const [key, value] of extras) Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
    return record as InterflowRecord;
  });

describe('columnar traffic codec', () => {
  it('knows every field of the VPC Flow parser registry, with its type', () => {
    expect(vpcflowKeys.map(([key, kind]) => [key, kind === 0 ? 'integer' : 'text'])).toEqual(
      knownFields.map((field) => [field.key, field.kind === 1 ? 'integer' : 'text']),
    );
  });

  it('decodes every encoded record to the record written (known, missing, odd and extra fields)', () => {
    const dictionary = new StringDictionary(new Database(':memory:').exec(dictionaryDdl));
    const row = new Array<unknown>(rowWidth);
    fc.assert(
      fc.property(trafficRecordArbitrary, (record) => {
        encodeTrafficRow(record, record.tenant_name ?? '', 7, writeTime, row, dictionary);
        expect(decodeTrafficRow(row, dictionary)).toEqual(asStored(record));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the record exact when the dictionary is full: coded fields go to extra', () => {
    const full = { codeFor: () => undefined, text: (): string => { throw new Error('no codes were given'); } };
    const row = new Array<unknown>(rowWidth);
    fc.assert(
      fc.property(trafficRecordArbitrary, (record) => {
        encodeTrafficRow(record, record.tenant_name ?? '', 7, writeTime, row, full);
        expect(decodeTrafficRow(row, full)).toEqual(asStored(record));
      }),
      { numRuns: 500 },
    );
  });

  it('binds a common VPC Flow record as numbers but for a few strings: no extra JSON, no repeated values', () => {
    const record = {
      timestamp: 1, msg_class: 'aws_cloudwatch_vpcflow', msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' }, index: 'traffic',
      log_family: 'vpcflow', aws: {}, message: 'm', srcip: '10.0.0.1', dstip: '010.0.0.2', srcport: 1, tcp_flag_names: ['syn'], vpcflow: { version: 2, srcaddr: '10.0.0.1' },
    } as InterflowRecord;
    const row = new Array<unknown>(rowWidth);
    const dictionary = new StringDictionary(new Database(':memory:').exec(dictionaryDdl));
    encodeTrafficRow(record, '', 1, writeTime, row, dictionary);
    expect(row).not.toContain(JSON.stringify(record));
    expect(row[15]).toBeNull(); // extra
    // Only these are bound as text: srcip comes from srcip_num, vpcflow.srcaddr is a twin flag, short repeated strings are
    // dictionary codes; '010.0.0.2' is not what its integer formats to, so it is kept as written.
    expect(row.filter((value) => typeof value === 'string')).toEqual(['', 'aws_cloudwatch_vpcflow', 'm', '010.0.0.2']);
    expect(decodeTrafficRow(row, dictionary)).toEqual(asStored(record));
  });
});

describe('columnar traffic in the store', () => {
  it('returns what was written through search, and the SQL record JSON equals it (what filters on other fields read)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(trafficRecordArbitrary, { minLength: 1, maxLength: 20 }), async (generated) => {
        const store = new SqliteStore(':memory:', { clock: () => writeTime });
        const base = Date.UTC(2026, 0, 10);
        // Distinct times give one search order; distinct event ids keep every record (identity is tested elsewhere).
        const records = generated.map((record, i) => {
          const copy = { ...record, timestamp: base + i * 1000 } as InterflowRecord;
          if (copy.aws?.event_id !== undefined) copy.aws = { ...copy.aws, event_id: `${copy.aws.event_id}#${i}` };
          return copy;
        });
        expect(await store.write(records)).toEqual({ stored: records.length, duplicates: 0 });
        const result = await store.search({ indices: ['traffic'], sort: 'asc', size: 100 }, { allTenants: true });
        expect(result.hits).toEqual(records.map(asStored));
        const db = (store as unknown as { db: import('better-sqlite3').Database }).db;
        const tables = db.prepare("SELECT name FROM partitions WHERE index_name = 'traffic'").all() as Array<{ name: string }>;
        const rows = tables.flatMap(({ name }) => db.prepare(`SELECT ts, (${recordExpressionSql()}) AS json FROM "${name}"`).all() as Array<{ ts: number; json: string }>);
        rows.sort((a, b) => a.ts - b.ts);
        expect(rows.map((row) => JSON.parse(row.json) as unknown)).toEqual(records.map(asStored));
        // The cheaper per-field JSON a condition on one field uses holds that field exactly as the whole record does.
        for (const field of ['vpcflow', 'vpcflow.srcaddr', 'vpcflow.version', 'vpcflow.nope', 'srcip', 'aws', 'aws.region', 'tcp_flag_names', 'log_family', 'message', 'k8s', 'tenant_name']) {
          const path = `$.${field.split('.').map((segment) => `"${segment}"`).join('.')}`;
          const sql = (expression: string) => `SELECT json_quote(json_extract((${expression}), '${path}')) FROM "${tables[0]?.name ?? ''}" ORDER BY id`;
          expect(db.prepare(sql(recordExpressionSql(field))).pluck().all(), field).toEqual(db.prepare(sql(recordExpressionSql())).pluck().all());
        }
        await store.close();
      }),
      { numRuns: 60 },
    );
  });
});

describe('columnar traffic with the VPC Flow parser', () => {
  it('stores what the parser makes (golden v2–v6 records, parse errors, NODATA lines) in columns only, and returns it unchanged', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { parseVpcFlow } = await import('../../parsers/vpcflow/index.js');
    const folder = new URL('../../parsers/vpcflow/testdata/', import.meta.url);
    const golden = readdirSync(folder)
      .filter((name) => name.endsWith('.expected.ndjson'))
      .flatMap((name) => readFileSync(new URL(name, folder), 'utf8').split('\n').filter((line) => line !== ''))
      .map((line) => JSON.parse(line) as InterflowRecord);
    const context = { logGroup: 'vpc-flow', region: 'us-east-1', accountId: '123456789010', tenant: 'acme' };
    const lines = ['', 'garbage', '2 123456789010 eni-1 10.0.0.1 10.0.0.2 99999 22 6 1 40 1418530010 1418530070 ACCEPT OK', '2 123456789010 eni-1 - - - - - - - 1418530010 1418530070 - NODATA'];
    const parsed = lines.map((message, i) => parseVpcFlow({ timestamp: 1_700_000_000_000 + i, message, eventId: `3${String(i).padStart(55, '0')}` }, context));
    expect(parsed.filter((record) => record.parse_error !== undefined).length).toBeGreaterThan(0);
    const records = [...golden, ...parsed].map((record, i) => ({ ...record, timestamp: Date.UTC(2026, 0, 10) + i * 1000 }));
    const store = new SqliteStore(':memory:', { clock: () => writeTime });
    expect(await store.write(records)).toEqual({ stored: records.length, duplicates: 0 });
    const result = await store.search({ indices: ['traffic'], sort: 'asc', size: 1000 }, { allTenants: true });
    expect(result.hits).toEqual(records.map(asStored));
    const db = (store as unknown as { db: import('better-sqlite3').Database }).db;
    const tables = db.prepare("SELECT name FROM partitions WHERE index_name = 'traffic'").pluck().all() as string[];
    expect(tables.flatMap((name) => db.prepare(`SELECT extra FROM "${name}" WHERE extra IS NOT NULL`).pluck().all())).toEqual([]);
    await store.close();
  });
});
