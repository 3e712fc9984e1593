// Test helpers for collection: a connector pointed at an emulator, seeding through the real SDK, reading a store back.
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, ResourceAlreadyExistsException } from '@aws-sdk/client-cloudwatch-logs';
import { validateConnector, type Connector } from '../core/connector.js';
import type { InterflowRecord } from '../core/record.js';
import type { InterflowStore } from '../store/store.js';

/** The emulator's documented default account (src/emulator/README.md). A new object each time: the SDK annotates credentials it is given. */
export function emulatorKeys(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
}

export function emulatorConnector(endpoint: string, logGroups: string[], overrides: Record<string, unknown> = {}): Connector {
  return validateConnector({
    name: 'test-connector',
    category: 'paas',
    type: 'aws_cloudwatch',
    functions: ['collect'],
    tenant: 'acme',
    runOn: 'data-processor',
    config: { authMethod: 'access_key', ...emulatorKeys(), region: 'us-west-2', logGroups, endpoint, intervalMinutes: 1, ...overrides },
  });
}

export function logsClient(endpoint: string, region = 'us-west-2'): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ region, endpoint, credentials: emulatorKeys() });
}

export async function ensureStream(client: CloudWatchLogsClient, logGroupName: string, logStreamName: string): Promise<void> {
  for (const command of [new CreateLogGroupCommand({ logGroupName }), new CreateLogStreamCommand({ logGroupName, logStreamName })]) {
    try {
      await client.send(command as CreateLogGroupCommand);
    } catch (error) {
      if (!(error instanceof ResourceAlreadyExistsException)) throw error;
    }
  }
}

export async function putMessages(client: CloudWatchLogsClient, logGroupName: string, logStreamName: string, messages: string[], timestamp = Date.now()): Promise<void> {
  await ensureStream(client, logGroupName, logStreamName);
  for (let i = 0; i < messages.length; i += 5_000) {
    const logEvents = messages.slice(i, i + 5_000).map((message) => ({ timestamp, message }));
    await client.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents }));
  }
}

/** Every stored record, oldest first, paging with search-after. */
export async function allRecords(store: InterflowStore): Promise<InterflowRecord[]> {
  const records: InterflowRecord[] = [];
  let after: string | undefined;
  do {
    const page = await store.search({ size: 10_000, sort: 'asc', ...(after === undefined ? {} : { after }) }, { allTenants: true });
    records.push(...page.hits);
    after = page.nextCursor;
  } while (after !== undefined);
  return records;
}

/** Compares what the emulator made visible with what the store holds, by event id. */
export function compareWithTruth(truthEventIds: Iterable<string>, records: readonly InterflowRecord[]): { missing: string[]; duplicates: string[]; unexpected: string[] } {
  const counts = new Map<string, number>();
  for (const record of records) {
    const id = record.aws.event_id ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const truth = new Set(truthEventIds);
  return {
    missing: [...truth].filter((id) => !counts.has(id)),
    duplicates: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
    unexpected: [...counts.keys()].filter((id) => !truth.has(id)),
  };
}
