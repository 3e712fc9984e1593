import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trafficRecord } from '../../store/contract/records.js';
import { ReadPoolStore } from '../../store/read-pool/read-pool.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { testApi, type TestApi } from '../test-support.js';

let api: TestApi;
const base = Date.parse('2026-11-01T00:00:00Z');

beforeAll(async () => {
  api = await testApi();
  const acme = Array.from({ length: 30 }, (_, n) => trafficRecord(n, base + n * 60_000, { tenant: 'acme' }));
  const globex = Array.from({ length: 20 }, (_, n) => trafficRecord(n, base + n * 60_000, { tenant: 'globex', logGroup: 'globex-flow' }));
  await api.store.write([...acme, ...globex]);
});
afterAll(async () => api.close());

const search = (token: string, body: object) => api.app.inject({ method: 'POST', url: '/api/v1/search', headers: api.auth(token), payload: body });

describe('POST /api/v1/search', () => {
  it("scopes a tenant user to the tenant's records", async () => {
    const response = await search(api.tokens.acmeAnalyst, { query: '*', size: 100 });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toEqual({ value: 30, relation: 'eq' });
    expect(new Set(body.hits.map((hit: { tenant_name: string }) => hit.tenant_name))).toEqual(new Set(['acme']));
    expect(body.histogram).toBeNull();
  });

  it('lets the root administrator search every tenant, or some', async () => {
    expect((await search(api.tokens.root, {})).json().total.value).toBe(50);
    expect((await search(api.tokens.root, { tenants: ['globex'] })).json().total.value).toBe(20);
  });

  it('refuses a tenant user naming another tenant', async () => {
    const response = await search(api.tokens.acmeAdmin, { tenants: ['globex'] });
    expect(response.statusCode).toBe(403);
  });

  it('filters by query, time and index, sorts, and builds a histogram', async () => {
    const response = await search(api.tokens.acmeAdmin, {
      indices: ['traffic'],
      query: 'action:REJECT',
      from: new Date(base).toISOString(),
      to: base + 15 * 60_000,
      sort: 'asc',
      size: 3,
      histogram: { intervalMilliseconds: 300_000 },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    // n % 3 === 0 is REJECT: 0, 3, 6, 9, 12 within the first 15 minutes.
    expect(body.total.value).toBe(5);
    expect(body.hits.map((hit: { timestamp: number }) => hit.timestamp)).toEqual([0, 3, 6].map((n) => base + n * 60_000));
    expect(body.histogram.buckets.reduce((sum: number, bucket: { count: number }) => sum + bucket.count, 0)).toBe(5);
    expect(typeof body.nextCursor).toBe('string');
  });

  it('answers a bad query or time with a 400 naming the field', async () => {
    const badQuery = await search(api.tokens.acmeAdmin, { query: 'srcip:[1 TO' });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json().error.details[0].path).toBe('query');
    // The column is data too, so a client can point at it without reading the message.
    const unclosed = await search(api.tokens.acmeAdmin, { query: 'action:REJECT AND (dstport:22' });
    expect(unclosed.json().error.details[0]).toMatchObject({ path: 'query', column: expect.any(Number) });
    expect(unclosed.json().error.details[0].message).toContain(`(at column ${unclosed.json().error.details[0].column})`);
    const badTime = await search(api.tokens.acmeAdmin, { from: 'yesterday-ish' });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().error.details[0].path).toBe('from');
    const reversed = await search(api.tokens.acmeAdmin, { from: base + 1000, to: base });
    expect(reversed.statusCode).toBe(400);
  });
});

describe('POST /api/v1/search on the worker pool (as cwc serve runs it)', () => {
  let pooled: TestApi;
  let directory: string;
  let pool: ReadPoolStore;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'cwc-search-pool-'));
    const file = join(directory, 'interflow.db');
    const writer = new SqliteStore(file);
    await writer.write([
      ...Array.from({ length: 30 }, (_, n) => trafficRecord(n, base + n * 60_000, { tenant: 'acme' })),
      ...Array.from({ length: 20 }, (_, n) => trafficRecord(n, base + n * 60_000, { tenant: 'globex', logGroup: 'globex-flow' })),
    ]);
    pool = new ReadPoolStore(writer, { file, workers: 1, maxQueued: 0, retryAfterSeconds: 2 });
    pooled = await testApi({ store: pool });
  });
  afterAll(async () => {
    await pooled.close();
    await pool.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const searchPooled = (token: string, body: object) => pooled.app.inject({ method: 'POST', url: '/api/v1/search', headers: pooled.auth(token), payload: body });

  it("keeps tenant users to their tenant's records, and refuses naming another", async () => {
    const acme = await searchPooled(pooled.tokens.acmeAnalyst, { query: '*', size: 100, histogram: true });
    expect(acme.statusCode).toBe(200);
    expect(acme.json().total.value).toBe(30);
    expect(new Set(acme.json().hits.map((hit: { tenant_name: string }) => hit.tenant_name))).toEqual(new Set(['acme']));
    expect(acme.json().histogram.buckets.reduce((sum: number, bucket: { count: number }) => sum + bucket.count, 0)).toBe(30);
    expect((await searchPooled(pooled.tokens.globexAdmin, { query: 'aws.log_group:"vpc-flow"' })).json().total.value).toBe(0);
    expect((await searchPooled(pooled.tokens.acmeAdmin, { tenants: ['globex'] })).statusCode).toBe(403);
    expect((await searchPooled(pooled.tokens.root, {})).json().total.value).toBe(50);
    expect((await searchPooled(pooled.tokens.acmeAdmin, { query: 'srcip:[1 TO' })).statusCode).toBe(400);
  });

  it('answers 503 with Retry-After and a useful message when the searches queue is full, never hangs', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => searchPooled(pooled.tokens.root, { query: '*' })));
    const busy = responses.filter((response) => response.statusCode === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(responses.filter((response) => response.statusCode === 200).length).toBeGreaterThan(0);
    expect(responses.every((response) => response.statusCode === 200 || response.statusCode === 503)).toBe(true);
    expect(busy[0]!.headers['retry-after']).toBe('2');
    expect(busy[0]!.json().error).toMatchObject({ code: 'search_busy', message: expect.stringMatching(/busy.*try again in 2 s/) });
    // Afterwards it serves again.
    expect((await searchPooled(pooled.tokens.root, {})).statusCode).toBe(200);
  });
});

describe('GET /api/v1/fields', () => {
  it('lists the fields a query can name, with index, kind and meaning, to any signed-in user', async () => {
    expect((await api.app.inject({ method: 'GET', url: '/api/v1/fields' })).statusCode).toBe(401);
    const response = await api.app.inject({ method: 'GET', url: '/api/v1/fields', headers: api.auth(api.tokens.acmeAnalyst) });
    expect(response.statusCode).toBe(200);
    const fields = response.json().fields as Array<{ name: string; kind: string; indices: string[]; description: string }>;
    expect(fields.find((field) => field.name === 'srcip')).toMatchObject({ kind: 'ip', indices: ['syslog', 'traffic'] });
    expect(fields.find((field) => field.name === 'dstport')).toMatchObject({ kind: 'number', indices: ['traffic'] });
    expect(fields.find((field) => field.name === 'vpcflow.tcp_flags')).toMatchObject({ kind: 'text', indices: ['traffic'] });
    expect(fields.find((field) => field.name === 'k8s.verb')?.indices).toEqual(['syslog']);
    // Every name is one the query language accepts (`field:*`, "has the field"): suggesting it never leads to an error.
    const rejected: string[] = [];
    for (const { name } of fields) {
      const answer = await search(api.tokens.acmeAnalyst, { query: `${name}:*`, size: 0 });
      if (answer.statusCode !== 200 && answer.json().error.code !== 'query_unknown_field') rejected.push(`${name}: ${answer.body}`);
    }
    expect(rejected).toEqual([]);
  });
});

describe('POST /api/v1/search over its time limit', () => {
  it('answers 503 search_timeout with what to narrow, and no Retry-After (the same search would run as long again)', async () => {
    // The store's clock measures the limit: it moves 1 s on every reading once the search starts.
    const clock = { now: Date.now(), tick: 0 };
    const store = new SqliteStore(':memory:', { searchTimeLimitMilliseconds: 5_000, clock: () => (clock.now += clock.tick) });
    await store.write(Array.from({ length: 10 }, (_, n) => trafficRecord(n, clock.now - (n + 1) * 3_600_000, { tenant: 'acme' })));
    const limited = await testApi({ store });
    try {
      clock.tick = 1_000;
      const response = await limited.app.inject({ method: 'POST', url: '/api/v1/search', headers: limited.auth(limited.tokens.root), payload: { from: 'now-24h', size: 10 } });
      expect(response.statusCode).toBe(503);
      expect(response.json().error).toMatchObject({ code: 'search_timeout', message: expect.stringMatching(/longer than its limit of 5 s.*narrow the time range/) });
      expect(response.headers['retry-after']).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});
