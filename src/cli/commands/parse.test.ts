// `cwc parse` end to end through main(): one record per line, the clock only where the message has no time, exit codes.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';

const samplesUrl = new URL('../../../../shared/samples/', import.meta.url);
const sampleLines = (path: string) => readFileSync(new URL(path, samplesUrl), 'utf8').split('\n').filter((line) => line.trim() !== '');

async function runParse(args: string[], input: string | Buffer): Promise<{ code: number; records: Array<Record<string, unknown>>; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  stderr.on('data', (chunk: Buffer) => errors.push(chunk));
  stdin.end(input);
  const code = await main(['parse', ...args], { stdin, stdout, stderr });
  const text = Buffer.concat(chunks).toString('utf8');
  const records = text === '' || args.includes('--help') ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  return { code, records, stdout: text, stderr: Buffer.concat(errors).toString('utf8') };
}

describe('cwc parse', () => {
  it('writes one record per raw line, dated by the message when its family states a time', async () => {
    const waf = sampleLines('waf/awsdocs/all-examples.minified.ndjson')[0]!;
    const vpc = sampleLines('vpcflow/awsdocs/default-v2-examples.log')[0]!;
    const audit = sampleLines('eks/panther-eks-audit-anonymous-webscanner.ndjson')[0]!;
    const before = Date.now();
    const { code, records } = await runParse(['--tenant', 'acme'], [waf, vpc, audit, '', 'plain text'].join('\n'));
    const after = Date.now();
    expect(code).toBe(0);
    expect(records.map((record) => record.log_family)).toEqual(['waf', 'vpcflow', 'container', 'generic', 'generic']);
    expect(records.map((record) => record.message)).toEqual([waf, vpc, audit, '', 'plain text']);
    expect(records.every((record) => record.tenant_name === 'acme')).toBe(true);
    expect(records[0]!.timestamp).toBe((JSON.parse(waf) as { timestamp: number }).timestamp);
    expect(records[1]!.timestamp).toBe(Number(vpc.split(' ')[10]) * 1000);
    expect(records[2]!.timestamp).toBe(Date.UTC(2024, 10, 13, 18, 34, 10, 595));
    expect(records[4]!.timestamp).toBeGreaterThanOrEqual(before);
    expect(records[4]!.timestamp).toBeLessThanOrEqual(after);
  });

  it('routes by --log-group and --vpc-flow as a connector would', async () => {
    const { records } = await runParse(['--log-group', 'aws-waf-logs-prod'], 'not json');
    expect(records[0]).toMatchObject({ log_family: 'waf', msg_class: 'aws_cloudwatch_waf', aws: { log_group: 'aws-waf-logs-prod' } });
    expect(records[0]!.parse_error).toBeTruthy();
    const flow = await runParse(['--vpc-flow'], 'hello world');
    expect(flow.records[0]).toMatchObject({ log_family: 'vpcflow', index: 'traffic', message: 'hello world' });
    expect(flow.records[0]!.parse_error).toBeTruthy();
  });

  it('uses --vpc-flow-format, and rejects a bad one with exit 2 naming the flag', async () => {
    const format = '${srcaddr} ${dstaddr} ${action}';
    const { code, records } = await runParse(['--vpc-flow-format', format], '10.0.0.1 10.0.0.2 REJECT');
    expect(code).toBe(0);
    expect(records[0]).toMatchObject({ log_family: 'vpcflow', srcip: '10.0.0.1', dstip: '10.0.0.2', action: 'REJECT' });
    const bad = await runParse(['--vpc-flow-format', '${srcaddr} dstaddr'], 'x');
    expect(bad.code).toBe(2);
    expect(bad.records).toEqual([]);
    expect(bad.stderr).toMatch(/^cwc parse: --vpc-flow-format: .*dstaddr.*\n$/);
  });

  it('reads --events NDJSON and keeps every bad line as a record with parse_error', async () => {
    const good = { timestamp: 1_700_000_000_000, message: 'hello', logStreamName: 's', eventId: 'e1', ingestionTime: 1_700_000_001_000 };
    const lines = [JSON.stringify(good), '{"timestamp":1,', '{"timestamp":"x","message":"m"}', '{"timestamp":1,"message":"m","eventId":5}', '[]'];
    const { code, records } = await runParse(['--events', '--log-group', 'app'], lines.join('\n'));
    expect(code).toBe(0);
    expect(records).toHaveLength(5);
    expect(records[0]).toMatchObject({ timestamp: good.timestamp, ingest_time: good.ingestionTime, message: 'hello', aws: { log_group: 'app', log_stream: 's', event_id: 'e1' } });
    expect(records[0]!.parse_error).toBeUndefined();
    expect(records.slice(1).map((record) => record.message)).toEqual(lines.slice(1));
    expect(records.slice(1).map((record) => record.parse_error)).toEqual([
      expect.stringMatching(/^--events line 2: not JSON/),
      '--events line 3: timestamp must be an integer (ms since epoch)',
      '--events line 4: eventId must be a string',
      '--events line 5: not a JSON object',
    ]);
  });

  it('keeps lines with bytes that are not UTF-8 or are control characters (invalid bytes become U+FFFD)', async () => {
    const input = Buffer.concat([Buffer.from('a\u0000b\u001b[31m\n'), Buffer.from([0x68, 0xff, 0xfe, 0x0a]), Buffer.from('last\r\n')]);
    const { records } = await runParse([], input);
    expect(records.map((record) => record.message)).toEqual(['a\u0000b\u001b[31m', 'h\ufffd\ufffd', 'last']);
  });

  it('prints its usage for --help and rejects unknown options with exit 2', async () => {
    const help = await runParse(['--help'], '');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--vpc-flow-format FMT');
    const unknown = await runParse(['--bogus'], '');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('bogus');
  });

  it('streams a real process: a 1.5 MB line and 20,000 small lines, none lost', async () => {
    const big = `{"log":"${'x'.repeat(1_500_000)}","ecs_cluster":"c"}`;
    const input = [big, ...Array.from({ length: 20_000 }, (_, index) => `line ${index}`)].join('\n') + '\n';
    const mainUrl = new URL('../main.ts', import.meta.url);
    const script = `import { main } from ${JSON.stringify(fileURLToPath(mainUrl))}; process.exitCode = await main(['parse']);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdin.end(input);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const output = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
    expect(output).toHaveLength(20_001);
    expect((JSON.parse(output[0]!) as { message: string }).message).toBe(big);
    expect((JSON.parse(output[20_000]!) as { message: string }).message).toBe('line 19999');
  });
});
