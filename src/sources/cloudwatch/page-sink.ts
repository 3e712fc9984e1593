// Where the collector's pages go: parsed, filtered and stored with the unit's cursor, on this thread or in a worker.
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import type { ChainSnapshot, ConnectorFilters } from '../../filters/index.js';
import type { Checkpoint, InterflowStore } from '../../store/store.js';
import { StoreWriter, type StoreOpener } from '../../store/worker/store-writer.js';
import { packEvents, transferList } from './packed-events.js';
import { cloudWatchPagePreparer, parseAndKeep, type PagePayload } from './prepare-page.js';

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
      const { records, parseErrors, filtered } = parseAndKeep(events, context, keep);
      const written = await store.write(records, checkpoint);
      return { stored: written.stored, duplicates: written.duplicates, filtered, parseErrors };
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Parses, filters and stores on a store-writer thread that the caller owns and may share between connectors (the
 * service runs one for all of them), so fetching and the API stay on their thread. Events cross as packed columns,
 * filters as their definitions; what the filters counted comes back into `filters.chain`. close() leaves the writer
 * running.
 */
export function writerSink(writer: StoreWriter, filters?: ConnectorFilters): PageSink {
  const definitions = filters === undefined || filters.chain.empty ? undefined : [...filters.definitions];
  return {
    readCheckpoint: (key) => writer.readCheckpoint(key),
    async write(events, context, checkpoint) {
      const packed = packEvents(events);
      const payload: PagePayload = { context, events: packed, ...(definitions === undefined ? {} : { filters: definitions }) };
      const written = await writer.write(payload, checkpoint, transferList(packed));
      if (filters !== undefined && written.report !== undefined) filters.chain.absorb(written.report as ChainSnapshot);
      return { stored: written.stored, duplicates: written.duplicates, filtered: written.counts.filtered ?? 0, parseErrors: written.counts.parseErrors ?? 0 };
    },
    close: () => Promise.resolve(),
  };
}

/** A sink with a store-writer thread of its own (`cwc collect`): fetching and storing run on two cores. */
export async function workerSink(openStore: StoreOpener): Promise<PageSink> {
  const writer = await StoreWriter.start({ openStore, prepare: cloudWatchPagePreparer() });
  return { ...writerSink(writer), close: () => writer.close() };
}
