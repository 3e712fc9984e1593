// `cwc ingest` and `cwc search` end to end on a temporary store: idempotence, bad lines, formats, escaping, exit codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CwcError } from '../../core/errors.js';
import { syslogRecord, trafficRecord } from '../../store/contract/records.js';
import { parseCommandArgs, type Command } from '../command.js';
import { ingestCommand } from './ingest.js';
import { searchCommand } from './search.js';

const directory = mkdtempSync(path.join(tmpdir(), 'cwc-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** Runs a command as `cwc` would (main.ts maps 400 errors to exit 2), capturing stdout and stderr. */
async function cwc(command: Command, argv: string[], stdinText = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  let code: number;
  try {
    const args = parseCommandArgs(command, argv);
    code = args === 'help' ? 0 : await command.run(args, { stdin, stdout, stderr });
  } catch (error) {
    if (!(error instanceof CwcError)) throw error;
    err += error.message;
    code = error.status === 400 ? 2 : 1;
  }
  return { code, stdout: out, stderr: err };
}

const t0 = Date.UTC(2026, 0, 10, 12);
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

describe('cwc ingest and cwc search', () => {
  const db = path.join(directory, 'cli.db');

  it('ingests NDJSON idempotently, reporting bad lines by number and keeping the good ones', async () => {
    const records = [trafficRecord(1, t0), trafficRecord(2, t0 + 1000), syslogRecord(3, t0 + 2000)];
    const input = `${lines(records.slice(0, 2))}\n{not json\n{"timestamp":"x"}\n\n${lines(records.slice(2))}\n`;
    const first = await cwc(ingestCommand, ['--db', db, '--tenant', 'acme'], input);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/^line 3: not JSON/m);
    expect(first.stderr).toMatch(/^line 4: record\.timestamp: must be an integer/m);
    expect(first.stdout).toBe('ingest: 6 lines, 3 stored, 0 duplicates skipped, 2 rejected\n');
    const again = await cwc(ingestCommand, ['--db', db, '--tenant', 'acme'], lines(records));
    expect(again).toMatchObject({ code: 0, stdout: 'ingest: 3 lines, 0 stored, 3 duplicates skipped, 0 rejected\n' });
  });

  it('prints NDJSON records, counts, and a readable table', async () => {
    const ndjson = await cwc(searchCommand, ['--db', db, '--format', 'ndjson', '--index', 'traffic', 'dstport:>=0']);
    expect(ndjson.code).toBe(0);
    const hits = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l) as { aws: { event_id: string }; tenant_name: string });
    expect(hits.map((h) => h.aws.event_id)).toEqual([trafficRecord(2, 0).aws.event_id, trafficRecord(1, 0).aws.event_id]);
    expect(hits.every((h) => h.tenant_name === 'acme')).toBe(true);
    expect(await cwc(searchCommand, ['--db', db, '--count', 'srcip:10.0.0.0/24'])).toMatchObject({ code: 0, stdout: '2\n' });
    expect(await cwc(searchCommand, ['--db', db, '--count', '--tenant', 'globex'])).toMatchObject({ code: 0, stdout: '0\n' });
    expect(await cwc(searchCommand, ['--db', db, '--count', '--from', '2026-01-10T12:00:01Z', '--to', String(t0 + 2000)])).toMatchObject({ stdout: '1\n' });
    const table = await cwc(searchCommand, ['--db', db, '--limit', '2']);
    const rows = table.stdout.split('\n');
    expect(rows[0]).toMatch(/^time\s+msg_class\s+srcip → dstip\s+action\s+message$/);
    expect(rows[2]).toMatch(/^2026-01-10T12:00:02\.000Z\s+aws_cloudwatch_log\s/);
    expect(rows[3]).toMatch(/10\.0\.0\.2:\d+ → 172\.16\.14\.26:22\s+ACCEPT\s+2 123456789010/);
    expect(table.stdout).toMatch(/2 of 3 hits; next page: --after \S+\n$/);
  });

  it('escapes control characters and ANSI sequences from log text in the table', async () => {
    const hostile = { ...syslogRecord(9, t0 + 5000), message: 'ok\u001b[2J\u001b]0;pwned\u0007 line\nnext \u202etxt.exe\r' };
    await cwc(ingestCommand, ['--db', db], lines([hostile]));
    const table = await cwc(searchCommand, ['--db', db, '--limit', '1']);
    expect(table.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
    expect(table.stdout).toContain('ok\\x1b[2J\\x1b]0;pwned\\x07 line\\nnext \\u202etxt.exe\\r');
    const ndjson = await cwc(searchCommand, ['--db', db, '--limit', '1', '--format', 'ndjson']);
    expect((JSON.parse(ndjson.stdout) as { message: string }).message).toBe(hostile.message);
  });

  it('exits 2 with a one-line reason for bad queries and options', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--db', db, 'srcip:10.0.0.0/40'], /CIDR/],
      [['--db', db, 'scrip:1.2.3.4'], /did you mean 'srcip'/],
      [['--db', db, '(action:ACCEPT'], /column 1/],
      [['--db', db, '--from', '2026-01-11', '--to', '2026-01-10'], /--from .* after --to/],
      [['--db', db, '--limit', '99999999'], /--limit/],
      [['--db', db, '--index', 'audit'], /--index/],
      [['--db', db, '--from', 'yesterday'], /--from: 'yesterday' is not a time/],
      [['--db', path.join(directory, 'missing.db'), '*'], /no store/],
      [['*'], /--db: required/],
    ];
    for (const [argv, pattern] of cases) {
      const result = await cwc(searchCommand, argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(pattern);
    }
    expect((await cwc(ingestCommand, [])).code).toBe(2);
  });
});
