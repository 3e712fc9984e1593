// FilterLogEvents throughput of the Logs emulator over HTTP (SDK v3, one client) with millions of stored events.
import type { Server } from 'node:http';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AwsError } from '../src/emulator/errors.js';
import { createLogsService } from '../src/emulator/logs/index.js';
import { createEmulatorServer, listen } from '../src/emulator/server.js';
import type { Authenticator, Authorizer, Principal, StsService } from '../src/emulator/types.js';
import { markdownTable } from './table.js';

export const title = 'FilterLogEvents events/s to one SDK v3 client over HTTP (quotas off), and memory per stored event; target ≥ 20,000 events/s';

const TARGET_EVENTS_PER_SECOND = 20_000;
const STORED_EVENTS = Number(process.env.BENCH_EMULATOR_EVENTS ?? 2_000_000);
const STREAMS = 50;
/** VPC-flow-sized messages (~120 bytes) keep a put under 1 MB at 7,000 events. */
const EVENTS_PER_PUT = 7_000;
const PAGES_TO_READ = 60;
const SCOPE = { accountId: '123456789012', region: 'us-east-1' };

const trustAll: Authenticator & Authorizer = {
  authenticate() {
    const principal: Principal = { accountId: SCOPE.accountId, arn: `arn:aws:iam::${SCOPE.accountId}:user/bench`, userId: 'AIDABENCH', kind: 'user', policies: [], accessKeyId: 'AKIABENCH' };
    return { principal, region: SCOPE.region };
  },
  authorizeLogs() {},
};
const noSts: StsService = {
  handle() {
    throw new AwsError('InvalidAction', 'STS is not part of this benchmark');
  },
};

function flowMessage(index: number, startSeconds: number): string {
  const a = index & 255;
  const b = (index >>> 8) & 255;
  return `2 123456789012 eni-0a1b2c3d4e5f6${(index % 100_000).toString().padStart(5, '0')} 10.0.${b}.${a} 172.31.${a}.${b} ${1024 + (index % 60_000)} 443 6 ${1 + (index % 40)} ${840 + (index % 9000)} ${startSeconds} ${startSeconds + 60} ${index % 7 === 0 ? 'REJECT' : 'ACCEPT'} OK`;
}

function megabytes(bytes: number): number {
  return bytes / 2 ** 20;
}

export async function run(): Promise<string> {
  const logs = createLogsService({ maxStoredEvents: Math.max(5_000_000, STORED_EVENTS) });
  logs.handle(SCOPE, 'CreateLogGroup', { logGroupName: 'bench-vpc-flow' });
  for (let stream = 0; stream < STREAMS; stream++) logs.handle(SCOPE, 'CreateLogStream', { logGroupName: 'bench-vpc-flow', logStreamName: `eni-${stream}` });

  const before = process.memoryUsage();
  const loadStart = performance.now();
  // Timestamps one per millisecond per stream, ending an hour ago: well within the 14-day window and a 24 h put span.
  const eventsPerStream = Math.ceil(STORED_EVENTS / STREAMS);
  const firstTimestamp = Date.now() - 3_600_000 - eventsPerStream;
  let loaded = 0;
  for (let offset = 0; offset < eventsPerStream; offset += EVENTS_PER_PUT) {
    for (let stream = 0; stream < STREAMS && loaded < STORED_EVENTS; stream++) {
      const count = Math.min(EVENTS_PER_PUT, eventsPerStream - offset, STORED_EVENTS - loaded);
      const logEvents = Array.from({ length: count }, (_, i) => {
        const timestamp = firstTimestamp + offset + i;
        return { timestamp, message: flowMessage(loaded + i, Math.floor(timestamp / 1000)) };
      });
      logs.handle(SCOPE, 'PutLogEvents', { logGroupName: 'bench-vpc-flow', logStreamName: `eni-${stream}`, logEvents });
      loaded += count;
    }
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const after = process.memoryUsage();
  const heapBytesPerEvent = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / logs.eventCount();

  const server: Server = createEmulatorServer({ logs, sts: noSts, authenticator: trustAll, authorizer: trustAll });
  const endpoint = await listen(server, '127.0.0.1', 0);
  const client = new CloudWatchLogsClient({ region: SCOPE.region, endpoint, credentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' } });
  let events = 0;
  let pages = 0;
  let token: string | undefined;
  // Start in the middle of the data, so every page merges all 50 streams over a large range.
  const startTime = firstTimestamp + Math.floor(eventsPerStream / 2);
  const readStart = performance.now();
  try {
    do {
      const page = await client.send(new FilterLogEventsCommand({ logGroupName: 'bench-vpc-flow', startTime, nextToken: token }));
      events += page.events?.length ?? 0;
      pages++;
      token = page.nextToken;
    } while (token !== undefined && pages < PAGES_TO_READ);
  } finally {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const readSeconds = (performance.now() - readStart) / 1000;
  const eventsPerSecond = events / readSeconds;

  return markdownTable(
    ['measure', 'value', 'target / baseline', 'ratio'],
    [
      ['stored events (50 streams, one group)', logs.eventCount(), '', ''],
      ['load via handle(PutLogEvents), events/s', loaded / loadSeconds, '', ''],
      ['heap + array buffers after load, MiB', megabytes(after.heapUsed + after.arrayBuffers), '', ''],
      ['RSS after load, MiB', megabytes(after.rss), '', ''],
      ['bytes per stored event (~120-byte messages)', heapBytesPerEvent, '', ''],
      ['FilterLogEvents pages read (SDK v3, HTTP)', pages, '', ''],
      ['events per page', events / pages, '≤ 10,000 and ≤ 1 MB', ''],
      ['FilterLogEvents pages/s', pages / readSeconds, '', ''],
      ['FilterLogEvents events/s', eventsPerSecond, TARGET_EVENTS_PER_SECOND, `${(eventsPerSecond / TARGET_EVENTS_PER_SECOND).toFixed(1)}×`],
    ],
  );
}
