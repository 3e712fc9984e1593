import { describe, expect, it } from 'vitest';
import type { CloudWatchEvent } from '../../core/record.js';
import { packEvents, transferList, unpackEvents } from './packed-events.js';

describe('packEvents / unpackEvents', () => {
  it('round-trips every field, including absent ones, multi-line and non-BMP text, and repeated streams', () => {
    const events: CloudWatchEvent[] = [
      { timestamp: 1, message: 'plain', ingestionTime: 5, eventId: 'id-1', logStreamName: 'a' },
      { timestamp: 2, message: 'two\nlines\r\n and "quotes" \u0000 nul' },
      { timestamp: 3, message: '', eventId: '', logStreamName: 'b' },
      { timestamp: 4, message: 'emoji 🦀 and ünïcödé', ingestionTime: 0, logStreamName: 'a' },
      { timestamp: 1.7e12, message: 'x'.repeat(10_000), eventId: '37'.repeat(28) },
    ];
    const packed = packEvents(events);
    expect(packed.streams).toEqual(['a', 'b']);
    expect(unpackEvents(packed)).toEqual(events);
  });

  it('packs an empty page', () => {
    expect(unpackEvents(packEvents([]))).toEqual([]);
  });

  it('survives a trip through structured cloning with its buffers transferred', () => {
    const events: CloudWatchEvent[] = Array.from({ length: 1_000 }, (_, i) => ({ timestamp: 1_000 + i, message: `line ${i}`, eventId: `e${i}`, logStreamName: `s${i % 3}` }));
    const packed = packEvents(events);
    const cloned = structuredClone(packed, { transfer: transferList(packed) });
    // The sender's typed arrays are detached: the page was moved, not copied.
    expect(packed.timestamps.length).toBe(0);
    expect(unpackEvents(cloned)).toEqual(events);
  });
});
