// PutLogEvents: AWS's batch rules, partial rejection of too-old/too-new events, and late visibility of accepted ones.
import type { Scope } from '../types.js';
import type { NewEvent } from './columns.js';
import type { LogsState } from './state.js';
import { sequenceTokenOf } from './tokens.js';
import { invalidParameter, LOG_GROUP_NAME_PATTERN, LOG_STREAM_NAME_PATTERN, RequestReader } from './validate.js';

export const MAX_BATCH_BYTES = 1_048_576;
export const MAX_EVENT_BYTES = 1_048_576;
/** AWS counts each event as its UTF-8 message bytes plus this fixed overhead. */
export const EVENT_OVERHEAD_BYTES = 26;
export const MAX_BATCH_EVENTS = 10_000;
const HOUR_MILLISECONDS = 3_600_000;
const TOO_NEW_MILLISECONDS = 2 * HOUR_MILLISECONDS;
const TOO_OLD_MILLISECONDS = 14 * 24 * HOUR_MILLISECONDS;
const MAX_SPAN_MILLISECONDS = 24 * HOUR_MILLISECONDS;

export type VisibilityDelay = () => number;

export function putLogEvents(state: LogsState, scope: Scope, input: Record<string, unknown>, visibilityDelayMilliseconds: VisibilityDelay): unknown {
  const reader = new RequestReader(input);
  const groupName = reader.string('logGroupName', { required: true, min: 1, max: 512, pattern: LOG_GROUP_NAME_PATTERN }) as string;
  const streamName = reader.string('logStreamName', { required: true, min: 1, max: 512, pattern: LOG_STREAM_NAME_PATTERN }) as string;
  const logEvents = reader.structureList('logEvents', { required: true, min: 1, max: MAX_BATCH_EVENTS }) ?? [];
  // Ignored since 2023, but still validated as a string of length ≥ 1.
  reader.string('sequenceToken', { min: 1 });
  const timestamps: number[] = [];
  const messages: string[] = [];
  logEvents.forEach((event, index) => {
    const member = new RequestReader(event);
    const timestamp = member.timestamp('timestamp', true);
    const message = member.string('message', { required: true, min: 1 });
    try {
      member.done();
    } catch {
      // Re-report the member's problems with AWS's list path, e.g. `logEvents.1.member.message`.
      if (timestamp === undefined) reader.report(`logEvents.${index + 1}.member.timestamp`, null, 'Member must not be null');
      else if (timestamp < 0) reader.report(`logEvents.${index + 1}.member.timestamp`, timestamp, 'Member must have value greater than or equal to 0');
      if (message === undefined) reader.report(`logEvents.${index + 1}.member.message`, null, 'Member must not be null');
      else if (message.length < 1) reader.report(`logEvents.${index + 1}.member.message`, message, 'Member must have length greater than or equal to 1');
    }
    timestamps.push(timestamp ?? 0);
    messages.push(message ?? '');
  });
  reader.done();

  const group = state.requireGroup(scope, groupName);
  const stream = state.requireStream(group, streamName);

  const messageBytes = messages.map((message) => Buffer.byteLength(message, 'utf8'));
  let batchBytes = 0;
  for (const bytes of messageBytes) {
    const eventBytes = bytes + EVENT_OVERHEAD_BYTES;
    if (eventBytes > MAX_EVENT_BYTES) throw invalidParameter(`Log event too large: ${eventBytes} bytes exceeds limit of ${MAX_EVENT_BYTES}`);
    batchBytes += eventBytes;
  }
  if (batchBytes > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`);
  for (let index = 1; index < timestamps.length; index++) {
    if ((timestamps[index] as number) < (timestamps[index - 1] as number)) {
      throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
    }
  }

  // Events are chronological, so too-old ones form a prefix and too-new ones a suffix of the batch.
  const now = state.clock();
  let acceptedStart = 0;
  while (acceptedStart < timestamps.length && (timestamps[acceptedStart] as number) < now - TOO_OLD_MILLISECONDS) acceptedStart++;
  let acceptedEnd = timestamps.length;
  while (acceptedEnd > acceptedStart && (timestamps[acceptedEnd - 1] as number) > now + TOO_NEW_MILLISECONDS) acceptedEnd--;
  if (acceptedEnd > acceptedStart && (timestamps[acceptedEnd - 1] as number) - (timestamps[acceptedStart] as number) > MAX_SPAN_MILLISECONDS) {
    throw invalidParameter('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');
  }

  const count = acceptedEnd - acceptedStart;
  const firstSequence = state.allocateSequences(count);
  const accepted: NewEvent[] = [];
  for (let index = acceptedStart; index < acceptedEnd; index++) {
    const delay = Math.max(0, Math.round(visibilityDelayMilliseconds()));
    accepted.push({
      timestamp: timestamps[index] as number,
      ingestionTime: now + delay,
      sequence: firstSequence + (index - acceptedStart),
      message: messages[index] as string,
      messageBytes: messageBytes[index] as number,
    });
  }
  state.store(stream, accepted);

  const result: Record<string, unknown> = {};
  if (count > 0) {
    stream.lastIngestionTime = now;
    stream.lastSequence = firstSequence + count - 1;
    result.nextSequenceToken = sequenceTokenOf(firstSequence + count - 1);
  }
  if (acceptedStart > 0 || acceptedEnd < timestamps.length) {
    const rejected: Record<string, number> = {};
    // As in moto and the SDK's own loggers: the index of the first too-new event and of the last too-old one.
    if (acceptedEnd < timestamps.length) rejected.tooNewLogEventStartIndex = acceptedEnd;
    if (acceptedStart > 0) rejected.tooOldLogEventEndIndex = acceptedStart - 1;
    result.rejectedLogEventsInfo = rejected;
  }
  return result;
}
