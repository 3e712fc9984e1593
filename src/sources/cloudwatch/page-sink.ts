// Where the collector's pages go: parsed, filtered and stored with the unit's cursor, on this thread or in a worker.
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import { parseEvents } from '../../parsers/index.js';
import type { Checkpoint, InterflowStore } from '../../store/store.js';
import { StoreWriter, type StoreOpener } from '../../store/worker/store-writer.js';
import { packEvents, transferList } from './packed-events.js';
import { cloudWatchPagePreparer, type PagePayload } from './prepare-page.js';

export interface PageResult {
  stored: number;
  duplicates: number;
  filtered: number;
  parseErrors: number;
}

export interface PageSink {
  readCheckpoint(key: string): Promise<unknown>;
  /** Parses the events and stores the records with the checkpoint in one transaction; resolves once committed. */
  write(events: readonly CloudWatchEvent[], context: ParseContext, checkpoint: Checkpoint): Promise<PageResult>;
  close(): Promise<void>;
}

/** Parses, filters and stores on the calling thread, into a store the caller owns (and closes). */
export function storeSink(store: InterflowStore, keep?: (record: InterflowRecord) => boolean): PageSink {
  return {
    readCheckpoint: (key) => store.readCheckpoint(key),
    async write(events, context, checkpoint) {
      const parsed = parseEvents(events, context);
      const kept = keep ? parsed.filter(keep) : parsed;
      const written = await store.write(kept, checkpoint);
      let parseErrors = 0;
      for (const record of parsed) if (record.parse_error !== undefined) parseErrors += 1;
      return { stored: written.stored, duplicates: written.duplicates, filtered: parsed.length - kept.length, parseErrors };
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Parses and stores in a worker thread with its own store connection, so fetching (HTTP, the SDK's JSON) and storing
 * run on two cores. Events cross as packed columns; records never exist on the fetching thread. Log filters are
 * functions and cannot cross threads yet: a connector with filters uses storeSink.
 */
export async function workerSink(openStore: StoreOpener): Promise<PageSink> {
  const writer = await StoreWriter.start({ openStore, prepare: cloudWatchPagePreparer() });
  return {
    readCheckpoint: (key) => writer.readCheckpoint(key),
    async write(events, context, checkpoint) {
      const packed = packEvents(events);
      const payload: PagePayload = { context, events: packed };
      const written = await writer.write(payload, checkpoint, transferList(packed));
      return { stored: written.stored, duplicates: written.duplicates, filtered: 0, parseErrors: written.counts.parseErrors ?? 0 };
    },
    close: () => writer.close(),
  };
}
