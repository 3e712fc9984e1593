// Log group and log stream operations: Create/Delete/Describe with AWS's validation, fields, ordering and paging.
import { AwsError } from '../errors.js';
import type { Scope } from '../types.js';
import { EventColumns } from './columns.js';
import { groupArn, type LogGroup, type LogsState, type LogStream, readGroupReference, streamArn } from './state.js';
import { sequenceTokenOf } from './tokens.js';
import { invalidParameter, LOG_GROUP_IDENTIFIER_PATTERN, LOG_GROUP_NAME_PATTERN, LOG_STREAM_NAME_PATTERN, RequestReader } from './validate.js';

const LOG_GROUP_CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'] as const;
const DESCRIBE_LIMIT = { min: 1, max: 50 };
const DEFAULT_DESCRIBE_LIMIT = 50;

function encodePageToken(parts: Array<string | number>): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

function decodePageToken(token: string): unknown[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(parts)) return parts;
  } catch {
    // fall through to AWS's error
  }
  throw invalidParameter('The specified nextToken is invalid.');
}

export function createLogGroup(state: LogsState, scope: Scope, input: Record<string, unknown>): undefined {
  const reader = new RequestReader(input);
  const name = reader.string('logGroupName', { required: true, min: 1, max: 512, pattern: LOG_GROUP_NAME_PATTERN }) as string;
  const kmsKeyId = reader.string('kmsKeyId', { max: 256 });
  const logGroupClass = reader.string('logGroupClass', { enum: LOG_GROUP_CLASSES });
  const deletionProtectionEnabled = reader.boolean('deletionProtectionEnabled');
  const tags = input.tags;
  if (tags !== undefined && tags !== null) {
    if (typeof tags !== 'object' || Array.isArray(tags) || Object.values(tags).some((v) => typeof v !== 'string')) {
      throw new AwsError('SerializationException', "Unexpected value type for 'tags': expected a map of strings");
    }
    const count = Object.keys(tags).length;
    if (count < 1 || count > 50) reader.report('tags', `{${count} entries}`, `Member must have length ${count < 1 ? 'greater than or equal to 1' : 'less than or equal to 50'}`);
  }
  reader.done();
  // AWS reserves the `aws/` prefix (its own groups are spelled `/aws/...`).
  if (name.toLowerCase().startsWith('aws/')) throw invalidParameter('Log groups starting with AWS/ are reserved for AWS.');
  const groups = state.groupsOf(scope);
  if (groups.has(name)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  const group: LogGroup = {
    name,
    scope,
    creationTime: state.clock(),
    logGroupClass: logGroupClass ?? 'STANDARD',
    tags: { ...((tags as Record<string, string> | undefined) ?? {}) },
    deletionProtectionEnabled: deletionProtectionEnabled ?? false,
    streams: new Map(),
    storedBytes: 0,
  };
  if (kmsKeyId !== undefined) group.kmsKeyId = kmsKeyId;
  groups.set(name, group);
  return undefined;
}

export function createLogStream(state: LogsState, scope: Scope, input: Record<string, unknown>): undefined {
  const reader = new RequestReader(input);
  const groupName = reader.string('logGroupName', { required: true, min: 1, max: 512, pattern: LOG_GROUP_NAME_PATTERN }) as string;
  const streamName = reader.string('logStreamName', { required: true, min: 1, max: 512, pattern: LOG_STREAM_NAME_PATTERN }) as string;
  reader.done();
  const group = state.requireGroup(scope, groupName);
  if (group.streams.has(streamName)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  const stream: LogStream = { name: streamName, creationTime: state.clock(), events: new EventColumns(), deleted: false, group };
  group.streams.set(streamName, stream);
  return undefined;
}

export function deleteLogGroup(state: LogsState, scope: Scope, input: Record<string, unknown>): undefined {
  const reader = new RequestReader(input);
  const name = reader.string('logGroupName', { required: true, min: 1, max: 512, pattern: LOG_GROUP_NAME_PATTERN }) as string;
  reader.done();
  state.deleteGroup(state.requireGroup(scope, name));
  return undefined;
}

export function deleteLogStream(state: LogsState, scope: Scope, input: Record<string, unknown>): undefined {
  const reader = new RequestReader(input);
  const groupName = reader.string('logGroupName', { required: true, min: 1, max: 512, pattern: LOG_GROUP_NAME_PATTERN }) as string;
  const streamName = reader.string('logStreamName', { required: true, min: 1, max: 512, pattern: LOG_STREAM_NAME_PATTERN }) as string;
  reader.done();
  const group = state.requireGroup(scope, groupName);
  state.deleteStream(state.requireStream(group, streamName));
  return undefined;
}

function describeGroup(group: LogGroup, namesOnly: boolean): Record<string, unknown> {
  const arn = groupArn(group);
  if (namesOnly) return { logGroupName: group.name, creationTime: group.creationTime, arn: `${arn}:*` };
  const shown: Record<string, unknown> = {
    logGroupName: group.name,
    creationTime: group.creationTime,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    storedBytes: group.storedBytes,
  };
  if (group.kmsKeyId !== undefined) shown.kmsKeyId = group.kmsKeyId;
  shown.logGroupClass = group.logGroupClass;
  shown.logGroupArn = arn;
  shown.deletionProtectionEnabled = group.deletionProtectionEnabled;
  return shown;
}

export function describeLogGroups(state: LogsState, scope: Scope, input: Record<string, unknown>): unknown {
  const reader = new RequestReader(input);
  reader.stringList('accountIdentifiers', { min: 0, max: 20, member: { min: 12, max: 12, pattern: '^\\d{12}$' } });
  const prefix = reader.string('logGroupNamePrefix', { min: 1, max: 512, pattern: LOG_GROUP_NAME_PATTERN });
  const pattern = reader.string('logGroupNamePattern', { min: 0, max: 512, pattern: '[\\.\\-_/#A-Za-z0-9]*' });
  const nextToken = reader.string('nextToken', { min: 1 });
  const limit = reader.integer('limit', DESCRIBE_LIMIT) ?? DEFAULT_DESCRIBE_LIMIT;
  reader.boolean('includeLinkedAccounts');
  const logGroupClass = reader.string('logGroupClass', { enum: LOG_GROUP_CLASSES });
  const identifiers = reader.stringList('logGroupIdentifiers', { min: 1, max: 50, member: { min: 1, max: 2048, pattern: LOG_GROUP_IDENTIFIER_PATTERN } });
  reader.done();
  if (prefix !== undefined && pattern !== undefined) throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  if (identifiers !== undefined && (prefix !== undefined || pattern !== undefined || logGroupClass !== undefined)) {
    throw invalidParameter('When logGroupIdentifiers is specified, the only other filter you can specify is includeLinkedAccounts.');
  }
  const after = nextToken === undefined ? undefined : decodePageToken(nextToken)[0];
  if (nextToken !== undefined && typeof after !== 'string') throw invalidParameter('The specified nextToken is invalid.');
  const wanted = identifiers === undefined ? undefined : new Set(identifiers.map((id) => id.replace(/:\*$/, '').replace(/^arn:[^:]+:logs:[^:]+:\d{12}:log-group:/, '')));
  // AWS sorts by name in ASCII order: compare code units, not locale.
  const names = [...state.groupsOf(scope).keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const page: Record<string, unknown>[] = [];
  let more = false;
  for (const name of names) {
    if (after !== undefined && name <= (after as string)) continue;
    if (prefix !== undefined && !name.startsWith(prefix)) continue;
    if (pattern !== undefined && !name.includes(pattern)) continue;
    if (wanted !== undefined && !wanted.has(name)) continue;
    const group = state.groupsOf(scope).get(name) as LogGroup;
    if (logGroupClass !== undefined && group.logGroupClass !== logGroupClass) continue;
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(describeGroup(group, pattern !== undefined));
  }
  const result: Record<string, unknown> = { logGroups: page };
  if (more) result.nextToken = encodePageToken([page[page.length - 1]?.logGroupName as string]);
  return result;
}

function describeStream(stream: LogStream): Record<string, unknown> {
  const shown: Record<string, unknown> = { logStreamName: stream.name, creationTime: stream.creationTime };
  const first = stream.events.minTimestamp();
  const last = stream.events.maxTimestamp();
  if (first !== undefined) shown.firstEventTimestamp = first;
  if (last !== undefined) shown.lastEventTimestamp = last;
  if (stream.lastIngestionTime !== undefined) shown.lastIngestionTime = stream.lastIngestionTime;
  if (stream.lastSequence !== undefined) shown.uploadSequenceToken = sequenceTokenOf(stream.lastSequence);
  shown.arn = streamArn(stream);
  // Always 0 since 2019-06-17, as on AWS.
  shown.storedBytes = 0;
  return shown;
}

export function describeLogStreams(state: LogsState, scope: Scope, input: Record<string, unknown>): unknown {
  const reader = new RequestReader(input);
  const reference = readGroupReference(reader);
  const prefix = reader.string('logStreamNamePrefix', { min: 1, max: 512, pattern: LOG_STREAM_NAME_PATTERN });
  const orderBy = reader.string('orderBy', { enum: ['LogStreamName', 'LastEventTime'] }) ?? 'LogStreamName';
  const descending = reader.boolean('descending') ?? false;
  const nextToken = reader.string('nextToken', { min: 1 });
  const limit = reader.integer('limit', DESCRIBE_LIMIT) ?? DEFAULT_DESCRIBE_LIMIT;
  reader.done();
  const group = state.resolveGroup(scope, reference);
  if (orderBy === 'LastEventTime' && prefix !== undefined) throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  const byTime = orderBy === 'LastEventTime';
  // Sort key: (last event time, name) or (name); streams without events sort first by time.
  const sortTime = (stream: LogStream): number => stream.events.maxTimestamp() ?? -1;
  const compare = (aTime: number, aName: string, bTime: number, bName: string): number => {
    const order = (byTime ? aTime - bTime : 0) || (aName < bName ? -1 : aName > bName ? 1 : 0);
    return descending ? -order : order;
  };
  let after: [number, string] | undefined;
  if (nextToken !== undefined) {
    const parts = decodePageToken(nextToken);
    if (typeof parts[0] !== 'number' || typeof parts[1] !== 'string') throw invalidParameter('The specified nextToken is invalid.');
    after = [parts[0], parts[1]];
  }
  const streams = [...group.streams.values()]
    .filter((stream) => prefix === undefined || stream.name.startsWith(prefix))
    .map((stream) => ({ stream, time: sortTime(stream) }))
    .filter(({ stream, time }) => after === undefined || compare(time, stream.name, after[0], after[1]) > 0)
    .sort((a, b) => compare(a.time, a.stream.name, b.time, b.stream.name));
  const page = streams.slice(0, limit);
  const result: Record<string, unknown> = { logStreams: page.map(({ stream }) => describeStream(stream)) };
  const last = page[page.length - 1];
  if (streams.length > limit && last !== undefined) result.nextToken = encodePageToken([last.time, last.stream.name]);
  return result;
}
