// FilterLogEvents: an interleaved, key-ordered scan of a group's streams with AWS's paging, page caps and empty pages.
import type { Scope } from '../types.js';
import type { EventKey } from './columns.js';
import { compileFilterPattern } from './filter-pattern.js';
import { CursorHeap, type StreamCursor } from './merge.js';
import { EVENT_OVERHEAD_BYTES } from './put.js';
import { type LogsState, type LogStream, readGroupReference } from './state.js';
import { decodeFilterToken, encodeFilterToken, eventIdOf, type FilterPosition } from './tokens.js';
import { invalidParameter, LOG_STREAM_NAME_PATTERN, RequestReader } from './validate.js';

export const MAX_PAGE_EVENTS = 10_000;
export const MAX_PAGE_BYTES = 1_048_576;
/**
 * How many stored events one page may examine. A page that examines this many without filling up ends early with a
 * nextToken, possibly empty, as AWS's do; being a fixed count, it makes empty pages deterministic for tests.
 */
export const SCAN_BUDGET_EVENTS = 10_000;
/** `startFromHead: false` is only served for ranges that start on or after 2024-01-01T00:00:00Z. */
const NEWEST_FIRST_EARLIEST_START = Date.UTC(2024, 0, 1);

export function filterLogEvents(state: LogsState, scope: Scope, input: Record<string, unknown>): unknown {
  const reader = new RequestReader(input);
  const reference = readGroupReference(reader);
  const streamNames = reader.stringList('logStreamNames', { min: 1, max: 100, member: { min: 1, max: 512, pattern: LOG_STREAM_NAME_PATTERN } });
  const prefix = reader.string('logStreamNamePrefix', { min: 1, max: 512, pattern: LOG_STREAM_NAME_PATTERN });
  const startTime = reader.timestamp('startTime');
  const endTime = reader.timestamp('endTime');
  const filterPattern = reader.string('filterPattern', { min: 0, max: 1024 });
  const nextToken = reader.string('nextToken', { min: 1 });
  const limit = reader.integer('limit', { min: 1, max: MAX_PAGE_EVENTS }) ?? MAX_PAGE_EVENTS;
  reader.boolean('interleaved');
  reader.boolean('unmask');
  const startFromHead = reader.boolean('startFromHead');
  reader.done();
  const group = state.resolveGroup(scope, reference);
  if (streamNames !== undefined && prefix !== undefined) {
    throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
  }
  const matches = compileFilterPattern(filterPattern);
  let position: FilterPosition | undefined;
  if (nextToken !== undefined) position = decodeFilterToken(nextToken);
  // The first request fixes the direction; later ones follow their token.
  const ascending = position?.ascending ?? startFromHead ?? true;
  if (position === undefined && !ascending && (startTime === undefined || startTime < NEWEST_FIRST_EARLIEST_START)) {
    throw invalidParameter('startFromHead can be false only when startTime is on or after 2024-01-01T00:00:00Z.');
  }

  const streams = selectStreams(group.streams, streamNames, prefix);
  const cursors = streams.map((stream) => openCursor(stream, ascending, startTime, endTime, position?.key));
  const heap = new CursorHeap(cursors, ascending);
  const now = state.clock();
  const events: Record<string, unknown>[] = [];
  let pageBytes = 0;
  let scanned = 0;
  let lastExamined: EventKey | undefined;
  let more = false;
  for (let cursor = heap.top(); cursor !== undefined; cursor = heap.top()) {
    if (events.length === limit || scanned === SCAN_BUDGET_EVENTS) {
      more = true;
      break;
    }
    const columns = cursor.events;
    const index = cursor.index;
    const ingestionTime = columns.ingestionTimes[index] as number;
    // Late events stay invisible to every read until their ingestion time.
    if (ingestionTime <= now) {
      const message = columns.messages[index] as string;
      if (matches(message)) {
        const eventBytes = (columns.messageBytes[index] as number) + EVENT_OVERHEAD_BYTES;
        if (events.length > 0 && pageBytes + eventBytes > MAX_PAGE_BYTES) {
          more = true;
          break;
        }
        pageBytes += eventBytes;
        const timestamp = columns.timestamps[index] as number;
        events.push({ logStreamName: cursor.streamName, timestamp, message, ingestionTime, eventId: eventIdOf(timestamp, columns.sequences[index] as number) });
      }
    }
    scanned++;
    lastExamined = columns.keyAt(index);
    heap.advanceTop();
  }
  const result: Record<string, unknown> = { events, searchedLogStreams: [] };
  // The token continues strictly after the last examined key, so consecutive tokens always differ.
  if (more && lastExamined !== undefined) result.nextToken = encodeFilterToken({ ascending, key: lastExamined });
  return result;
}

function selectStreams(streams: Map<string, LogStream>, names: string[] | undefined, prefix: string | undefined): LogStream[] {
  if (names !== undefined) {
    const chosen: LogStream[] = [];
    for (const name of new Set(names)) {
      const stream = streams.get(name);
      if (stream !== undefined) chosen.push(stream);
    }
    return chosen;
  }
  const all = [...streams.values()];
  return prefix === undefined ? all : all.filter((stream) => stream.name.startsWith(prefix));
}

/** A cursor over one stream's events in [startTime, endTime] (both inclusive), strictly past `after` when given. */
function openCursor(stream: LogStream, ascending: boolean, startTime: number | undefined, endTime: number | undefined, after: EventKey | undefined): StreamCursor {
  const columns = stream.events;
  const low = startTime === undefined ? 0 : columns.lowerBound(startTime, -Infinity, -Infinity);
  const high = endTime === undefined ? columns.length : columns.upperBound(endTime, Infinity, Infinity);
  if (ascending) {
    const from = after === undefined ? low : Math.max(low, columns.upperBound(after.timestamp, after.ingestionTime, after.sequence));
    return { streamName: stream.name, events: columns, index: from, stop: high };
  }
  const from = after === undefined ? high - 1 : Math.min(high, columns.lowerBound(after.timestamp, after.ingestionTime, after.sequence)) - 1;
  return { streamName: stream.name, events: columns, index: from, stop: low };
}
