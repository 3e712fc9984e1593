// The store contract: behaviour every backend (SQLite now, PostgreSQL next) must show. Run it with a factory per backend.
import { afterEach, describe, expect, it } from 'vitest';
import { CwcError } from '../../core/errors.js';
import type { InterflowRecord } from '../../core/record.js';
import type { InterflowStore, StoreOptions, TenantScope } from '../store.js';
import { syslogRecord, trafficRecord } from './records.js';

export interface OpenedStore {
  store: InterflowStore;
  /** Closes nothing; opens the same storage again (for persistence checks). */
  reopen(): Promise<InterflowStore>;
}

export type StoreFactory = (options?: StoreOptions) => Promise<OpenedStore>;

const all: TenantScope = { allTenants: true };
const day = 86_400_000;
const t0 = Date.UTC(2026, 0, 10, 12, 0, 0);

function withoutWriteTime(record: InterflowRecord): InterflowRecord {
  const copy = { ...record };
  delete copy.write_time;
  return copy;
}

async function expectBadRequest(promise: Promise<unknown>, pattern: RegExp): Promise<CwcError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a 400 error').toBeInstanceOf(CwcError);
  expect((error as CwcError).status).toBe(400);
  expect((error as CwcError).message).toMatch(pattern);
  return error as CwcError;
}

export function storeContract(backend: string, factory: StoreFactory): void {
  describe(`store contract: ${backend}`, () => {
    const opened: InterflowStore[] = [];
    async function open(options?: StoreOptions): Promise<OpenedStore> {
      const result = await factory({ clock: () => t0 + 10 * day, ...options });
      opened.push(result.store);
      return result;
    }
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('returns stored records unchanged apart from write_time, newest first', async () => {
      const { store } = await open();
      const records = [trafficRecord(1, t0), syslogRecord(2, t0 + 1000), trafficRecord(3, t0 + 2000)];
      expect(await store.write(records)).toEqual({ stored: 3, duplicates: 0 });
      const result = await store.search({}, all);
      expect(result.total).toEqual({ value: 3, relation: 'eq' });
      expect(result.hits.map(withoutWriteTime)).toEqual([records[2], records[1], records[0]]);
      expect(result.hits.every((h) => h.write_time === t0 + 10 * day)).toBe(true);
      expect(result.nextCursor).toBeUndefined();
    });

    it('stores an event once however often it is written (across batches and within one)', async () => {
      const { store } = await open();
      const batch = Array.from({ length: 50 }, (_, i) => trafficRecord(i, t0 + i));
      expect(await store.write(batch)).toEqual({ stored: 50, duplicates: 0 });
      expect(await store.write(batch)).toEqual({ stored: 0, duplicates: 50 });
      expect(await store.write([...batch.slice(0, 5), trafficRecord(100, t0), trafficRecord(100, t0)])).toEqual({ stored: 1, duplicates: 6 });
      expect((await store.count({}, all)).value).toBe(51);
    });

    it('keeps the same event id apart per log group and per tenant, and always stores records without an id', async () => {
      const { store } = await open();
      const result = await store.write([
        trafficRecord(1, t0, { logGroup: 'a' }),
        trafficRecord(1, t0, { logGroup: 'b' }),
        trafficRecord(1, t0, { logGroup: 'a', tenant: 'acme' }),
        trafficRecord(2, t0, { withoutEventId: true }),
        trafficRecord(2, t0, { withoutEventId: true }),
      ]);
      expect(result).toEqual({ stored: 5, duplicates: 0 });
    });

    it('commits a checkpoint with its records, and reads checkpoints back by key and prefix', async () => {
      const { store, reopen } = await open();
      await store.write([trafficRecord(1, t0)], { key: 'cw/acme/vpc-flow', value: { nextToken: 'abc', ts: t0 } });
      await store.write([], { key: 'cw/acme/waf', value: 7 });
      await store.write([trafficRecord(2, t0)], { key: 'cw/acme/vpc-flow', value: { nextToken: 'def', ts: t0 + 1 } });
      expect(await store.readCheckpoint('cw/acme/vpc-flow')).toEqual({ nextToken: 'def', ts: t0 + 1 });
      expect(await store.readCheckpoint('missing')).toBeUndefined();
      expect(await store.listCheckpoints('cw/acme/')).toEqual([
        { key: 'cw/acme/vpc-flow', value: { nextToken: 'def', ts: t0 + 1 } },
        { key: 'cw/acme/waf', value: 7 },
      ]);
      expect(await store.listCheckpoints('cw/%')).toEqual([]);
      await store.close();
      const again = await reopen();
      opened.push(again);
      expect(await again.readCheckpoint('cw/acme/waf')).toBe(7);
      expect((await again.count({}, all)).value).toBe(2);
    });

    it('rejects a batch with an invalid record whole: no record and no checkpoint move', async () => {
      const { store } = await open();
      await store.write([trafficRecord(1, t0)], { key: 'k', value: 1 });
      const bad = { ...trafficRecord(3, t0), timestamp: 'yesterday' } as unknown as InterflowRecord;
      const error = await expectBadRequest(store.write([trafficRecord(2, t0), bad], { key: 'k', value: 2 }), /records\[1\]\.timestamp/);
      expect(error.details[0]?.path).toBe('records[1].timestamp');
      expect(await store.readCheckpoint('k')).toBe(1);
      expect((await store.count({}, all)).value).toBe(1);
    });

    it('never shows a tenant records of another tenant, in hits, totals or aggregations', async () => {
      const { store } = await open();
      await store.write([
        trafficRecord(1, t0, { tenant: 'acme' }),
        trafficRecord(2, t0 + 1, { tenant: 'globex' }),
        trafficRecord(3, t0 + 2),
      ]);
      const acme: TenantScope = { tenants: ['acme'] };
      expect((await store.search({}, acme)).hits.map((h) => h.tenant_name)).toEqual(['acme']);
      expect((await store.search({ query: 'tenant_name:globex' }, acme)).hits).toEqual([]);
      expect(await store.count({}, acme)).toEqual({ value: 1, relation: 'eq' });
      expect((await store.histogram({}, acme)).buckets.reduce((s, b) => s + b.count, 0)).toBe(1);
      expect(await store.topTerms({}, acme, 'tenant_name')).toEqual([{ term: 'acme', count: 1 }]);
      expect((await store.count({}, { tenants: [] })).value).toBe(0);
      expect((await store.count({}, { tenants: [''] })).value).toBe(1);
      await expectBadRequest(store.search({}, {} as TenantScope), /scope/);
    });

    it('answers the query language: fields, CIDR, ranges, wildcards, phrases, full text, NOT/OR, dotted and array fields', async () => {
      const { store } = await open();
      const traffic = Array.from({ length: 24 }, (_, i) => trafficRecord(i, t0 + i * 1000));
      const syslog = Array.from({ length: 24 }, (_, i) => syslogRecord(i, t0 + i * 1000));
      await store.write([...traffic, ...syslog]);
      const ids = async (query: string, indices: Array<'syslog' | 'traffic'> = ['traffic']) =>
        (await store.search({ query, indices, size: 1000, sort: 'asc' }, all)).hits.map((h) => h.aws.event_id?.slice(-3));
      const count = async (query: string, indices?: Array<'syslog' | 'traffic'>) => (await store.count({ query, ...(indices ? { indices } : {}) }, all)).value;
      expect(await ids('srcip:10.0.0.5')).toEqual(['005']);
      expect(await count('srcip:10.0.0.0/29', ['traffic'])).toBe(8);
      expect(await count('srcip:10.0.0.0/8 AND dstport:443 AND action:ACCEPT', ['traffic'])).toBe(traffic.filter((r) => r.dstport === 443 && r.action === 'ACCEPT').length);
      expect(await count('bytes:>=1000', ['traffic'])).toBe(traffic.filter((r) => (r.bytes as number) >= 1000).length);
      expect(await count('srcport:[1024 TO 1200}', ['traffic'])).toBe(traffic.filter((r) => (r.srcport as number) >= 1024 && (r.srcport as number) < 1200).length);
      expect(await count(`timestamp:[${t0} TO ${t0 + 4999}]`, ['traffic'])).toBe(5);
      expect(await count('timestamp:>=2026-01-10T12:00:20Z', ['traffic'])).toBe(4);
      expect(await count('NOT action:REJECT', ['traffic'])).toBe(16);
      expect(await count('-action:REJECT', ['traffic'])).toBe(16);
      expect(await count('dstport:(22 OR 3389)', ['traffic'])).toBe(6);
      expect(await count('msg_origin.source:aws_cloudwatch')).toBe(48);
      expect(await count('vpcflow.srcaddr:10.0.0.1*', ['traffic'])).toBe(traffic.filter((r) => (r.srcip as string).startsWith('10.0.0.1')).length);
      expect(await count('waf.labels:"awswaf:label:0"', ['syslog'])).toBe(syslog.filter((r) => (r.waf as { labels?: string[] } | undefined)?.labels?.[0] === 'awswaf:label:0').length);
      expect(await count('expired', ['syslog'])).toBe(syslog.filter((r) => / expired /i.test(` ${r.message} `)).length);
      expect(await count('"failed admin"', ['syslog'])).toBe(syslog.filter((r) => r.message.includes('failed admin')).length);
      expect(await count('health*', ['syslog'])).toBe(syslog.filter((r) => r.message.includes('health')).length);
      expect(await count('message:timeout OR message:retry', ['syslog'])).toBe(syslog.filter((r) => /timeout|retry/.test(r.message)).length);
      expect(await count('ACCEPT', ['traffic'])).toBe(16);
      expect(await count('*')).toBe(48);
      expect(await count('dstip:*', ['traffic'])).toBe(24);
      expect(await count('http.country:US AND NOT waf.labels:"awswaf:label:1"', ['syslog'])).toBe(
        syslog.filter((r) => (r.http as { country?: string } | undefined)?.country === 'US' && (r.waf as { labels: string[] }).labels[0] !== 'awswaf:label:1').length,
      );
    });

    it('pages with search-after, each record exactly once, even while new records arrive', async () => {
      const { store } = await open();
      // Several days, both indices and two tenants, with equal timestamps across them to exercise the tie-break.
      const records = Array.from({ length: 60 }, (_, i) => {
        const options = i % 3 === 0 ? { tenant: 'acme' } : {};
        const timestamp = t0 + Math.floor(i / 3) * 3_600_000;
        return i % 2 ? trafficRecord(i, timestamp, options) : syslogRecord(i, timestamp, options);
      });
      await store.write(records);
      const seen: string[] = [];
      let after: string | undefined;
      let page = 0;
      do {
        const result = await store.search({ size: 7, ...(after ? { after } : {}) }, all);
        seen.push(...result.hits.map((h) => `${h.index}:${h.aws.event_id}`));
        const times = result.hits.map((h) => h.timestamp);
        expect([...times].sort((a, b) => b - a)).toEqual(times);
        after = result.nextCursor;
        page += 1;
        // Newer and older data arriving mid-pagination must not shift or repeat what the pages show.
        if (page === 2) await store.write([trafficRecord(1000, t0 + 100 * day), trafficRecord(1001, t0 + 40 * 3_600_000)]);
      } while (after);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(60);
      const ascending = await store.search({ size: 1000, sort: 'asc' }, all);
      expect(ascending.hits[0]?.timestamp).toBe(t0);
    });

    it('counts exactly up to the bound, then says "at least"', async () => {
      const { store } = await open();
      await store.write(Array.from({ length: 30 }, (_, i) => trafficRecord(i, t0 + i)));
      expect(await store.count({ totalBound: 30 }, all)).toEqual({ value: 30, relation: 'eq' });
      expect(await store.count({ totalBound: 10 }, all)).toEqual({ value: 10, relation: 'gte' });
      expect((await store.search({ totalBound: 10, size: 5 }, all)).total).toEqual({ value: 10, relation: 'gte' });
    });

    it('builds a date histogram and top terms that agree with the hits', async () => {
      const { store } = await open();
      await store.write(Array.from({ length: 120 }, (_, i) => trafficRecord(i, t0 + i * 60_000)));
      const histogram = await store.histogram({ from: t0, to: t0 + 2 * 3_600_000, query: 'action:ACCEPT' }, all);
      expect(histogram.intervalMilliseconds).toBe(300_000);
      expect(histogram.buckets.length).toBe(24);
      expect(histogram.buckets.reduce((s, b) => s + b.count, 0)).toBe(80);
      expect(histogram.buckets[0]).toEqual({ key: t0, count: 3 });
      const top = await store.topTerms({ indices: ['traffic'] }, all, 'dstport', 3);
      expect(top).toEqual([{ term: 22, count: 15 }, { term: 53, count: 15 }, { term: 80, count: 15 }]);
      expect((await store.topTerms({}, all, 'proto_name')).at(0)).toEqual({ term: 'tcp', count: 120 });
    });

    it('drops whole days older than the retention, per index', async () => {
      const { store } = await open({ retentionDays: { traffic: 2 } });
      await store.write([trafficRecord(1, t0 - 5 * day), trafficRecord(2, t0 - day), trafficRecord(3, t0), syslogRecord(4, t0 - 5 * day)]);
      const result = await store.applyRetention(t0);
      expect(result.droppedPartitions).toEqual(['traffic 2026-01-05']);
      await store.write([trafficRecord(6, t0 - 5 * day, { tenant: 'acme' })]);
      expect((await store.applyRetention(t0)).droppedPartitions).toEqual(['traffic tenant acme 2026-01-05']);
      expect((await store.count({ indices: ['traffic'] }, all)).value).toBe(2);
      expect((await store.count({ indices: ['syslog'] }, all)).value).toBe(1);
      await store.write([trafficRecord(5, t0 - 5 * day)]);
      expect((await store.count({ indices: ['traffic'] }, all)).value).toBe(3);
    });

    it('answers bad queries and sizes with 400s that say where and why', async () => {
      const { store } = await open();
      await store.write([trafficRecord(1, t0), syslogRecord(2, t0)]);
      const bad = (request: Parameters<InterflowStore['search']>[0], pattern: RegExp) => expectBadRequest(store.search(request, all), pattern);
      await bad({ query: 'srcip:10.0.0.1 AND (dstport:22' }, /never closed.*column 20/);
      await bad({ query: 'scrip:10.0.0.1' }, /unknown field 'scrip'.*did you mean 'srcip'/);
      await bad({ query: 'srcip:10.0.0.0/33' }, /CIDR/);
      await bad({ query: 'srcip:hello' }, /not an IP/);
      await bad({ query: 'dstport:[100 TO 10]' }, /range is empty/);
      await bad({ query: 'dstport:https' }, /not a number/);
      await bad({ from: t0 + 1, to: t0 }, /'from'.*after 'to'/);
      await bad({ size: 1_000_000 }, /size/);
      await bad({ after: 'not-a-cursor' }, /cursor/);
      await bad({ indices: ['audit' as 'syslog'] }, /indices/);
      await expectBadRequest(store.topTerms({}, all, 'a);DROP TABLE x;--'), /not a valid field name/);
      await expectBadRequest(store.histogram({}, all, { intervalMilliseconds: 1000, targetBuckets: 10 }).then(() => store.histogram({ from: 0, to: t0 }, all, { intervalMilliseconds: 1000 })), /buckets/);
    });

    it('never executes query text: injection attempts in values and field names match nothing or fail cleanly', async () => {
      const { store } = await open();
      await store.write([trafficRecord(1, t0), syslogRecord(2, t0)]);
      expect((await store.count({ query: `action:"ACCEPT' OR 1=1 --"` }, all)).value).toBe(0);
      expect((await store.count({ query: `msg_class:"x') OR ('1'='1"` }, all)).value).toBe(0);
      expect((await store.count({ query: `vpcflow.srcaddr:"1' OR 1=1 --"` }, all)).value).toBe(0);
      expect((await store.count({ query: `"x\\" OR message:* OR \\"" NEAR` }, all)).value).toBe(0);
      await expectBadRequest(store.search({ query: `srcip:"1' OR 1=1 --"` }, all), /not an IP/);
      await expectBadRequest(store.search({ query: 'a);DROP TABLE x;--:1' }, all), /column/);
      await expectBadRequest(store.search({ query: 'vpcflow.a"b:1' }, all), /query/);
      expect((await store.count({}, all)).value).toBe(2);
    });
  });
}
