// The hits: columns that fit the index, rows that expand to every field, values that add themselves to the query.
import { Fragment } from 'react';
import { formatTime, summarize } from '../../format';
import { clauseFor, flattenRecord, type FlatField, type IndexChoice } from './query';
import { flowBytes, flowEndpoints, flowProtocol, syslogSummary, trafficSummary } from './summary';

export type HuntRecord = Record<string, unknown> & { timestamp: number; index?: string; message?: string };

/** A key that survives refreshes (so expanded rows stay expanded): the event's identity, or its time and text. */
export function recordKey(record: HuntRecord): string {
  const aws = (record.aws ?? {}) as Record<string, unknown>;
  const connector = (record.connector ?? {}) as Record<string, unknown>;
  if (typeof aws.event_id === 'string') return `${String(record.tenant_name ?? '')}|${String(connector.id ?? '')}|${String(aws.log_group ?? '')}|${aws.event_id}`;
  return `${record.timestamp}|${String(record.message ?? '').slice(0, 200)}`;
}

type Layout = 'traffic' | 'syslog' | 'mixed';

function layoutFor(indices: IndexChoice[]): Layout {
  if (indices.length === 1) return indices[0] === 'traffic' ? 'traffic' : 'syslog';
  return 'mixed';
}

const HEADERS: Record<Layout, string[]> = {
  traffic: ['Time', 'Source → Destination', 'Proto', 'Action', 'Bytes'],
  syslog: ['Time', 'msg_class', 'Summary'],
  mixed: ['Time', 'Index', 'msg_class', 'Summary'],
};

export function ResultsTable(props: {
  hits: Array<{ key: string; record: HuntRecord }>;
  indices: IndexChoice[];
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onAddClause: (clause: string) => void;
}) {
  const layout = layoutFor(props.indices);
  const headers = HEADERS[layout];
  return (
    <div className="table-wrap hunt-table">
      <table aria-label="Search results">
        <thead>
          <tr>
            <th scope="col"><span className="visually-hidden">Expand</span></th>
            {headers.map((header) => <th key={header} scope="col" className={header === 'Bytes' ? 'num' : undefined}>{header}</th>)}
          </tr>
        </thead>
        <tbody>
          {props.hits.map(({ key, record }) => {
            const open = props.expanded.has(key);
            const detailsId = `hit-${encodeURIComponent(key).replace(/[^A-Za-z0-9_-]/g, '_')}`;
            return (
              <Fragment key={key}>
                <tr className={open ? 'hit open' : 'hit'}>
                  <td>
                    <button type="button" className="expander" aria-expanded={open} aria-controls={open ? detailsId : undefined} aria-label={open ? 'Collapse record' : 'Expand record'} onClick={() => props.onToggle(key)}>
                      {open ? '▾' : '▸'}
                    </button>
                  </td>
                  <Cells layout={layout} record={record} />
                </tr>
                {open ? (
                  <tr className="hit-details" id={detailsId}>
                    <td colSpan={headers.length + 1}>
                      <RecordFields record={record} onAddClause={props.onAddClause} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Cells({ layout, record }: { layout: Layout; record: HuntRecord }) {
  const time = <td className="nowrap">{formatTime(record.timestamp)}</td>;
  const isTraffic = record.index === 'traffic';
  switch (layout) {
    case 'traffic':
      return (
        <>
          {time}
          <td className="mono">{flowEndpoints(record)}</td>
          <td>{flowProtocol(record)}</td>
          <td><ActionBadge action={record.action} /></td>
          <td className="num">{flowBytes(record)}</td>
        </>
      );
    case 'syslog':
      return (
        <>
          {time}
          <td className="mono">{summarize(record.msg_class, 40)}</td>
          <td className="summary">{syslogSummary(record)}</td>
        </>
      );
    case 'mixed':
      return (
        <>
          {time}
          <td>{isTraffic ? 'Traffic' : 'Syslog'}</td>
          <td className="mono">{summarize(record.msg_class, 40)}</td>
          <td className="summary">{isTraffic ? trafficSummary(record) : syslogSummary(record)}</td>
        </>
      );
  }
}

function ActionBadge({ action }: { action: unknown }) {
  if (typeof action !== 'string') return <>—</>;
  return <span className={`badge ${action === 'ACCEPT' || action === 'ALLOW' ? 'ok' : action === 'REJECT' || action === 'BLOCK' ? 'bad' : ''}`}>{summarize(action, 20)}</span>;
}

/** Longer values than this are shown but not offered as a click-to-query clause (the query would be unwieldy). */
const maxClickableLength = 512;
const TIME_FIELDS = new Set(['timestamp', 'ingest_time', 'write_time', 'start_time', 'end_time', 'guardduty.first_seen', 'guardduty.last_seen']);

function RecordFields({ record, onAddClause }: { record: HuntRecord; onAddClause: (clause: string) => void }) {
  const fields = flattenRecord(record);
  return (
    <dl className="record-fields" aria-label="Record fields">
      {fields.map((entry, position) => (
        <div key={`${entry.field}#${position}`} className="record-field">
          <dt className="mono">{entry.field}</dt>
          <dd><FieldValue entry={entry} onAddClause={onAddClause} /></dd>
        </div>
      ))}
    </dl>
  );
}

function FieldValue({ entry, onAddClause }: { entry: FlatField; onAddClause: (clause: string) => void }) {
  // Text only: control characters and terminal escapes made visible; React never turns it into markup.
  const shown = summarize(typeof entry.value === 'string' ? entry.value : String(entry.value), 20_000);
  const hint = TIME_FIELDS.has(entry.field) && typeof entry.value === 'number' ? <span className="muted small"> ({formatTime(entry.value)})</span> : null;
  if (!entry.searchable || String(entry.value).length > maxClickableLength) return <span className="mono value-text">{shown}{hint}</span>;
  const clause = clauseFor(entry.field, entry.value);
  return (
    <>
      <button type="button" className="value-button mono" title={`Add ${summarize(clause, 200)} to the query`} aria-label={`Add ${summarize(clause, 200)} to the query`} onClick={() => onAddClause(clause)}>
        {shown}
      </button>
      {hint}
    </>
  );
}
