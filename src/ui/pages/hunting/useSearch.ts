// Runs POST /search for the hunt's current state and page; keeps the last answer on screen while the next one loads.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api';
import type { HistogramData } from './Histogram';
import { errorColumn, timeBounds, type HuntState } from './query';
import { recordKey, type HuntRecord } from './ResultsTable';

export const PAGE_SIZE = 100;

interface SearchAnswer {
  total: { value: number; relation: 'eq' | 'gte' };
  hits: HuntRecord[];
  histogram: HistogramData | null;
  nextCursor?: string;
}

export interface SearchView {
  loading: boolean;
  total?: SearchAnswer['total'];
  hits: Array<{ key: string; record: HuntRecord }>;
  histogram?: HistogramData;
  nextCursor?: string;
  /** A malformed query: the API's message and the column it names. */
  queryError?: { message: string; column?: number };
  error?: string;
  /** The API's code for `error` (`search_timeout`, `search_busy`…), and when that answer came (epoch ms). */
  errorCode?: string;
  failedAt?: number;
  /** When the shown answer arrived (epoch ms). */
  answeredAt?: number;
}

/** Which page: its index and the search-after cursor that starts it (undefined for the first). */
export interface PageRef {
  index: number;
  after?: string;
}

/** `generation` changes to run the same search again (Search pressed with an unchanged query, auto-refresh). */
export function useSearch(state: HuntState, page: PageRef, generation: number): SearchView {
  const [view, setView] = useState<SearchView>({ loading: true, hits: [] });
  const latest = useRef(0);

  useEffect(() => {
    const request = ++latest.current;
    const controller = { cancelled: false };
    setView((previous) => ({ ...previous, loading: true }));
    const wantHistogram = page.index === 0;
    const body = {
      indices: state.indices,
      query: state.query,
      ...timeBounds(state, Date.now()),
      size: PAGE_SIZE,
      sort: 'desc',
      ...(page.after === undefined ? {} : { after: page.after }),
      ...(state.tenant === undefined ? {} : { tenants: [state.tenant] }),
      ...(wantHistogram ? { histogram: { targetBuckets: 60 } } : {}),
    };
    api<SearchAnswer>('POST', '/search', body).then(
      (answer) => {
        if (controller.cancelled || request !== latest.current) return;
        const seen = new Map<string, number>();
        const hits = answer.hits.map((record) => {
          // Two records may share a key (no event id, same time and text): number the repeats so React keys stay unique.
          const base = recordKey(record);
          const repeat = seen.get(base) ?? 0;
          seen.set(base, repeat + 1);
          return { key: repeat === 0 ? base : `${base}#${repeat}`, record };
        });
        setView((previous) => ({
          loading: false,
          total: answer.total,
          hits,
          ...(answer.histogram !== null ? { histogram: answer.histogram } : previous.histogram === undefined ? {} : { histogram: previous.histogram }),
          ...(answer.nextCursor === undefined ? {} : { nextCursor: answer.nextCursor }),
          answeredAt: Date.now(),
        }));
      },
      (failure: unknown) => {
        if (controller.cancelled || request !== latest.current) return;
        if (failure instanceof ApiError && (failure.code.startsWith('query_') || failure.problemsAt('query').length > 0)) {
          const problem = failure.details.find((detail) => detail.path === 'query');
          const message = problem?.message ?? failure.message;
          const column = problem?.column ?? errorColumn(message);
          setView({ loading: false, hits: [], queryError: { message, ...(column === undefined ? {} : { column }) } });
        } else {
          setView((previous) => ({
            ...previous,
            loading: false,
            failedAt: Date.now(),
            ...(failure instanceof ApiError ? { error: failure.message, errorCode: failure.code } : { error: 'The search could not reach the service.', errorCode: 'unreachable' }),
          }));
        }
      },
    );
    return () => {
      controller.cancelled = true;
    };
  }, [state, page, generation]);

  return view;
}
