// The Logs data model per (account, region): groups, streams, the put sequence, and eviction beyond a stored-event bound.
import type { Clock } from '../../core/clock.js';
import type { Scope } from '../types.js';
import { EventColumns, type NewEvent } from './columns.js';
import { groupNotFound, invalidParameter, LOG_GROUP_IDENTIFIER_PATTERN, type RequestReader, LOG_GROUP_NAME_PATTERN, streamNotFound } from './validate.js';

export interface LogStream {
  name: string;
  creationTime: number;
  events: EventColumns;
  /** When the last accepted put arrived (AWS updates this lazily; we update it at once). */
  lastIngestionTime?: number;
  lastSequence?: number;
  deleted: boolean;
  group: LogGroup;
}

export interface LogGroup {
  name: string;
  scope: Scope;
  creationTime: number;
  logGroupClass: string;
  kmsKeyId?: string;
  tags: Record<string, string>;
  deletionProtectionEnabled: boolean;
  streams: Map<string, LogStream>;
  storedBytes: number;
}

/** One accepted PutLogEvents batch, remembered in put order so the oldest events can be evicted first. */
interface PutBatch {
  stream: LogStream;
  firstSequence: number;
  endSequence: number;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** `logGroupArn` (no `:*`); the `arn` field and IAM resources append `:*`. */
export function groupArn(group: LogGroup): string {
  const { accountId, region } = group.scope;
  return `arn:${partitionOf(region)}:logs:${region}:${accountId}:log-group:${group.name}`;
}

export function streamArn(stream: LogStream): string {
  return `${groupArn(stream.group)}:log-stream:${stream.name}`;
}

export interface GroupReference {
  name?: string;
  identifier?: string;
}

/** Reads (and validates, through `reader`) the `logGroupName` / `logGroupIdentifier` pair of a request. */
export function readGroupReference(reader: RequestReader): GroupReference {
  const name = reader.string('logGroupName', { min: 1, max: 512, pattern: LOG_GROUP_NAME_PATTERN });
  const identifier = reader.string('logGroupIdentifier', { min: 1, max: 2048, pattern: LOG_GROUP_IDENTIFIER_PATTERN });
  return { name, identifier };
}

export class LogsState {
  private readonly regions = new Map<string, Map<string, LogGroup>>();
  private nextSequence = 1;
  private stored = 0;
  private readonly batches: PutBatch[] = [];
  private batchHead = 0;

  constructor(
    readonly clock: Clock,
    readonly maxStoredEvents: number,
  ) {}

  groupsOf(scope: Scope): Map<string, LogGroup> {
    const key = `${scope.accountId}\u0000${scope.region}`;
    let groups = this.regions.get(key);
    if (groups === undefined) {
      groups = new Map();
      this.regions.set(key, groups);
    }
    return groups;
  }

  allGroups(): Iterable<LogGroup> {
    const regions = this.regions;
    return (function* () {
      for (const groups of regions.values()) yield* groups.values();
    })();
  }

  eventCount(): number {
    return this.stored;
  }

  requireGroup(scope: Scope, name: string): LogGroup {
    const group = this.groupsOf(scope).get(name);
    if (group === undefined) throw groupNotFound();
    return group;
  }

  requireStream(group: LogGroup, name: string): LogStream {
    const stream = group.streams.get(name);
    if (stream === undefined) throw streamNotFound();
    return stream;
  }

  /** Finds the group named by the `logGroupName` XOR `logGroupIdentifier` pair (name or ARN, with or without `:*`). */
  resolveGroup(scope: Scope, reference: GroupReference): LogGroup {
    const { name, identifier } = reference;
    if (name !== undefined && identifier !== undefined) throw invalidParameter('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
    if (name !== undefined) return this.requireGroup(scope, name);
    if (identifier === undefined) throw invalidParameter('Either LogGroup name or LogGroup ARN must be provided.');
    const arnMatch = /^arn:[^:]+:logs:([^:]+):(\d{12}):log-group:([^:]+)(?::\*)?$/.exec(identifier);
    if (arnMatch === null) return this.requireGroup(scope, identifier);
    // Cross-account (monitoring account) reads are not emulated: an ARN elsewhere is simply not found here.
    if (arnMatch[1] !== scope.region || arnMatch[2] !== scope.accountId) throw groupNotFound();
    return this.requireGroup(scope, arnMatch[3] as string);
  }

  deleteStream(stream: LogStream): void {
    stream.deleted = true;
    stream.group.streams.delete(stream.name);
    this.stored -= stream.events.length;
    stream.group.storedBytes -= sumBytes(stream.events);
  }

  deleteGroup(group: LogGroup): void {
    for (const stream of [...group.streams.values()]) this.deleteStream(stream);
    this.groupsOf(group.scope).delete(group.name);
  }

  /** Hands out put-order sequence numbers for `count` accepted events. */
  allocateSequences(count: number): number {
    const first = this.nextSequence;
    this.nextSequence += count;
    return first;
  }

  store(stream: LogStream, events: NewEvent[]): void {
    if (events.length === 0) return;
    stream.events.insert(events);
    let bytes = 0;
    for (const event of events) bytes += event.messageBytes;
    stream.group.storedBytes += bytes;
    this.stored += events.length;
    const first = (events[0] as NewEvent).sequence;
    this.batches.push({ stream, firstSequence: first, endSequence: first + events.length });
    if (this.stored > this.maxStoredEvents) this.evict();
  }

  /**
   * Drops the oldest puts until a little under the bound, so that the O(stream) compaction runs once per
   * ~1/64 of the bound rather than on every put.
   */
  private evict(): void {
    const slack = Math.max(1, Math.floor(this.maxStoredEvents / 64));
    let toEvict = this.stored - Math.max(0, this.maxStoredEvents - slack);
    const thresholds = new Map<LogStream, number>();
    while (toEvict > 0 && this.batchHead < this.batches.length) {
      const batch = this.batches[this.batchHead] as PutBatch;
      if (batch.stream.deleted) {
        this.batchHead++;
        continue;
      }
      const size = batch.endSequence - batch.firstSequence;
      if (size <= toEvict) {
        thresholds.set(batch.stream, batch.endSequence);
        toEvict -= size;
        this.batchHead++;
      } else {
        batch.firstSequence += toEvict;
        thresholds.set(batch.stream, batch.firstSequence);
        toEvict = 0;
      }
    }
    for (const [stream, sequence] of thresholds) {
      const removed = stream.events.removeSequencesBelow(sequence);
      this.stored -= removed.events;
      stream.group.storedBytes -= removed.bytes;
    }
    if (this.batchHead > 1024 && this.batchHead * 2 > this.batches.length) {
      this.batches.splice(0, this.batchHead);
      this.batchHead = 0;
    }
  }
}

function sumBytes(events: EventColumns): number {
  let bytes = 0;
  for (let index = 0; index < events.length; index++) bytes += events.messageBytes[index] as number;
  return bytes;
}
