// A page of raw CloudWatch events parsed into Interflow records and filtered: on the calling thread (storeSink) or in the store-writer worker (preparePage).
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import { siblingModuleUrl } from '../../core/worker-thread.js';
import { FilterChain, type LogFilter } from '../../filters/index.js';
import { parseEvents } from '../../parsers/index.js';
import type { BatchPreparer, PreparedBatch } from '../../store/worker/store-writer.js';
import { unpackEvents, type PackedEvents } from './packed-events.js';

/** What the collector sends per page: the events, the parse context of their unit, and the connector's filters as data. */
export interface PagePayload {
  context: ParseContext;
  events: PackedEvents;
  /** The connector's log filters in order (functions cannot cross threads; their definitions can). */
  filters?: LogFilter[];
}

/** A page's records as parsed, those `keep` keeps (all without it), and what was counted on the way. */
export function parseAndKeep(events: readonly CloudWatchEvent[], context: ParseContext, keep?: (record: InterflowRecord) => boolean) {
  const parsed = parseEvents(events, context);
  let parseErrors = 0;
  for (const record of parsed) if (record.parse_error !== undefined) parseErrors += 1;
  const records = keep === undefined ? parsed : parsed.filter(keep);
  return { records, parseErrors, filtered: parsed.length - records.length };
}

/**
 * Parses the page and, with filters, keeps what the chain keeps. The chain is built for this page (compiling a few
 * queries costs microseconds against a page's parsing) and its counters go back as the batch's report, which the
 * owner adds to the connector's own chain: the status and Log Filters pages count what every page dropped.
 */
export function preparePage(payload: PagePayload): PreparedBatch {
  const chain = payload.filters === undefined || payload.filters.length === 0 ? undefined : new FilterChain(payload.filters);
  const { records, parseErrors, filtered } = parseAndKeep(unpackEvents(payload.events), payload.context, chain?.keep);
  return { records, counts: { parseErrors, filtered }, ...(chain === undefined ? {} : { report: chain.snapshot() }) };
}

/** The preparer factory the worker calls; it has no configuration (each page carries its filters). */
export function pagePreparer(): (payload: unknown) => PreparedBatch {
  return (payload) => preparePage(payload as PagePayload);
}

export function cloudWatchPagePreparer(): BatchPreparer {
  return { moduleUrl: siblingModuleUrl(import.meta.url, './prepare-page'), exportName: 'pagePreparer', config: null };
}
