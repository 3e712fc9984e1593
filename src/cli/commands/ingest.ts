// `cwc ingest --db FILE [--tenant NAME]`: NDJSON Interflow records on stdin into the store, idempotent on aws.event_id.
import { createInterface } from 'node:readline';
import { UsageError } from '../../core/errors.js';
import type { InterflowRecord } from '../../core/record.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { recordProblems } from '../../store/validate.js';
import { integerOption, stringOption, type Command } from '../command.js';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'Store NDJSON Interflow records from stdin (idempotent on aws.event_id)',
  usage: `Usage: cwc ingest --db FILE [--tenant NAME] < records.ndjson

Reads one Interflow record (JSON object) per line and stores it in the embedded store FILE (created if missing).
Writing the same events again stores nothing new. Bad lines are reported on stderr with their line number and
skipped; the good ones are still stored, and the exit code is then 1 so nothing goes unnoticed.

Options:
  --db FILE          the store file (SQLite)
  --tenant NAME      set tenant_name on every record
  --batch-size N     records per transaction (default 5000)
  -h, --help         this help`,
  options: {
    db: { type: 'string' },
    tenant: { type: 'string' },
    'batch-size': { type: 'string' },
  },
  async run(args, io) {
    const file = stringOption(args, 'db');
    if (!file) throw new UsageError('--db: required (the store file to write)');
    const tenant = stringOption(args, 'tenant');
    if (tenant !== undefined && (tenant === '' || tenant.length > 128 || /[\u0000-\u001f\u007f]/.test(tenant))) {
      throw new UsageError('--tenant: must be 1–128 printable characters');
    }
    const batchSize = integerOption(args, 'batch-size', { min: 1, max: 100_000 }) ?? 5000;
    const store = new SqliteStore(file);
    let lineNumber = 0;
    let rejected = 0;
    let stored = 0;
    let duplicates = 0;
    let pending: InterflowRecord[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const result = await store.write(pending);
      stored += result.stored;
      duplicates += result.duplicates;
      pending = [];
    };
    const reject = (message: string) => {
      rejected += 1;
      if (rejected <= 100) io.stderr.write(`line ${lineNumber}: ${message}\n`);
      else if (rejected === 101) io.stderr.write('… more bad lines; only the first 100 are listed\n');
    };
    try {
      for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
        lineNumber += 1;
        if (line.trim() === '') continue;
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch (error) {
          reject(`not JSON (${(error as Error).message})`);
          continue;
        }
        if (tenant !== undefined && typeof record === 'object' && record !== null && !Array.isArray(record)) {
          (record as Record<string, unknown>).tenant_name = tenant;
        }
        const problems = recordProblems(record, 'record');
        if (problems.length > 0) {
          reject(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
          continue;
        }
        pending.push(record as InterflowRecord);
        if (pending.length >= batchSize) await flush();
      }
      await flush();
    } finally {
      await store.close();
    }
    io.stdout.write(`ingest: ${lineNumber} lines, ${stored} stored, ${duplicates} duplicates skipped, ${rejected} rejected\n`);
    return rejected > 0 ? 1 : 0;
  },
};
