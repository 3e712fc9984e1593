// Differential test: compileMatcher(q)(r) must equal "r is among SqliteStore.search(q)" for generated records and queries.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterflowRecord } from '../core/record.js';
import { QueryError } from '../search/errors.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { compileMatcher } from './matcher.js';

const words = ['GET', 'get', 'Accept', 'REJECT', 'foo', 'foobar', 'bar-baz', '10.0.0.1', 'café', 'Cafe', 'x_y', 'a.b', 'Denied', '443'];
const ips = ['10.0.0.1', '10.1.2.3', '192.168.1.5', '8.8.8.8', '2001:db8::1', '2001:db8::ff', 'fe80::1', 'not-an-ip', '010.0.0.1'];
const texts = ['GET', 'POST', 'ACCEPT', 'REJECT', 'ALLOW', 'acme', 'a.example', 'b.example', 'awswaf:a', 'x', '80', 'true', 'Recon:EC2/Port'];
const numbers = [0, 1, 6, 17, 22, 80, 443, 8080, 1.5, 5.5, 1_767_225_601_000];

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });
const scalar = fc.oneof(fc.constantFrom(...texts), fc.constantFrom(...numbers), fc.boolean());

const recordArbitrary = fc
  .record({
    index: fc.constantFrom('syslog' as const, 'traffic' as const),
    second: fc.integer({ min: 0, max: 5 }),
    tenant: maybe(fc.constantFrom('acme', 't2')),
    message: fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', '-', '.', ', ', '/', ':')), { maxLength: 6 }),
    srcip: maybe(fc.constantFrom(...ips)),
    dstip: maybe(fc.constantFrom(...ips)),
    srcport: maybe(fc.oneof(fc.constantFrom(...numbers), fc.constant('80'))),
    dstport: maybe(fc.constantFrom(...numbers)),
    action: maybe(fc.oneof(fc.constantFrom('ACCEPT', 'REJECT', 'ALLOW'), fc.constant(['ACCEPT']))),
    bytes: maybe(fc.constantFrom(...numbers)),
    severity: maybe(scalar),
    event_name: maybe(fc.constantFrom(...texts)),
    http: maybe(fc.record({ method: fc.constantFrom('GET', 'POST'), host: fc.constantFrom('a.example', 'b.example'), status: fc.constantFrom(200, 403) })),
    labels: maybe(fc.array(scalar, { maxLength: 3 })),
    proto: fc.boolean(),
  })
  .map((g) => g);

type Generated = typeof recordArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toRecord(g: Generated, i: number): InterflowRecord {
  const record: InterflowRecord = {
    timestamp: 1_767_225_600_000 + g.second * 1000,
    msg_class: g.index === 'traffic' ? 'aws_cloudwatch_vpcflow' : 'aws_cloudwatch_log',
    msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' },
    index: g.index,
    log_family: g.index === 'traffic' ? 'vpcflow' : 'generic',
    aws: { region: 'us-east-1', account_id: '123456789012', log_group: 'g', event_id: `e${i}` },
    message: g.message.map(([w, s]) => w + s).join(''),
  };
  const optional: Record<string, unknown> = {
    tenant_name: g.tenant, srcip: g.srcip, dstip: g.dstip, srcport: g.srcport, dstport: g.dstport, action: g.action, bytes: g.bytes,
    severity: g.severity, event_name: g.event_name, http: g.http, waf: g.labels === undefined ? undefined : { labels: g.labels },
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) record[key] = value;
  // An own `__proto__` key, as JSON.parse makes from attacker-controlled log content.
  if (g.proto) Object.defineProperty(record, '__proto__', { value: { polluted: 'yes' }, enumerable: true, writable: true, configurable: true });
  return record;
}

/** Every field the generated queries use appears on this record, so the store's unknown-field check never fires. */
const everyField: InterflowRecord = toRecord(
  {
    index: 'syslog', second: 0, tenant: 'acme', message: [], srcip: '8.8.8.8', dstip: '8.8.8.8', srcport: 1, dstport: 1, action: 'ALLOW', bytes: 1,
    severity: 1, event_name: 'x', http: { method: 'GET', host: 'a.example', status: 200 }, labels: [], proto: true,
  },
  999,
);

const quote = (text: string) => `"${text.replace(/[\\"]/g, '\\$&')}"`;
const escapeWord = (text: string) => text.replace(/[\\\s()":[\]{}*?]/g, '\\$&');
const textFields = ['action', 'event_name', 'http.method', 'http.host', 'waf.labels', 'msg_class', 'tenant_name', 'aws.event_id', '__proto__.polluted', 'http'];
const numberFields = ['srcport', 'dstport', 'bytes', 'severity', 'http.status', 'timestamp'];

const value = fc.constantFrom(...texts, ...numbers.map(String), ...words, 'e1', 'yes', 'aws_cloudwatch_log', '1767225601000', '2026-01-01T00:00:02Z');
const leaf: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...textFields, ...numberFields), value, fc.boolean()).map(([f, v, q]) => `${f}:${q ? quote(v) : escapeWord(v)}`),
  fc.tuple(fc.constantFrom(...textFields), fc.constantFrom('A*', '*T', 'a?example', '*', 'R*T', 'aws*', '*:*', 'e*'))
    .map(([f, g]) => `${f}:${g.replace(/:/g, '\\:')}`),
  fc.tuple(fc.constantFrom(...numberFields, ...textFields), fc.constantFrom('[', '{'), value, value, fc.constantFrom(']', '}'))
    .map(([f, o, a, b, c]) => `${f}:${o}${quote(a)} TO ${quote(b)}${c}`),
  fc.tuple(fc.constantFrom(...numberFields), fc.constantFrom('>=', '>', '<', '<='), fc.constantFrom(...numbers.map(String)))
    .map(([f, op, n]) => `${f}:${op}${n}`),
  fc.tuple(fc.constantFrom('srcip', 'dstip'), fc.constantFrom('10.0.0.0/8', '10.0.0.1', '192.168.0.0/16', '2001:db8::/32', '2001:db8::1', '0.0.0.0/0', '::/0', '[10.0.0.0 TO 10.1.0.0]', 'bad/99'))
    .map(([f, v]) => `${f}:${v}`),
  fc.constantFrom(...textFields, ...numberFields, 'srcip', 'dstip').map((f) => `${f}:*`),
  fc.constantFrom(...words).map(escapeWord),
  fc.constantFrom(...words).map(quote),
  fc.constantFrom('foo*', 'caf*', 'GE?', 'bar-b*', '10.0*', '"foo bar"', '"bar baz"', 'message:foo', 'message:"Cafe"'),
);
const queryArbitrary: fc.Arbitrary<string> = fc.letrec((tie) => ({
  query: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('query'), fc.constantFrom(' AND ', ' OR ', ' '), tie('query')).map(([a, op, b]) => `(${a})${op}(${b})`),
    tie('query').map((q) => `NOT (${q})`),
  ),
})).query as fc.Arbitrary<string>;

/** The comparison only means something if the generated queries both match and miss often. */
const outcomes = { matched: 0, unmatched: 0, rejected: 0 };

async function storedIds(store: SqliteStore, query: string): Promise<Set<string> | QueryError> {
  try {
    const result = await store.search({ query, size: 10_000 }, { allTenants: true });
    return new Set(result.hits.map((hit) => hit.aws.event_id as string));
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
}

describe('compileMatcher agrees with SqliteStore.search', () => {
  it('on generated records and queries (both indices, full text on syslog as FTS5 tokens, on traffic as substrings)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recordArbitrary, { minLength: 1, maxLength: 25 }), fc.array(queryArbitrary, { minLength: 1, maxLength: 8 }), async (generated, queries) => {
        const records = [everyField, ...generated.map(toRecord)];
        const store = new SqliteStore(':memory:', { clock: () => 1_767_225_700_000 });
        try {
          await store.write(records);
          for (const query of queries) {
            const stored = await storedIds(store, query);
            let matcher;
            try {
              matcher = compileMatcher(query);
            } catch (error) {
              expect(error, query).toBeInstanceOf(QueryError);
              expect(stored, `store accepted what the matcher rejected: ${query}`).toBeInstanceOf(QueryError);
              outcomes.rejected += 1;
              continue;
            }
            expect(stored, `store rejected what the matcher accepted: ${query}`).toBeInstanceOf(Set);
            for (const record of records) {
              const id = record.aws.event_id as string;
              const matched = matcher(record);
              expect(matched, `${query} on ${JSON.stringify(record)}`).toBe((stored as Set<string>).has(id));
              outcomes[matched ? 'matched' : 'unmatched'] += 1;
            }
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: Number(process.env.FILTERS_DIFFERENTIAL_RUNS ?? 150) },
    );
    expect(outcomes.matched).toBeGreaterThan(1000);
    expect(outcomes.unmatched).toBeGreaterThan(1000);
    expect(outcomes.rejected).toBeGreaterThan(5);
  }, 60_000);
});
