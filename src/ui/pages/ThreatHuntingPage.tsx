// Investigate | Threat Hunting | Interflow Search: indices, query, time range, histogram, results; the search lives in the URL.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, type User } from '../api';
import { formatCount, formatTime } from '../format';
import type { Route } from '../router';
import { Histogram } from './hunting/Histogram';
import { addClause, flattenRecord, hashFor, INDEX_LABELS, RANGE_PRESETS, stateFromParams, type HuntState, type IndexChoice, type RangeKey } from './hunting/query';
import { QueryInput } from './hunting/QueryInput';
import { ResultsTable } from './hunting/ResultsTable';
import { withSeenFields, type FieldChoice } from './hunting/suggest';
import { PAGE_SIZE, useSearch, type PageRef } from './hunting/useSearch';
import './hunting/hunting.css';

const AUTO_REFRESH_MILLISECONDS = 10_000;

export function ThreatHuntingPage({ user, route }: { user: User; route: Route }) {
  // The canonical form of the URL's search: spellings of the same search (parameter order, encoding) are one state.
  const canonical = hashFor(stateFromParams(route.params));
  const state = useMemo(() => stateFromParams(new URLSearchParams(canonical.split('?')[1])), [canonical]);
  // The documented fields, once per visit (not per search): the query box suggests them.
  const [catalog, setCatalog] = useState<readonly FieldChoice[]>([]);
  useEffect(() => {
    api<{ fields: FieldChoice[] }>('GET', '/fields').then((answer) => setCatalog(answer.fields), () => setCatalog([]));
  }, []);
  // A new search (a new URL) starts fresh: page one, nothing expanded. Auto-refresh keeps both.
  return <Hunt key={canonical} user={user} state={state} catalog={catalog} />;
}

/** Goes to the search's URL (sharable, reloadable); the same search again re-runs it, since its state does not change. */
function go(current: HuntState, next: HuntState, rerun: () => void): void {
  const target = hashFor(next);
  if (target === hashFor(current)) rerun();
  if (window.location.hash !== target) window.location.hash = target;
}

function Hunt({ user, state, catalog }: { user: User; state: HuntState; catalog: readonly FieldChoice[] }) {
  const [draft, setDraft] = useState<HuntState>(state);
  const [page, setPage] = useState<PageRef>({ index: 0 });
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [generation, setGeneration] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [autoRefresh, setAutoRefresh] = useState(false);
  const [tenants, setTenants] = useState<string[]>([]);
  const queryInput = useRef<HTMLInputElement>(null);
  const view = useSearch(state, page, generation);
  const isRoot = user.role === 'root_admin';
  // Fields the records on screen have beyond the catalog (a parser's extras, the keys of JSON logs) are suggested too.
  const fields = useMemo(
    () => withSeenFields(catalog, view.hits.flatMap(({ record }) => flattenRecord(record).filter((flat) => flat.searchable).map((flat) => ({ field: flat.field, index: String(record.index) })))),
    [catalog, view.hits],
  );

  useEffect(() => {
    if (!isRoot) return;
    api<{ tenants: Array<{ name: string }> }>('GET', '/tenants').then((answer) => setTenants(answer.tenants.map((tenant) => tenant.name)), () => setTenants([]));
  }, [isRoot]);

  // A search stopped at its time limit would be stopped again every 10 s, holding a search thread each time: each such
  // answer turns auto-refresh off (the user may turn it on again).
  const timedOut = view.errorCode === 'search_timeout';
  const timedOutAt = timedOut ? view.failedAt : undefined;
  useEffect(() => {
    if (timedOutAt !== undefined) setAutoRefresh(false);
  }, [timedOutAt]);

  useEffect(() => {
    if (!autoRefresh) return;
    const timer = setInterval(() => setGeneration((value) => value + 1), AUTO_REFRESH_MILLISECONDS);
    return () => clearInterval(timer);
  }, [autoRefresh]);

  // Put the caret where the API says the query went wrong.
  const errorAt = view.queryError?.column;
  useEffect(() => {
    if (errorAt === undefined || queryInput.current === null) return;
    const position = Math.min(errorAt - 1, queryInput.current.value.length);
    queryInput.current.focus();
    queryInput.current.setSelectionRange(position, position);
  }, [errorAt]);

  const rerun = () => {
    setPage({ index: 0 });
    setCursors([undefined]);
    setGeneration((value) => value + 1);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.indices.length === 0) return;
    go(state, draft, rerun);
  };
  const addToQuery = (clause: string) => go(state, { ...state, query: addClause(state.query, clause) }, rerun);
  const zoom = (from: number, to: number) => go(state, { ...state, range: 'custom', from, to }, rerun);
  const toggleIndex = (index: IndexChoice, on: boolean) =>
    setDraft((current) => ({ ...current, indices: on ? [...new Set([...current.indices, index])].sort() : current.indices.filter((name) => name !== index) }));
  const setRange = (range: RangeKey) =>
    setDraft((current) => {
      if (range !== 'custom') return { ...current, range, from: undefined, to: undefined };
      const now = Date.now();
      return { ...current, range, from: current.from ?? now - 24 * 60 * 60_000, to: current.to ?? now };
    });
  const older = () => {
    if (view.nextCursor === undefined) return;
    const next = page.index + 1;
    setCursors((current) => [...current.slice(0, next), view.nextCursor]);
    setPage({ index: next, after: view.nextCursor });
  };
  const newer = () => {
    if (page.index === 0) return;
    const previous = page.index - 1;
    setPage({ index: previous, ...(cursors[previous] === undefined ? {} : { after: cursors[previous] }) });
  };
  const toggle = (key: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const noIndex = draft.indices.length === 0;
  const firstRow = page.index * PAGE_SIZE + 1;
  return (
    <section className="hunt" aria-labelledby="hunt-title" aria-busy={view.loading} data-indices={state.indices.join(',')} data-query={state.query}>
      <div className="page-head">
        <h1 id="hunt-title">Threat Hunting <span className="muted hunt-sub">Interflow Search</span></h1>
        <label className="auto-refresh">
          <input
            type="checkbox"
            checked={autoRefresh}
            onChange={(event) => setAutoRefresh(event.target.checked)}
          />{' '}
          Auto-refresh every 10 s
        </label>
      </div>
      <form className="card hunt-form" onSubmit={submit} aria-label="Interflow Search">
        <fieldset className="hunt-indices">
          <legend>Indices</legend>
          {(['syslog', 'traffic'] as const).map((index) => (
            <label key={index} className="check">
              <input type="checkbox" checked={draft.indices.includes(index)} onChange={(event) => toggleIndex(index, event.target.checked)} /> {INDEX_LABELS[index]}
            </label>
          ))}
          {noIndex ? <p className="error">Choose at least one index.</p> : null}
        </fieldset>
        <div className="field hunt-query">
          <label htmlFor="hunt-query">Query</label>
          <QueryInput
            id="hunt-query"
            inputRef={queryInput}
            value={draft.query}
            fields={fields}
            indices={draft.indices}
            invalid={view.queryError !== undefined && draft.query === state.query}
            describedBy={view.queryError === undefined ? 'hunt-query-hint' : 'hunt-query-error'}
            onChange={(query) => setDraft((current) => ({ ...current, query }))}
          />
          {view.queryError === undefined ? (
            <span id="hunt-query-hint" className="hint">field:value, field:"phrase", field:val*, field:[a TO b], AND / OR / NOT, CIDR for IPs. Empty or * matches everything. Field names are suggested as you type (↓, then Enter).</span>
          ) : (
            <QueryError id="hunt-query-error" query={state.query} message={view.queryError.message} column={view.queryError.column} />
          )}
        </div>
        <div className="field">
          <label htmlFor="hunt-range">Time range</label>
          <select id="hunt-range" value={draft.range} onChange={(event) => setRange(event.target.value as RangeKey)}>
            {RANGE_PRESETS.map((preset) => <option key={preset.key} value={preset.key}>{preset.label}</option>)}
            <option value="custom">Custom…</option>
          </select>
        </div>
        {draft.range === 'custom' ? (
          <>
            <div className="field">
              <label htmlFor="hunt-from">From</label>
              <input id="hunt-from" type="datetime-local" step={1} value={toLocalInput(draft.from)} onChange={(event) => setDraft((current) => ({ ...current, from: fromLocalInput(event.target.value) }))} />
            </div>
            <div className="field">
              <label htmlFor="hunt-to">To</label>
              <input id="hunt-to" type="datetime-local" step={1} value={toLocalInput(draft.to)} onChange={(event) => setDraft((current) => ({ ...current, to: fromLocalInput(event.target.value) }))} />
            </div>
          </>
        ) : null}
        {isRoot ? (
          <div className="field">
            <label htmlFor="hunt-tenant">Tenant</label>
            <select id="hunt-tenant" value={draft.tenant ?? ''} onChange={(event) => setDraft((current) => ({ ...current, tenant: event.target.value === '' ? undefined : event.target.value }))}>
              <option value="">All tenants</option>
              {[...new Set([...tenants, ...(draft.tenant === undefined ? [] : [draft.tenant])])].map((name) => <option key={name} value={name}>{name}</option>)}
            </select>
          </div>
        ) : null}
        <div className="hunt-submit">
          <button type="submit" className="primary" disabled={noIndex}>Search</button>
        </div>
      </form>

      {view.error === undefined ? null : (
        <p className="notice bad" role="alert">
          {view.error}
          {timedOut ? ' Auto-refresh is off so it does not run again every 10 s.' : ''}
        </p>
      )}

      {view.histogram === undefined || view.queryError !== undefined ? null : <Histogram histogram={view.histogram} onZoom={zoom} />}

      <div className="hunt-status" role="status" aria-live="polite">
        {view.queryError !== undefined ? null : view.total === undefined ? (
          <span>{view.loading ? 'Searching…' : ''}</span>
        ) : (
          <>
            <strong className="hunt-total">{view.total.relation === 'gte' ? '≥ ' : ''}{formatCount(view.total.value)} hits</strong>
            {view.hits.length > 0 ? <span className="muted"> · rows {formatCount(firstRow)}–{formatCount(firstRow + view.hits.length - 1)} · page {page.index + 1}</span> : null}
            {view.loading ? <span className="muted"> · updating…</span> : view.answeredAt === undefined ? null : <span className="muted small"> · as of {formatTime(view.answeredAt)}</span>}
          </>
        )}
      </div>

      {view.queryError === undefined && view.hits.length > 0 ? (
        <ResultsTable hits={view.hits} indices={state.indices} expanded={expanded} onToggle={toggle} onAddClause={addToQuery} />
      ) : null}
      {view.queryError === undefined && !view.loading && view.total !== undefined && view.hits.length === 0 ? <p className="muted">No records match. Widen the time range or the query.</p> : null}

      <nav className="hunt-pages" aria-label="Result pages">
        <button type="button" onClick={newer} disabled={page.index === 0}>← Newer</button>
        <button type="button" onClick={older} disabled={view.nextCursor === undefined || view.loading}>Older →</button>
      </nav>
    </section>
  );
}

/** The API's message, and the query with a caret under the column it names. */
function QueryError({ id, query, message, column }: { id: string; query: string; message: string; column: number | undefined }) {
  return (
    <div id={id} className="query-error" role="alert">
      <p className="error">{message}</p>
      {column === undefined ? null : (
        <pre className="query-caret" aria-hidden="true">
          {query}
          {'\n'}
          <span data-testid="query-caret">{`${' '.repeat(Math.max(0, column - 1))}^`}</span>
        </pre>
      )}
    </div>
  );
}

function toLocalInput(time: number | undefined): string {
  if (time === undefined) return '';
  const date = new Date(time);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function fromLocalInput(value: string): number | undefined {
  if (value === '') return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : time;
}
