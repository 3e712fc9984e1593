// Runs in the store-writer worker: unpacks a page of raw CloudWatch events and parses it into Interflow records.
import type { ParseContext } from '../../core/record.js';
import { parseEvents } from '../../parsers/index.js';
import { siblingModuleUrl } from '../../core/worker-thread.js';
import type { BatchPreparer, PreparedBatch } from '../../store/worker/store-writer.js';
import { unpackEvents, type PackedEvents } from './packed-events.js';

/** What the collector sends per page: the events, and the parse context of their unit. */
export interface PagePayload {
  context: ParseContext;
  events: PackedEvents;
}

export function preparePage(payload: PagePayload): PreparedBatch {
  const records = parseEvents(unpackEvents(payload.events), payload.context);
  let parseErrors = 0;
  for (const record of records) if (record.parse_error !== undefined) parseErrors += 1;
  return { records, counts: { parseErrors } };
}

/** The preparer factory the worker calls (it has no configuration yet; log filters would travel here as data). */
export function pagePreparer(): (payload: unknown) => PreparedBatch {
  return (payload) => preparePage(payload as PagePayload);
}

export function cloudWatchPagePreparer(): BatchPreparer {
  return { moduleUrl: siblingModuleUrl(import.meta.url, './prepare-page'), exportName: 'pagePreparer', config: null };
}
