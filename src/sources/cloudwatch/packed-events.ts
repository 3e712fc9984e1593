// A page of CloudWatch events packed into a few strings and typed arrays, so handing it to a worker thread is cheap.
import type { CloudWatchEvent } from '../../core/record.js';

/**
 * Columns instead of 10,000 small objects: structured cloning copies each string and array once, and the typed arrays
 * are transferred, not copied. A length of -1 marks an absent field; an absent ingestion time is NaN.
 */
export interface PackedEvents {
  count: number;
  timestamps: Float64Array;
  ingestionTimes: Float64Array;
  /** Every message, concatenated; `messageLengths[i]` is the i-th one's length in UTF-16 units. */
  messages: string;
  messageLengths: Int32Array;
  eventIds: string;
  eventIdLengths: Int32Array;
  /** Each distinct stream name once; `streamIndexes[i]` points into it, -1 when absent. */
  streams: string[];
  streamIndexes: Int32Array;
}

/** The buffers `postMessage` may transfer rather than copy. */
export function transferList(packed: PackedEvents): ArrayBuffer[] {
  return [packed.timestamps, packed.ingestionTimes, packed.messageLengths, packed.eventIdLengths, packed.streamIndexes].map((array) => array.buffer as ArrayBuffer);
}

export function packEvents(events: ReadonlyArray<Pick<CloudWatchEvent, 'message' | 'timestamp'> & Partial<CloudWatchEvent>>): PackedEvents {
  const count = events.length;
  const packed: PackedEvents = {
    count,
    timestamps: new Float64Array(count),
    ingestionTimes: new Float64Array(count),
    messages: '',
    messageLengths: new Int32Array(count),
    eventIds: '',
    eventIdLengths: new Int32Array(count),
    streams: [],
    streamIndexes: new Int32Array(count),
  };
  const messages = new Array<string>(count);
  const eventIds = new Array<string>(count);
  const streamNumbers = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const event = events[i] as CloudWatchEvent;
    packed.timestamps[i] = event.timestamp;
    packed.ingestionTimes[i] = event.ingestionTime ?? Number.NaN;
    messages[i] = event.message;
    packed.messageLengths[i] = event.message.length;
    eventIds[i] = event.eventId ?? '';
    packed.eventIdLengths[i] = event.eventId === undefined ? -1 : event.eventId.length;
    if (event.logStreamName === undefined) {
      packed.streamIndexes[i] = -1;
    } else {
      let number = streamNumbers.get(event.logStreamName);
      if (number === undefined) {
        number = packed.streams.length;
        packed.streams.push(event.logStreamName);
        streamNumbers.set(event.logStreamName, number);
      }
      packed.streamIndexes[i] = number;
    }
  }
  packed.messages = messages.join('');
  packed.eventIds = eventIds.join('');
  return packed;
}

export function unpackEvents(packed: PackedEvents): CloudWatchEvent[] {
  const events = new Array<CloudWatchEvent>(packed.count);
  let messageAt = 0;
  let eventIdAt = 0;
  for (let i = 0; i < packed.count; i++) {
    const messageLength = packed.messageLengths[i] as number;
    const event: CloudWatchEvent = { timestamp: packed.timestamps[i] as number, message: packed.messages.slice(messageAt, messageAt + messageLength) };
    messageAt += messageLength;
    const ingestionTime = packed.ingestionTimes[i] as number;
    if (!Number.isNaN(ingestionTime)) event.ingestionTime = ingestionTime;
    const eventIdLength = packed.eventIdLengths[i] as number;
    if (eventIdLength >= 0) {
      event.eventId = packed.eventIds.slice(eventIdAt, eventIdAt + eventIdLength);
      eventIdAt += eventIdLength;
    }
    const stream = packed.streamIndexes[i] as number;
    if (stream >= 0) event.logStreamName = packed.streams[stream] as string;
    events[i] = event;
  }
  return events;
}
