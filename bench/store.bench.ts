// Store benchmark (issue 4): ingest rates and search latency on the embedded SQLite store vs a plain un-indexed scan.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os from 'node:os';
import path from 'node:path';
import type { InterflowRecord } from '../src/core/record.js';
import { syslogRecord, trafficRecord } from '../src/store/contract/records.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { recordExpressionSql } from '../src/store/sqlite/traffic-codec.js';
import type { SearchRequest } from '../src/store/store.js';
import { sqliteTrafficCeiling } from './support/sqlite-ceiling.js';
import { markdownTable } from './table.js';

const ingestRecords = Number(process.env.CWC_BENCH_INGEST_RECORDS ?? 5_000_000);
const trafficRecords = Number(process.env.CWC_BENCH_TRAFFIC_RECORDS ?? 10_000_000);
const syslogRecords = Number(process.env.CWC_BENCH_SYSLOG_RECORDS ?? 2_000_000);
const runs = Number(process.env.CWC_BENCH_RUNS ?? 20);
const baselineRuns = Number(process.env.CWC_BENCH_BASELINE_RUNS ?? 5);

export const title = `embedded store: ingest over ${ingestRecords.toLocaleString('en-US')} records; search on ${trafficRecords.toLocaleString('en-US')} traffic + ${syslogRecords.toLocaleString('en-US')} syslog records vs a plain scan of an un-indexed table`;

const batchSize = 5000;
const spanMilliseconds = 7 * 86_400_000;
const start = Date.UTC(2026, 0, 1);
const sourcePool = 65_536;
const all = { allTenants: true } as const;
const trafficRecordSql = `(${recordExpressionSql()})`;

type Generator = (n: number, timestamp: number) => InterflowRecord;
const traffic: Generator = (n, timestamp) => trafficRecord(n, timestamp, { sourcePool });
const syslog: Generator = (n, timestamp) => syslogRecord(n, timestamp);

/**
 * Writes `count` records in batches, timing only the store's write. Returns records per wall-clock second and per
 * second of this process's CPU time (the second is the fairer figure when other work shares the machine).
 */
async function ingest(store: SqliteStore, generate: Generator, count: number): Promise<{ wall: number; cpu: number }> {
  let elapsed = 0;
  let cpuMicroseconds = 0;
  for (let first = 0; first < count; first += batchSize) {
    const batch: InterflowRecord[] = [];
    for (let n = first; n < Math.min(count, first + batchSize); n += 1) batch.push(generate(n, start + Math.floor((n / count) * spanMilliseconds)));
    const began = performance.now();
    const cpuBefore = process.cpuUsage();
    await store.write(batch, { key: 'bench', value: first });
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicroseconds += cpu.user + cpu.system;
    elapsed += performance.now() - began;
  }
  return { wall: (count * 1000) / elapsed, cpu: (count * 1_000_000) / cpuMicroseconds };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

async function time(count: number, fn: (run: number) => unknown): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let run = 0; run < count; run += 1) {
    const began = performance.now();
    await fn(run);
    samples.push(performance.now() - began);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export async function run(): Promise<string> {
  const directory = mkdtempSync(path.join(tmpdir(), 'cwc-bench-store-'));
  try {
    // Ingest: syslog (with FTS) into its own store, traffic into the store the searches run on.
    const syslogStore = new SqliteStore(path.join(directory, 'syslog-ingest.db'));
    const syslogRate = await ingest(syslogStore, syslog, ingestRecords);
    await syslogStore.close();
    const syslogBytes = statSync(path.join(directory, 'syslog-ingest.db')).size;
    rmSync(path.join(directory, 'syslog-ingest.db'), { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(path.join(directory, `syslog-ingest.db${suffix}`), { force: true });

    // The ceiling: SQLite's share of traffic ingest alone, at the same density (rows per hour) as the traffic ingest below.
    const ceilingFile = path.join(directory, 'ceiling.db');
    const ceilingRate = sqliteTrafficCeiling(ceilingFile, ingestRecords, batchSize, (n) => traffic(n, start + Math.floor((n / trafficRecords) * spanMilliseconds)));
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${ceilingFile}${suffix}`, { force: true });

    const file = path.join(directory, 'search.db');
    const store = new SqliteStore(file);
    const trafficRate = await ingest(store, traffic, trafficRecords);
    const trafficBytes = statSync(file).size;
    await ingest(store, syslog, syslogRecords);

    // The baseline: the same rows in plain tables with no index and no FTS, scanned in full.
    const baseline = new Database(path.join(directory, 'baseline.db'));
    baseline.pragma('journal_mode = WAL');
    baseline.pragma('cache_size = -262144');
    baseline.exec(`ATTACH '${file}' AS store`);
    for (const index of ['traffic', 'syslog'] as const) {
      baseline.exec(`CREATE TABLE ${index} (ts INTEGER, tenant TEXT, msg_class TEXT, srcip_num INTEGER, dstip_num INTEGER, dstport INTEGER, action TEXT, message TEXT, record TEXT)`);
      const partitions = baseline.prepare('SELECT name FROM store.partitions WHERE index_name = ? ORDER BY day_start_ms').all(index) as Array<{ name: string }>;
      for (const { name } of partitions) {
        // Columnar traffic rows (decision 0013) give the baseline its record JSON through the same expression searches use.
        const columns = index === 'traffic' ? `message, ${trafficRecordSql}` : "json_extract(record, '$.message'), record";
        baseline.exec(`INSERT INTO ${index} SELECT ts, tenant, msg_class, srcip_num, dstip_num, dstport, action, ${columns} FROM store."${name}" ORDER BY id`);
      }
    }
    // Searches run as they would during collection: the newest hours are still open (no search indexes yet).
    const partitionState = baseline.prepare("SELECT count(*) AS total, coalesce(sum(sealed = 0), 0) AS open FROM store.partitions WHERE index_name = 'traffic'").get() as { total: number; open: number };
    baseline.exec('DETACH store');

    const to = start + spanMilliseconds - 3_600_000;
    const from = to - 86_400_000;
    const ipOf = (run: number) => `10.0.${(run * 7) & 15}.${(run * 31) & 255}`;
    const cidrQuery = 'srcip:10.0.16.0/20 AND dstport:22 AND action:REJECT';
    const day = { from, to };
    const requests: Record<string, (run: number) => SearchRequest> = {
      a: (r) => ({ indices: ['traffic'], query: `srcip:${ipOf(r)}`, ...day }),
      b: () => ({ indices: ['traffic'], query: cidrQuery, ...day }),
      c: () => ({ indices: ['syslog'], query: 'timeout', ...day }),
    };
    const ipNumber = (run: number) => 10 * 2 ** 24 + ((run * 7) & 15) * 256 + ((run * 31) & 255);
    const page = (table: string, where: string) => [
      baseline.prepare(`SELECT record FROM ${table} WHERE ${where} ORDER BY ts DESC LIMIT 101`),
      baseline.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${table} WHERE ${where} LIMIT 10001)`),
    ];
    const cidrWhere = 'ts >= ? AND ts < ? AND srcip_num BETWEEN ? AND ? AND dstport = 22 AND action = \'REJECT\'';
    const cidrLow = 10 * 2 ** 24 + 16 * 256;
    const baselineQueries: Record<string, (run: number) => void> = {
      a: (r) => page('traffic', 'ts >= ? AND ts < ? AND srcip_num = ?').forEach((s) => s.all(from, to, ipNumber(r))),
      b: () => page('traffic', cidrWhere).forEach((s) => s.all(from, to, cidrLow, cidrLow + 4095)),
      c: () => page('syslog', "ts >= ? AND ts < ? AND message LIKE '%timeout%'").forEach((s) => s.all(from, to)),
      d: () => baseline.prepare(`SELECT ts - ts % 1800000 AS b, count(*) FROM traffic WHERE ${cidrWhere} GROUP BY b`).all(from, to, cidrLow, cidrLow + 4095),
      e: () => baseline.prepare('SELECT dstport, count(*) AS n FROM traffic WHERE ts >= ? AND ts < ? AND dstport IS NOT NULL GROUP BY dstport ORDER BY n DESC LIMIT 10').all(from, to),
    };
    const storeQueries: Record<string, (run: number) => Promise<unknown>> = {
      a: (r) => store.search((requests.a as (r: number) => SearchRequest)(r), all),
      b: (r) => store.search((requests.b as (r: number) => SearchRequest)(r), all),
      c: (r) => store.search((requests.c as (r: number) => SearchRequest)(r), all),
      d: () => store.histogram({ indices: ['traffic'], query: cidrQuery, ...day }, all),
      e: () => store.topTerms({ indices: ['traffic'], ...day }, all, 'dstport', 10),
    };
    const labels: Record<string, string> = {
      a: '(a) exact srcip, 24 h, page of 100 + total',
      b: `(b) \`${cidrQuery}\`, 24 h, page + total`,
      c: '(c) full-text word `timeout` in syslog, 24 h, page + total',
      d: '(d) date histogram of (b)',
      e: '(e) top-10 dstport, 24 h',
    };
    const targets: Record<string, number> = { a: 100, b: 500, c: 500, d: 500, e: 500 };
    const rows: Array<Array<string | number>> = [];
    for (const key of Object.keys(labels)) {
      const indexed = await time(runs, storeQueries[key] as (r: number) => Promise<unknown>);
      const scanned = await time(baselineRuns, baselineQueries[key] as (r: number) => void);
      rows.push([labels[key] as string, indexed.p50, indexed.p95, `≤ ${targets[key]}`, indexed.p95 <= (targets[key] as number) ? 'yes' : 'NO', scanned.p50, scanned.p95, `${(scanned.p50 / indexed.p50).toFixed(0)}×`]);
    }
    baseline.close();
    await store.close();
    const ingestTable = markdownTable(
      ['ingest', 'records', 'records/s (wall clock)', 'records/s (per CPU second)', 'target', 'met (wall)', 'bytes on disk / record'],
      [
        ['traffic (VPC Flow)', trafficRecords, trafficRate.wall, trafficRate.cpu, '≥ 200,000', trafficRate.wall >= 200_000 ? 'yes' : 'NO', trafficBytes / trafficRecords],
        ['traffic, SQLite alone: the ceiling (same tables, indexes, statements and sealing; rows encoded untimed)', ingestRecords, ceilingRate, '', '', '', ''],
        ['syslog (WAF + container, with FTS5)', ingestRecords, syslogRate.wall, syslogRate.cpu, '≥ 50,000', syslogRate.wall >= 50_000 ? 'yes' : 'NO', syslogBytes / ingestRecords],
      ],
    );
    const searchTable = markdownTable(['query', 'p50 ms', 'p95 ms', 'target p95 ms', 'met', 'scan p50 ms', 'scan p95 ms', 'speed-up (p50)'], rows);
    return `${ingestTable}\n\n${searchTable}\n\nLoad average at the end: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores. ${runs} runs per indexed query, ${baselineRuns} per scan; timed: store.write per ${batchSize}-record batch (record generation not timed); search includes the bounded total (≤ 10,000). Traffic partitions at search time: ${partitionState.total}, of which ${partitionState.open} open (the newest hours, searched through their ts index).`;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
