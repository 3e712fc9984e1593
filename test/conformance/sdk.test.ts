// SDK v3 paginators against the full emulator (SigV4 included) at AWS's limits: many streams, ties, 10,000-event and 1 MB pages.
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
  paginateDescribeLogStreams,
  paginateFilterLogEvents,
  paginateGetLogEvents,
  type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/emulator.js';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../../src/emulator/iam/defaults.js';

const REGION = 'us-west-2';
const base = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
/** AWS's page cap: 1 MB counted as message bytes plus 26 bytes per event, like the PutLogEvents batch size. */
const PAGE_BYTES = 1_048_576;
const EVENT_OVERHEAD_BYTES = 26;

const pageBytes = (events: { message?: string }[]) => events.reduce((sum, e) => sum + Buffer.byteLength(e.message ?? '') + EVENT_OVERHEAD_BYTES, 0);

describe('SDK v3 paginators at AWS’s limits', () => {
  let emulator: RunningEmulator;
  let client: CloudWatchLogsClient;
  const streamNames = Array.from({ length: 120 }, (_, i) => `node-${String(i).padStart(3, '0')}`);
  const bulkMessages = Array.from({ length: 25_000 }, (_, i) => `bulk event ${i} ${'x'.repeat(i % 50)}`);
  const bigMessages = Array.from({ length: 25 }, (_, i) => `${String(i).padStart(4, '0')}${'b'.repeat(100_000 - 4)}`);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    client = new CloudWatchLogsClient({ region: REGION, endpoint: emulator.url, credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY }, maxAttempts: 1 });
    for (const group of ['/sdk/many', '/sdk/bulk', '/sdk/big']) await client.send(new CreateLogGroupCommand({ logGroupName: group }));
    // 120 streams, one event each, all at the same timestamp, put in reverse name order.
    for (const stream of streamNames) await client.send(new CreateLogStreamCommand({ logGroupName: '/sdk/many', logStreamName: stream }));
    for (const stream of [...streamNames].reverse()) {
      await client.send(new PutLogEventsCommand({ logGroupName: '/sdk/many', logStreamName: stream, logEvents: [{ timestamp: base, message: `from ${stream}` }] }));
    }
    // 25,000 events in one stream, a hundred per timestamp, in three batches of at most 10,000.
    await client.send(new CreateLogStreamCommand({ logGroupName: '/sdk/bulk', logStreamName: 'all' }));
    for (let start = 0; start < bulkMessages.length; start += 10_000) {
      const logEvents = bulkMessages.slice(start, start + 10_000).map((message, offset) => ({ timestamp: base + Math.floor((start + offset) / 100), message }));
      const put = await client.send(new PutLogEventsCommand({ logGroupName: '/sdk/bulk', logStreamName: 'all', logEvents }));
      expect(put.rejectedLogEventsInfo).toBeUndefined();
    }
    // 25 events of 100,000 bytes: ten fit in 1 MB with their overhead, eleven do not.
    await client.send(new CreateLogStreamCommand({ logGroupName: '/sdk/big', logStreamName: 'big' }));
    for (let start = 0; start < bigMessages.length; start += 10) {
      const logEvents = bigMessages.slice(start, start + 10).map((message, offset) => ({ timestamp: base + start + offset, message }));
      await client.send(new PutLogEventsCommand({ logGroupName: '/sdk/big', logStreamName: 'big', logEvents }));
    }
  });
  afterAll(async () => {
    client?.destroy();
    await emulator?.stop();
  });

  it('pages DescribeLogStreams over 120 streams by AWS’s default 50', async () => {
    const pages: string[][] = [];
    for await (const page of paginateDescribeLogStreams({ client }, { logGroupName: '/sdk/many' })) pages.push((page.logStreams ?? []).map((s) => s.logStreamName as string));
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat()).toEqual(streamNames);
    const descending: string[] = [];
    for await (const page of paginateDescribeLogStreams({ client, pageSize: 33 }, { logGroupName: '/sdk/many', descending: true })) {
      descending.push(...(page.logStreams ?? []).map((s) => s.logStreamName as string));
    }
    expect(descending).toEqual([...streamNames].reverse());
  });

  it('orders 120 streams’ equal timestamps by ingestion (put order), across pages, and caps logStreamNames at 100', async () => {
    const messages: string[] = [];
    for await (const page of paginateFilterLogEvents({ client, pageSize: 7 }, { logGroupName: '/sdk/many' })) messages.push(...(page.events ?? []).map((e) => e.message as string));
    expect(messages).toEqual([...streamNames].reverse().map((s) => `from ${s}`));

    const named = streamNames.filter((_, i) => i % 3 === 0).slice(0, 40);
    const selected: string[] = [];
    for await (const page of paginateFilterLogEvents({ client, pageSize: 9 }, { logGroupName: '/sdk/many', logStreamNames: named })) {
      selected.push(...(page.events ?? []).map((e) => e.logStreamName as string));
    }
    expect(selected).toEqual([...named].reverse());

    const tooMany = await client.send(new FilterLogEventsCommand({ logGroupName: '/sdk/many', logStreamNames: [...streamNames.slice(0, 100), 'one-more'] })).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(InvalidParameterException);
    expect((tooMany as Error).message).toContain("at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to 100");
  });

  it('serves 10,000-event FilterLogEvents pages by default and loses nothing over 25,000 events with ties', async () => {
    const pages: FilteredLogEvent[][] = [];
    for await (const page of paginateFilterLogEvents({ client }, { logGroupName: '/sdk/bulk' })) pages.push(page.events ?? []);
    expect(pages.map((p) => p.length)).toEqual([10_000, 10_000, 5_000]);
    expect(pages.flat().map((e) => e.message)).toEqual(bulkMessages);
    expect(new Set(pages.flat().map((e) => e.eventId)).size).toBe(25_000);
  });

  it('serves 10,000-event GetLogEvents pages forwards (paginator) and backwards (nextBackwardToken) until the token repeats', async () => {
    const forward: number[] = [];
    const forwardMessages: string[] = [];
    for await (const page of paginateGetLogEvents({ client, stopOnSameToken: true }, { logGroupName: '/sdk/bulk', logStreamName: 'all', startFromHead: true })) {
      forward.push(page.events?.length ?? 0);
      forwardMessages.push(...(page.events ?? []).map((e) => e.message as string));
    }
    expect(forward).toEqual([10_000, 10_000, 5_000, 0]);
    expect(forwardMessages).toEqual(bulkMessages);

    let page = await client.send(new GetLogEventsCommand({ logGroupName: '/sdk/bulk', logStreamName: 'all' }));
    const backward: string[][] = [(page.events ?? []).map((e) => e.message as string)];
    for (let calls = 0; calls < 10; calls++) {
      const token = page.nextBackwardToken as string;
      page = await client.send(new GetLogEventsCommand({ logGroupName: '/sdk/bulk', logStreamName: 'all', nextToken: token }));
      backward.unshift((page.events ?? []).map((e) => e.message as string));
      if (page.nextBackwardToken === token) break;
    }
    expect(backward.map((p) => p.length)).toEqual([0, 5_000, 10_000, 10_000]);
    expect(backward.flat()).toEqual(bulkMessages);
  });

  it('stops pages at 1 MB (message bytes + 26 per event) for both reads', async () => {
    const filterPages: { message?: string }[][] = [];
    for await (const page of paginateFilterLogEvents({ client }, { logGroupName: '/sdk/big' })) filterPages.push(page.events ?? []);
    expect(filterPages.map((p) => p.length)).toEqual([10, 10, 5]);
    for (const page of filterPages) expect(pageBytes(page)).toBeLessThanOrEqual(PAGE_BYTES);
    expect(filterPages.flat().map((e) => e.message)).toEqual(bigMessages);

    const getPages: { message?: string }[][] = [];
    for await (const page of paginateGetLogEvents({ client, stopOnSameToken: true }, { logGroupName: '/sdk/big', logStreamName: 'big', startFromHead: true })) getPages.push(page.events ?? []);
    expect(getPages.map((p) => p.length)).toEqual([10, 10, 5, 0]);
    for (const page of getPages) expect(pageBytes(page)).toBeLessThanOrEqual(PAGE_BYTES);
    expect(getPages.flat().map((e) => e.message)).toEqual(bigMessages);
  });
});
