// Compact per-stream event storage: parallel typed-array columns kept sorted by event key (timestamp, ingestion, sequence).

/**
 * The total order AWS documents for reads: event timestamp, then ingestion time, then put order.
 * `sequence` is a service-wide put counter starting at 1, so keys are unique and 0 can serve as "before everything".
 */
export interface EventKey {
  timestamp: number;
  ingestionTime: number;
  sequence: number;
}

export interface NewEvent extends EventKey {
  message: string;
  messageBytes: number;
}

export function compareKeys(a: EventKey, b: EventKey): number {
  return a.timestamp - b.timestamp || a.ingestionTime - b.ingestionTime || a.sequence - b.sequence;
}

const INITIAL_CAPACITY = 64;

/**
 * Events of one log stream. Numbers live in typed arrays (8 bytes each, no per-event object); the message is the
 * only per-event heap allocation. Appends in key order are O(1) amortised; out-of-order batches merge into the tail.
 */
export class EventColumns {
  length = 0;
  timestamps = new Float64Array(INITIAL_CAPACITY);
  ingestionTimes = new Float64Array(INITIAL_CAPACITY);
  sequences = new Float64Array(INITIAL_CAPACITY);
  messageBytes = new Uint32Array(INITIAL_CAPACITY);
  messages: string[] = [];

  keyAt(index: number): EventKey {
    return { timestamp: this.timestamps[index] as number, ingestionTime: this.ingestionTimes[index] as number, sequence: this.sequences[index] as number };
  }

  /** Compares the stored event at `index` with the key (t, i, s). */
  compareAt(index: number, timestamp: number, ingestionTime: number, sequence: number): number {
    return (this.timestamps[index] as number) - timestamp || (this.ingestionTimes[index] as number) - ingestionTime || (this.sequences[index] as number) - sequence;
  }

  /** First index whose key is ≥ (t, i, s); ±Infinity components make open bounds. */
  lowerBound(timestamp: number, ingestionTime: number, sequence: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compareAt(middle, timestamp, ingestionTime, sequence) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** First index whose key is strictly greater than (t, i, s). */
  upperBound(timestamp: number, ingestionTime: number, sequence: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compareAt(middle, timestamp, ingestionTime, sequence) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.timestamps.length) return;
    let capacity = this.timestamps.length;
    while (capacity < needed) capacity *= 2;
    const grow = <T extends Float64Array | Uint32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.timestamps = grow(this.timestamps, (n) => new Float64Array(n));
    this.ingestionTimes = grow(this.ingestionTimes, (n) => new Float64Array(n));
    this.sequences = grow(this.sequences, (n) => new Float64Array(n));
    this.messageBytes = grow(this.messageBytes, (n) => new Uint32Array(n));
  }

  private writeAt(index: number, event: NewEvent): void {
    this.timestamps[index] = event.timestamp;
    this.ingestionTimes[index] = event.ingestionTime;
    this.sequences[index] = event.sequence;
    this.messageBytes[index] = event.messageBytes;
    this.messages[index] = event.message;
  }

  /** Inserts a batch (any order); only the part of the stream after the batch's smallest key is rewritten. */
  insert(batch: NewEvent[]): void {
    if (batch.length === 0) return;
    const sorted = [...batch].sort(compareKeys);
    const first = sorted[0] as NewEvent;
    const start = this.upperBound(first.timestamp, first.ingestionTime, first.sequence);
    this.ensureCapacity(this.length + sorted.length);
    if (start === this.length) {
      for (const event of sorted) this.writeAt(this.length++, event);
      return;
    }
    // Merge the displaced tail with the batch, writing from `start` onwards.
    const tail: NewEvent[] = [];
    for (let index = start; index < this.length; index++) {
      tail.push({ ...this.keyAt(index), message: this.messages[index] as string, messageBytes: this.messageBytes[index] as number });
    }
    let write = start;
    let a = 0;
    let b = 0;
    while (a < tail.length || b < sorted.length) {
      const takeTail = b >= sorted.length || (a < tail.length && compareKeys(tail[a] as NewEvent, sorted[b] as NewEvent) < 0);
      this.writeAt(write++, takeTail ? (tail[a++] as NewEvent) : (sorted[b++] as NewEvent));
    }
    this.length = write;
  }

  /** Removes every event put before `sequence` (eviction); returns how many events and message bytes went. */
  removeSequencesBelow(sequence: number): { events: number; bytes: number } {
    let write = 0;
    let removedBytes = 0;
    for (let read = 0; read < this.length; read++) {
      if ((this.sequences[read] as number) < sequence) {
        removedBytes += this.messageBytes[read] as number;
        continue;
      }
      if (write !== read) {
        this.timestamps[write] = this.timestamps[read] as number;
        this.ingestionTimes[write] = this.ingestionTimes[read] as number;
        this.sequences[write] = this.sequences[read] as number;
        this.messageBytes[write] = this.messageBytes[read] as number;
        this.messages[write] = this.messages[read] as string;
      }
      write++;
    }
    const removed = this.length - write;
    this.length = write;
    this.messages.length = write;
    return { events: removed, bytes: removedBytes };
  }

  minTimestamp(): number | undefined {
    return this.length === 0 ? undefined : (this.timestamps[0] as number);
  }

  maxTimestamp(): number | undefined {
    return this.length === 0 ? undefined : (this.timestamps[this.length - 1] as number);
  }
}
