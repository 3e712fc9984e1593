// GetLogEvents: one stream, newest page by default, f/b tokens that are never null and repeat at the end.
import type { Scope } from '../types.js';
import type { EventKey } from './columns.js';
import { MAX_PAGE_BYTES, MAX_PAGE_EVENTS, SCAN_BUDGET_EVENTS } from './filter.js';
import { EVENT_OVERHEAD_BYTES } from './put.js';
import { type LogsState, readGroupReference } from './state.js';
import { clampTime, decodeStreamToken, encodeStreamToken, type StreamPosition } from './tokens.js';
import { LOG_STREAM_NAME_PATTERN, RequestReader } from './validate.js';

const forwardFrom = (key: EventKey): string => encodeStreamToken({ direction: 'f', key });
const backwardFrom = (key: EventKey): string => encodeStreamToken({ direction: 'b', key });
/** "Before key" as a forward position: sequences are integers, so > (t, i, s−1) is ≥ (t, i, s). */
const justBefore = (key: EventKey): EventKey => ({ ...key, sequence: Math.max(0, key.sequence - 1) });
const justAfter = (key: EventKey): EventKey => ({ ...key, sequence: key.sequence + 1 });

export function getLogEvents(state: LogsState, scope: Scope, input: Record<string, unknown>): unknown {
  const reader = new RequestReader(input);
  const reference = readGroupReference(reader);
  const streamName = reader.string('logStreamName', { required: true, min: 1, max: 512, pattern: LOG_STREAM_NAME_PATTERN }) as string;
  const startTime = reader.timestamp('startTime');
  const endTime = reader.timestamp('endTime');
  const nextToken = reader.string('nextToken', { min: 1 });
  const limit = reader.integer('limit', { min: 1, max: MAX_PAGE_EVENTS }) ?? MAX_PAGE_EVENTS;
  const startFromHead = reader.boolean('startFromHead') ?? false;
  reader.boolean('unmask');
  reader.done();
  const stream = state.requireStream(state.resolveGroup(scope, reference), streamName);
  const position: StreamPosition | undefined = nextToken === undefined ? undefined : decodeStreamToken(nextToken);
  // A token carries its own direction (AWS asks callers to pass startFromHead=true with forward tokens).
  const forward = position === undefined ? startFromHead : position.direction === 'f';

  const columns = stream.events;
  // startTime inclusive, endTime exclusive.
  const low = startTime === undefined ? 0 : columns.lowerBound(startTime, -Infinity, -Infinity);
  const high = endTime === undefined ? columns.length : columns.lowerBound(endTime, -Infinity, -Infinity);
  const now = state.clock();
  const picked: number[] = [];
  let pageBytes = 0;
  let scanned = 0;
  let lastExamined: EventKey | undefined;
  let stoppedEarly = false;
  const step = forward ? 1 : -1;
  let index = forward
    ? position === undefined
      ? low
      : Math.max(low, columns.upperBound(position.key.timestamp, position.key.ingestionTime, position.key.sequence))
    : (position === undefined ? high : Math.min(high, columns.lowerBound(position.key.timestamp, position.key.ingestionTime, position.key.sequence))) - 1;
  for (; forward ? index < high : index >= low; index += step) {
    if (picked.length === limit || scanned === SCAN_BUDGET_EVENTS) {
      stoppedEarly = true;
      break;
    }
    if ((columns.ingestionTimes[index] as number) <= now) {
      const eventBytes = (columns.messageBytes[index] as number) + EVENT_OVERHEAD_BYTES;
      if (picked.length > 0 && pageBytes + eventBytes > MAX_PAGE_BYTES) {
        stoppedEarly = true;
        break;
      }
      pageBytes += eventBytes;
      picked.push(index);
    }
    scanned++;
    lastExamined = columns.keyAt(index);
  }
  if (!forward) picked.reverse();
  const events = picked.map((i) => ({ timestamp: columns.timestamps[i] as number, message: columns.messages[i] as string, ingestionTime: columns.ingestionTimes[i] as number }));

  let nextForwardToken: string;
  let nextBackwardToken: string;
  const first = picked[0];
  const last = picked[picked.length - 1];
  if (first !== undefined && last !== undefined) {
    nextForwardToken = forwardFrom(columns.keyAt(last));
    nextBackwardToken = backwardFrom(columns.keyAt(first));
  } else if (stoppedEarly && lastExamined !== undefined) {
    // Only invisible events were examined: an empty page that still moves on, as real AWS sometimes returns.
    nextForwardToken = forward ? forwardFrom(lastExamined) : forwardFrom(justBefore(lastExamined));
    nextBackwardToken = forward ? backwardFrom(justAfter(lastExamined)) : backwardFrom(lastExamined);
  } else if (position !== undefined) {
    // At the end in the token's direction: AWS returns the very token it was given.
    nextForwardToken = position.direction === 'f' ? (nextToken as string) : forwardFrom(justBefore(position.key));
    nextBackwardToken = position.direction === 'b' ? (nextToken as string) : backwardFrom(justAfter(position.key));
  } else {
    const origin: EventKey = { timestamp: clampTime(startTime ?? 0), ingestionTime: 0, sequence: 0 };
    nextForwardToken = forwardFrom(origin);
    nextBackwardToken = backwardFrom(origin);
  }
  return { events, nextForwardToken, nextBackwardToken };
}
