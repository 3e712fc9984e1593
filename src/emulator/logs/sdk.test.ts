// The real AWS SDK v3 against this service behind the emulator's HTTP front: shapes, errors and both paginators.
import type { Server } from 'node:http';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
  ResourceNotFoundException,
  InvalidParameterException,
  paginateDescribeLogGroups,
  paginateFilterLogEvents,
  paginateGetLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsError } from '../errors.js';
import { createEmulatorServer, listen } from '../server.js';
import type { Authenticator, Authorizer, EmulatorRequest, Principal, StsService } from '../types.js';
import { createLogsService, type EmulatedLogs } from './index.js';

const ACCOUNT = '123456789012';

/** Trusts every caller: SigV4 is another part's job; here only the region of the credential scope matters. */
const allowAll: Authenticator & Authorizer = {
  authenticate(request: EmulatorRequest) {
    const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? 'us-east-1';
    const principal: Principal = { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: 'AIDATEST', kind: 'user', policies: [], accessKeyId: 'AKIATEST' };
    return { principal, region };
  },
  authorizeLogs() {},
};
const noSts: StsService = {
  handle() {
    throw new AwsError('InvalidAction', 'not served in this test');
  },
};

describe('SDK v3 against the emulated Logs service over HTTP', () => {
  let server: Server;
  let logs: EmulatedLogs;
  let client: CloudWatchLogsClient;
  const now = Date.now();

  beforeAll(async () => {
    logs = createLogsService();
    server = createEmulatorServer({ logs, sts: noSts, authenticator: allowAll, authorizer: allowAll });
    const endpoint = await listen(server, '127.0.0.1', 0);
    client = new CloudWatchLogsClient({ region: 'us-west-2', endpoint, credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' }, maxAttempts: 1 });
    await client.send(new CreateLogGroupCommand({ logGroupName: '/sdk/g' }));
    for (const stream of ['a', 'b']) await client.send(new CreateLogStreamCommand({ logGroupName: '/sdk/g', logStreamName: stream }));
    for (const stream of ['a', 'b']) {
      await client.send(
        new PutLogEventsCommand({
          logGroupName: '/sdk/g',
          logStreamName: stream,
          logEvents: Array.from({ length: 30 }, (_, i) => ({ timestamp: now - 60_000 + i * 10, message: `${stream}-${i}` })),
        }),
      );
    }
  });

  afterAll(async () => {
    client?.destroy();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('creates, describes and keeps the data in the signing region', async () => {
    const groups = await client.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.[0]).toMatchObject({ logGroupName: '/sdk/g', arn: `arn:aws:logs:us-west-2:${ACCOUNT}:log-group:/sdk/g:*`, metricFilterCount: 0, logGroupClass: 'STANDARD' });
    const streams = await client.send(new DescribeLogStreamsCommand({ logGroupName: '/sdk/g' }));
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual(['a', 'b']);
    expect([...logs.exportEvents({ region: 'us-west-2' })].length).toBe(60);
    const pages = [];
    for await (const page of paginateDescribeLogGroups({ client, pageSize: 1 }, {})) pages.push(page);
    expect(pages.length).toBe(1);
  });

  it('pages FilterLogEvents with the SDK paginator to exactly the ground truth', async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents({ client, pageSize: 7 }, { logGroupName: '/sdk/g', startTime: now - 60_000 })) {
      pages++;
      expect(page.searchedLogStreams).toEqual([]);
      for (const event of page.events ?? []) seen.push(event.eventId as string);
    }
    expect(pages).toBe(9);
    expect(seen).toEqual([...logs.exportEvents({ region: 'us-west-2' })].map((e) => e.eventId));
  });

  it('pages GetLogEvents forward until the same token comes back (stopOnSameToken)', async () => {
    const messages: string[] = [];
    for await (const page of paginateGetLogEvents({ client, pageSize: 8, stopOnSameToken: true }, { logGroupName: '/sdk/g', logStreamName: 'b', startFromHead: true })) {
      messages.push(...(page.events ?? []).map((e) => e.message as string));
    }
    expect(messages).toEqual(Array.from({ length: 30 }, (_, i) => `b-${i}`));
  });

  it('surfaces AWS errors as the SDK exception classes', async () => {
    await expect(client.send(new FilterLogEventsCommand({ logGroupName: '/missing' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const error = await client.send(new FilterLogEventsCommand({ logGroupName: '/sdk/g', logStreamNames: ['a'], logStreamNamePrefix: 'a' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((error as InvalidParameterException).$metadata.httpStatusCode).toBe(400);
    const put = await client.send(new PutLogEventsCommand({ logGroupName: '/sdk/g', logStreamName: 'a', logEvents: [{ timestamp: now + 3 * 3_600_000, message: 'future' }] }));
    expect(put.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 0 });
  });
});
