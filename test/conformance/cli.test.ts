// The real AWS CLI v2 drives the emulator through create/put/describe/get/filter, its pagination modes and errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/emulator.js';
import { DEFAULT_ACCOUNT_ID } from '../../src/emulator/iam/defaults.js';
import { AWS_CLI_V2, awsEnvironment, requireExecutable, runCliBatch, runProcess, type ProcessResult } from './support.js';

const REGION = 'eu-west-1';
const GROUP = '/cli/app';
/** 25,000 events of which two match: more than one page's scan budget, so the CLI sees empty pages with tokens. */
const SPARSE_GROUP = '/cli/sparse';
const SPARSE_EVENTS = 25_000;
/** Whole seconds, an hour back: inside PutLogEvents' 14-day/2-hour window, and equal timestamps are easy to make. */
const base = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

/** What each stream gets, put in this order (web-1, then web-2, then db-1), one PutLogEvents call each. */
const puts: Record<string, { timestamp: number; message: string }[]> = {
  'web-1': [
    { timestamp: base, message: 'GET /index 200' },
    { timestamp: base, message: 'GET /login 500 ERROR upstream' },
    { timestamp: base + 1000, message: 'GET /admin 403' },
  ],
  'web-2': [
    { timestamp: base, message: 'POST /api 201' },
    { timestamp: base + 500, message: 'POST /api 500 ERROR timeout' },
    { timestamp: base + 2000, message: 'GET /health 200' },
  ],
  'db-1': [
    { timestamp: base + 500, message: 'checkpoint complete' },
    { timestamp: base + 1000, message: 'ERROR deadlock detected' },
    { timestamp: base + 2000, message: 'vacuum done' },
  ],
};

/**
 * AWS's documented order for FilterLogEvents: timestamp, then ingestion time, then the PutLogEvents request. The puts
 * run one after another, so a stable sort of the put order by timestamp is exactly that order.
 */
const putOrder = Object.entries(puts).flatMap(([stream, events]) => events.map((event) => ({ logStreamName: stream, ...event })));
const awsOrder = [...putOrder].sort((a, b) => a.timestamp - b.timestamp);

interface FilteredEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

const view = (events: FilteredEvent[]) => events.map((e) => ({ logStreamName: e.logStreamName, timestamp: e.timestamp, message: e.message }));

type Json = Record<string, unknown>;
const parse = (result: ProcessResult | undefined): Json => {
  if (result === undefined || result.exitCode !== 0) throw new Error(`the CLI failed: ${JSON.stringify(result)}`);
  return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Json);
};
const names = (list: unknown, key: string): string[] => (list as Json[]).map((item) => item[key] as string);
const serviceError = (operation: string, code: string, message: string): ProcessResult => ({
  exitCode: 254,
  stdout: '',
  stderr: `\nAn error occurred (${code}) when calling the ${operation} operation: ${message}\n`,
});

/** The reads, all issued in one batch once the data is in; the tests below pick their results by name. */
const reads = {
  groupsMerged: ['logs', 'describe-log-groups', '--page-size', '1'],
  groupsFirstTwo: ['logs', 'describe-log-groups', '--page-size', '1', '--max-items', '2'],
  groupsOnePage: ['logs', 'describe-log-groups', '--no-paginate', '--limit', '1'],
  streamsByName: ['logs', 'describe-log-streams', '--log-group-name', GROUP],
  streamsByTime: ['logs', 'describe-log-streams', '--log-group-name', GROUP, '--order-by', 'LastEventTime', '--descending', '--page-size', '1'],
  streamsBadOrder: ['logs', 'describe-log-streams', '--log-group-name', GROUP, '--order-by', 'LastEventTime', '--log-stream-name-prefix', 'web'],
  filterMerged: ['logs', 'filter-log-events', '--log-group-name', GROUP, '--page-size', '2'],
  filterFirstFour: ['logs', 'filter-log-events', '--log-group-name', GROUP, '--page-size', '3', '--max-items', '4'],
  filterOnePage: ['logs', 'filter-log-events', '--log-group-name', GROUP, '--no-paginate', '--limit', '2'],
  filterSelected: ['logs', 'filter-log-events', '--log-group-name', GROUP, '--log-stream-names', 'db-1', 'web-2', '--start-time', String(base + 500), '--end-time', String(base + 1000)],
  filterPattern: ['logs', 'filter-log-events', '--log-group-name', GROUP, '--log-stream-name-prefix', 'web-', '--filter-pattern', 'ERROR'],
  getHead: ['logs', 'get-log-events', '--log-group-name', GROUP, '--log-stream-name', 'web-1', '--start-from-head', '--limit', '2'],
  getTail: ['logs', 'get-log-events', '--log-group-name', GROUP, '--log-stream-name', 'web-1', '--limit', '2'],
  getBounded: ['logs', 'get-log-events', '--log-group-name', GROUP, '--log-stream-name', 'web-1', '--start-time', String(base), '--end-time', String(base + 1000)],
  missingGroup: ['logs', 'filter-log-events', '--log-group-name', '/cli/missing'],
  missingStream: ['logs', 'get-log-events', '--log-group-name', GROUP, '--log-stream-name', 'missing'],
  exclusive: ['logs', 'filter-log-events', '--log-group-name', GROUP, '--log-stream-names', 'web-1', '--log-stream-name-prefix', 'web'],
  limitTooLarge: ['logs', 'describe-log-groups', '--limit', '51'],
  limitBelowMin: ['logs', 'get-log-events', '--log-group-name', GROUP, '--log-stream-name', 'web-1', '--limit', '0'],
  sparse: ['logs', 'filter-log-events', '--log-group-name', SPARSE_GROUP, '--filter-pattern', 'NEEDLE'],
  sparseFirstPage: ['logs', 'filter-log-events', '--log-group-name', SPARSE_GROUP, '--filter-pattern', 'NEEDLE', '--start-time', String(base + 4), '--no-paginate'],
} as const;
type ReadName = keyof typeof reads;

describe('AWS CLI v2 against the emulator', () => {
  let emulator: RunningEmulator;
  let setup: ProcessResult[];
  let read: Record<ReadName, ProcessResult>;
  const env = awsEnvironment(REGION);
  const cli = (commands: readonly (readonly string[])[]) =>
    runCliBatch(commands.map((args) => ['--endpoint-url', emulator.url, '--region', REGION, '--output', 'json', ...args]), env);

  beforeAll(async () => {
    requireExecutable(AWS_CLI_V2, 'install the AWS CLI v2 (Debian package awscli, 2.9.19); the conformance proof needs the real CLI');
    // AWS's default quotas stay on: a person using the CLI never gets near them, and the proof should include them.
    emulator = await startEmulator({ port: 0, quotas: 'aws' });
    // One batch, in order: the puts run one after another, so ingestion order is the put order.
    setup = await cli([
      ['logs', 'create-log-group', '--log-group-name', GROUP],
      ['logs', 'create-log-group', '--log-group-name', GROUP],
      ['logs', 'create-log-group', '--log-group-name', '/cli/B-upper'],
      ['logs', 'create-log-group', '--log-group-name', '/cli/app-2'],
      ...Object.keys(puts).map((stream) => ['logs', 'create-log-stream', '--log-group-name', GROUP, '--log-stream-name', stream]),
      ...Object.entries(puts).map(([stream, events]) => ['logs', 'put-log-events', '--log-group-name', GROUP, '--log-stream-name', stream, '--log-events', JSON.stringify(events)]),
      ['logs', 'create-log-stream', '--log-group-name', '/cli/app-2', '--log-stream-name', 'late'],
      // An event more than 2 h ahead: the rest is stored and its index comes back (another group keeps the data above exact).
      ['logs', 'put-log-events', '--log-group-name', '/cli/app-2', '--log-stream-name', 'late', '--log-events',
        JSON.stringify([{ timestamp: base, message: 'kept' }, { timestamp: Date.now() + 3 * 3_600_000, message: 'too new' }])],
    ]);
    // Seeded through the data plane directly (25,000 events do not fit a command line); the CLI only reads them.
    const scope = { accountId: DEFAULT_ACCOUNT_ID, region: REGION };
    emulator.logs.handle(scope, 'CreateLogGroup', { logGroupName: SPARSE_GROUP });
    emulator.logs.handle(scope, 'CreateLogStream', { logGroupName: SPARSE_GROUP, logStreamName: 'hay' });
    for (let start = 0; start < SPARSE_EVENTS; start += 10_000) {
      const logEvents = Array.from({ length: Math.min(10_000, SPARSE_EVENTS - start) }, (_, offset) => {
        const index = start + offset;
        return { timestamp: base + index, message: index === 3 || index === SPARSE_EVENTS - 1 ? `NEEDLE ${index}` : `hay ${index}` };
      });
      emulator.logs.handle(scope, 'PutLogEvents', { logGroupName: SPARSE_GROUP, logStreamName: 'hay', logEvents });
    }
    const names = Object.keys(reads) as ReadName[];
    const results = await cli(names.map((name) => reads[name]));
    read = Object.fromEntries(names.map((name, index) => [name, results[index] as ProcessResult])) as Record<ReadName, ProcessResult>;
  });
  afterAll(async () => emulator?.stop());

  it('creates groups and streams and puts events, with AWS’s outputs and errors', () => {
    expect(setup[0]).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(setup[1]).toEqual(serviceError('CreateLogGroup', 'ResourceAlreadyExistsException', 'The specified log group already exists'));
    expect(setup.slice(2, 7).map((r) => [r.exitCode, r.stdout])).toEqual(Array.from({ length: 5 }, () => [0, '']));
    for (const put of setup.slice(7, 10).map(parse)) {
      expect(Object.keys(put)).toEqual(['nextSequenceToken']);
      expect(put.nextSequenceToken).toMatch(/^\d{56}$/);
    }
    expect(setup[10]?.exitCode).toBe(0);
    expect(parse(setup[11]).rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
  });

  it('describes groups in ASCII order, merged across pages, with --max-items/--starting-token and --no-paginate', async () => {
    const order = ['/cli/B-upper', '/cli/app', '/cli/app-2', SPARSE_GROUP];
    const merged = parse(read.groupsMerged);
    expect(names(merged.logGroups, 'logGroupName')).toEqual(order);
    expect(merged).not.toHaveProperty('NextToken');
    expect(merged).not.toHaveProperty('nextToken');
    // The CLI prints only what its (2.9.19) model knows: logGroupClass and logGroupArn came later, so they are dropped.
    expect((merged.logGroups as Json[])[1]).toEqual({
      logGroupName: GROUP,
      creationTime: expect.any(Number),
      metricFilterCount: 0,
      arn: `arn:aws:logs:${REGION}:${DEFAULT_ACCOUNT_ID}:log-group:${GROUP}:*`,
      storedBytes: expect.any(Number),
    });

    const firstTwo = parse(read.groupsFirstTwo);
    expect(names(firstTwo.logGroups, 'logGroupName')).toEqual(order.slice(0, 2));
    // The CLI's own token wraps the service token: base64 of {"nextToken": …} (cut at a page boundary, nothing to drop).
    expect(JSON.parse(Buffer.from(firstTwo.NextToken as string, 'base64').toString('utf8'))).toEqual({ nextToken: expect.any(String) });
    const onePage = parse(read.groupsOnePage);
    expect(names(onePage.logGroups, 'logGroupName')).toEqual(order.slice(0, 1));
    expect(onePage.nextToken).toEqual(expect.any(String));

    const [rest] = await cli([['logs', 'describe-log-groups', '--page-size', '1', '--starting-token', firstTwo.NextToken as string]]);
    expect(names(parse(rest).logGroups, 'logGroupName')).toEqual(order.slice(2));
    expect(parse(rest)).not.toHaveProperty('NextToken');
  });

  it('describes streams by name and by last event time', () => {
    const streams = parse(read.streamsByName).logStreams as Json[];
    expect(names(streams, 'logStreamName')).toEqual(['db-1', 'web-1', 'web-2']);
    expect(streams[1]).toEqual({
      logStreamName: 'web-1',
      creationTime: expect.any(Number),
      firstEventTimestamp: base,
      lastEventTimestamp: base + 1000,
      lastIngestionTime: expect.any(Number),
      uploadSequenceToken: expect.stringMatching(/^\d+$/),
      arn: `arn:aws:logs:${REGION}:${DEFAULT_ACCOUNT_ID}:log-group:${GROUP}:log-stream:web-1`,
      storedBytes: 0,
    });
    // db-1 and web-2 both end at base+2000; web-1 ends at base+1000, so it comes last when descending.
    const byTime = names(parse(read.streamsByTime).logStreams, 'logStreamName');
    expect(byTime.length).toBe(3);
    expect(byTime.at(-1)).toBe('web-1');
    expect(read.streamsBadOrder).toEqual(serviceError('DescribeLogStreams', 'InvalidParameterException', 'Cannot order by LastEventTime with a logStreamNamePrefix.'));
  });

  it('filters across streams in AWS order: merged pages, --max-items/--starting-token, --no-paginate, time and stream selection', async () => {
    const merged = parse(read.filterMerged);
    const all = merged.events as FilteredEvent[];
    expect(view(all)).toEqual(awsOrder);
    expect(merged.searchedLogStreams).toEqual([]);
    expect(merged).not.toHaveProperty('NextToken');
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
    for (const event of all) {
      expect(Object.keys(event).sort()).toEqual(['eventId', 'ingestionTime', 'logStreamName', 'message', 'timestamp']);
      expect(event.eventId).toMatch(/^\d{56}$/);
    }

    // --max-items 4 with pages of 3: the CLI cuts the second page after one event. Its token holds the service token
    // that fetches that second page again plus how many of its events were already printed, so the service's tokens
    // must be replayable.
    const firstFour = parse(read.filterFirstFour);
    expect(firstFour.events).toEqual(all.slice(0, 4));
    const cliToken = firstFour.NextToken as string;
    expect(JSON.parse(Buffer.from(cliToken, 'base64').toString('utf8'))).toEqual({ nextToken: expect.any(String), boto_truncate_amount: 1 });
    const [rest] = await cli([['logs', 'filter-log-events', '--log-group-name', GROUP, '--page-size', '3', '--starting-token', cliToken]]);
    expect([...(firstFour.events as FilteredEvent[]), ...(parse(rest).events as FilteredEvent[])]).toEqual(all);

    const onePage = parse(read.filterOnePage);
    expect(onePage.events).toEqual(all.slice(0, 2));
    expect(onePage.nextToken).toEqual(expect.any(String));

    // startTime and endTime are both inclusive for FilterLogEvents.
    expect(view(parse(read.filterSelected).events as FilteredEvent[])).toEqual(
      awsOrder.filter((e) => ['db-1', 'web-2'].includes(e.logStreamName) && e.timestamp >= base + 500 && e.timestamp <= base + 1000),
    );
    expect(view(parse(read.filterPattern).events as FilteredEvent[])).toEqual(awsOrder.filter((e) => e.logStreamName.startsWith('web-') && e.message.includes('ERROR')));
  });

  it('merges sparse matches across pages the scan budget leaves empty, without the CLI’s same-token abort', () => {
    // The CLI aborts with "The same next token was received twice" if a service repeats a token; AWS never does.
    const sparse = parse(read.sparse);
    expect((sparse.events as FilteredEvent[]).map((e) => e.message)).toEqual(['NEEDLE 3', `NEEDLE ${SPARSE_EVENTS - 1}`]);
    expect(sparse).not.toHaveProperty('NextToken');
    // Past the first needle, the first page examines its budget without a match: empty, but it carries a token.
    const first = parse(read.sparseFirstPage);
    expect(first.events).toEqual([]);
    expect(first.nextToken).toEqual(expect.any(String));
  });

  it('gets one stream’s events from the head or the tail, and returns the same token at the end', async () => {
    const messages = (page: Json) => (page.events as { message: string }[]).map((e) => e.message);
    const stream = (puts['web-1'] ?? []).map((e) => e.message);
    const head = parse(read.getHead);
    expect(messages(head)).toEqual(stream.slice(0, 2));
    expect(Object.keys((head.events as object[])[0] ?? {}).sort()).toEqual(['ingestionTime', 'message', 'timestamp']);
    expect(head.nextForwardToken).toMatch(/^f\//);
    expect(head.nextBackwardToken).toMatch(/^b\//);
    expect(messages(parse(read.getTail))).toEqual(stream.slice(1)); // the newest two, still oldest first within the page
    expect(messages(parse(read.getBounded))).toEqual(stream.slice(0, 2)); // GetLogEvents endTime is exclusive

    const follow = (token: string) => ['logs', 'get-log-events', '--log-group-name', GROUP, '--log-stream-name', 'web-1', '--start-from-head', '--next-token', token];
    const [nextResult] = await cli([follow(head.nextForwardToken as string)]);
    const next = parse(nextResult);
    expect(messages(next)).toEqual(stream.slice(2));
    const [endResult] = await cli([follow(next.nextForwardToken as string)]);
    const end = parse(endResult);
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(next.nextForwardToken);
  });

  it('fails as AWS does: exit 254 with the service’s code and message, 252 for client-side validation', () => {
    expect(read.missingGroup).toEqual(serviceError('FilterLogEvents', 'ResourceNotFoundException', 'The specified log group does not exist.'));
    expect(read.missingStream).toEqual(serviceError('GetLogEvents', 'ResourceNotFoundException', 'The specified log stream does not exist.'));
    expect(read.exclusive.exitCode).toBe(254);
    expect(read.exclusive.stderr).toMatch(/^\nAn error occurred \(InvalidParameterException\) when calling the FilterLogEvents operation: .*logStreamNamePrefix/);
    expect(read.limitTooLarge).toEqual(
      serviceError('DescribeLogGroups', 'InvalidParameterException', "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50"),
    );
    expect(read.limitBelowMin.exitCode).toBe(252);
    expect(read.limitBelowMin.stderr).toContain('Invalid value for parameter limit, value: 0, valid min value: 1');
  });

  it('exits with the same codes as a separate /usr/bin/aws process: 254 for a service error, 255 when unreachable', async () => {
    const [missing, unreachable] = await Promise.all([
      runProcess(AWS_CLI_V2, ['--endpoint-url', emulator.url, '--region', REGION, 'logs', 'filter-log-events', '--log-group-name', '/cli/missing'], env),
      runProcess(AWS_CLI_V2, ['--endpoint-url', 'http://127.0.0.1:1', '--region', REGION, 'logs', 'describe-log-groups'], awsEnvironment(REGION, { AWS_MAX_ATTEMPTS: '1' })),
    ]);
    expect(missing).toEqual(read.missingGroup);
    expect(unreachable.exitCode).toBe(255);
    expect(unreachable.stderr.trim()).toBe('Could not connect to the endpoint URL: "http://127.0.0.1:1/"');
  });
});
