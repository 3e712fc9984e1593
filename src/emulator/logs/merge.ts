// K-way merge of per-stream cursors by event key, so a group read never sorts all of its events.
import type { EventColumns } from './columns.js';

export interface StreamCursor {
  streamName: string;
  events: EventColumns;
  /** Next index to read. */
  index: number;
  /** Ascending: stop before this index. Descending: stop when index < this. */
  stop: number;
}

function compareCursors(a: StreamCursor, b: StreamCursor): number {
  const x = a.events;
  const y = b.events;
  return (
    (x.timestamps[a.index] as number) - (y.timestamps[b.index] as number) ||
    (x.ingestionTimes[a.index] as number) - (y.ingestionTimes[b.index] as number) ||
    (x.sequences[a.index] as number) - (y.sequences[b.index] as number)
  );
}

/** A binary heap of non-exhausted cursors; `top` is the next event in (descending ? reverse : forward) key order. */
export class CursorHeap {
  private readonly items: StreamCursor[] = [];
  private readonly sign: number;

  constructor(
    cursors: StreamCursor[],
    private readonly ascending: boolean,
  ) {
    this.sign = ascending ? 1 : -1;
    for (const cursor of cursors) if (this.live(cursor)) this.items.push(cursor);
    for (let index = (this.items.length >>> 1) - 1; index >= 0; index--) this.siftDown(index);
  }

  private live(cursor: StreamCursor): boolean {
    return this.ascending ? cursor.index < cursor.stop : cursor.index >= cursor.stop;
  }

  get size(): number {
    return this.items.length;
  }

  top(): StreamCursor | undefined {
    return this.items[0];
  }

  /** Moves the top cursor one event on, dropping it when exhausted. */
  advanceTop(): void {
    const cursor = this.items[0];
    if (cursor === undefined) return;
    cursor.index += this.sign;
    if (!this.live(cursor)) {
      const last = this.items.pop() as StreamCursor;
      if (this.items.length === 0) return;
      this.items[0] = last;
    }
    this.siftDown(0);
  }

  private less(a: StreamCursor, b: StreamCursor): boolean {
    return this.sign * compareCursors(a, b) < 0;
  }

  private siftDown(start: number): void {
    const items = this.items;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < items.length && this.less(items[left] as StreamCursor, items[smallest] as StreamCursor)) smallest = left;
      if (right < items.length && this.less(items[right] as StreamCursor, items[smallest] as StreamCursor)) smallest = right;
      if (smallest === index) return;
      [items[index], items[smallest]] = [items[smallest] as StreamCursor, items[index] as StreamCursor];
      index = smallest;
    }
  }
}
