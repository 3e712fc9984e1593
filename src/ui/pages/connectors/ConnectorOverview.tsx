// The Connector Overview (System | Connectors): every connector with its status, refreshed every 10 s; Test, Edit, Run now, Delete.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, canAdminister, type User } from '../../api';
import { Dialog } from '../../components/Dialog';
import { formatAgo, formatCount, formatDuration, formatTime } from '../../format';
import { href, navigate } from '../../router';
import { lagMilliseconds, showStatus } from './status';
import { startTest, TestDialog } from './TestDialog';
import type { ConnectivityResult, ConnectorStatusView, ConnectorView, Profile } from './types';

export const REFRESH_MILLISECONDS = 10_000;
const PAGE_SIZE = 50;

function runOnLabel(runOn: string): string {
  return runOn === 'data-processor' ? 'Data Processor' : `Sensor ${runOn.slice('sensor:'.length)}`;
}

export function ConnectorOverview({ user }: { user: User }) {
  const admin = canAdminister(user);
  const [connectors, setConnectors] = useState<ConnectorView[]>();
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [statuses, setStatuses] = useState<Record<string, ConnectorStatusView>>({});
  const [page, setPage] = useState(0);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [testing, setTesting] = useState<{ connector: ConnectorView; run: Promise<ConnectivityResult> }>();
  const [deleting, setDeleting] = useState<ConnectorView>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const pageRef = useRef(page);
  pageRef.current = page;

  const refresh = useCallback(async () => {
    try {
      const [list, profileList] = await Promise.all([
        api<{ connectors: ConnectorView[] }>('GET', '/connectors'),
        api<{ profiles: Profile[] }>('GET', '/profiles').catch(() => ({ profiles: [] as Profile[] })),
      ]);
      setConnectors(list.connectors);
      setProfiles(profileList.profiles);
      setError(undefined);
      // Statuses only for the rows on screen: a thousand connectors cost one page of requests.
      const visible = list.connectors.slice(pageRef.current * PAGE_SIZE, (pageRef.current + 1) * PAGE_SIZE);
      const answers = await Promise.all(visible.map((connector) => api<ConnectorStatusView>('GET', `/connectors/${encodeURIComponent(connector.id)}/status`).catch(() => undefined)));
      setStatuses((previous) => {
        const next = { ...previous };
        answers.forEach((answer) => {
          if (answer !== undefined) next[answer.id] = answer;
        });
        return next;
      });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MILLISECONDS);
    return () => clearInterval(timer);
  }, [refresh, page]);

  const runNow = async (connector: ConnectorView) => {
    try {
      await api('POST', `/connectors/${encodeURIComponent(connector.id)}/run`);
      setNotice(`Collection of ${connector.name} started.`);
      setTimeout(() => void refresh(), 1_000);
    } catch (failure) {
      setNotice(failure instanceof ApiError ? `${connector.name}: ${failure.message}` : String(failure));
    }
  };

  const remove = async (connector: ConnectorView) => {
    try {
      await api('DELETE', `/connectors/${encodeURIComponent(connector.id)}`);
      setNotice(`Connector ${connector.name} was deleted. Its stored records stay searchable.`);
    } catch (failure) {
      setNotice(failure instanceof Error ? `${connector.name}: ${failure.message}` : String(failure));
    }
    setDeleting(undefined);
    await refresh();
  };

  const toggle = (id: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const profileNames = (connector: ConnectorView) => {
    if (connector.runOn !== 'data-processor') return 'Sensor profile';
    if (connector.profileIds.length === 0) return '—';
    return connector.profileIds.map((id) => profiles.find((profile) => profile.id === id)?.name ?? id).join(', ');
  };

  const total = connectors?.length ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const shown = connectors?.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE) ?? [];

  return (
    <div className="connectors">
      <div className="page-head">
        <h1>Connector Overview</h1>
        {admin ? <button type="button" className="primary" onClick={() => navigate('connectors', 'new')}>Create</button> : null}
      </div>
      {error === undefined ? null : <p className="notice bad" role="alert">The connectors cannot be loaded: {error}</p>}
      {notice === undefined ? null : (
        <p className="notice" role="status">{notice} <button type="button" className="link" onClick={() => setNotice(undefined)}>Dismiss</button></p>
      )}
      {connectors === undefined ? <p className="loading" role="status">Loading…</p> : null}
      {connectors !== undefined && connectors.length === 0 ? (
        <p className="notice">No connectors yet.{admin ? ' Click Create to add an AWS CloudWatch connector.' : ''}</p>
      ) : null}
      {shown.length === 0 ? null : (
        <div className="table-wrap" role="region" aria-label="Connectors" tabIndex={0}>
          <table className="connector-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Tenant</th>
                <th scope="col">Run On</th>
                <th scope="col">Profile</th>
                <th scope="col">Status</th>
                <th scope="col">Last run</th>
                <th scope="col" className="num">Events collected</th>
                <th scope="col" className="num">Lag</th>
                {admin ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((connector) => {
                const view = statuses[connector.id];
                const status = showStatus(view);
                const open = expanded.has(connector.id);
                return (
                  <tr key={connector.id} data-connector={connector.name}>
                    <th scope="row" className="name">{connector.name}</th>
                    <td>AWS CloudWatch</td>
                    <td>{connector.tenant}</td>
                    <td>{runOnLabel(connector.runOn)}</td>
                    <td>{profileNames(connector)}</td>
                    <td className="status-cell">
                      <span className={`badge ${status.tone === 'idle' ? '' : status.tone}`} title={status.explanation}>{status.label}</span>
                      <button type="button" className="link small" aria-expanded={open} aria-controls={`status-${connector.id}`} aria-label={`Why is ${connector.name} ${status.label}?`} onClick={() => toggle(connector.id)}>
                        {open ? 'less' : 'why?'}
                      </button>
                      {open ? <p id={`status-${connector.id}`} className="status-explanation small">{status.explanation}</p> : null}
                    </td>
                    <td className="nowrap"><time dateTime={view?.status?.lastRunAt === undefined ? undefined : new Date(view.status.lastRunAt).toISOString()} title={formatTime(view?.status?.lastRunAt)}>{formatAgo(view?.status?.lastRunAt)}</time></td>
                    <td className="num events">{formatCount(view?.status?.eventsCollected)}</td>
                    <td className="num">{formatDuration(lagMilliseconds(view))}</td>
                    {admin ? (
                      <td>
                        <div className="actions">
                          <button type="button" onClick={() => setTesting({ connector, run: startTest(connector) })} aria-label={`Test ${connector.name}`}>Test</button>
                          <a className="button" href={href('connectors', connector.id, 'edit')} aria-label={`Edit ${connector.name}`}>Edit</a>
                          <button type="button" onClick={() => void runNow(connector)} aria-label={`Run ${connector.name} now`}>Run now</button>
                          <button type="button" className="danger" onClick={() => setDeleting(connector)} aria-label={`Delete ${connector.name}`}>Delete</button>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>
          <span>Page {page + 1} of {pages} ({formatCount(total)} connectors)</span>
          <button type="button" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>Next</button>
        </nav>
      ) : null}
      {testing === undefined ? null : <TestDialog connector={testing.connector} run={testing.run} onClose={() => { setTesting(undefined); void refresh(); }} />}
      {deleting === undefined ? null : (
        <Dialog
          title="Delete connector?"
          role="alertdialog"
          onClose={() => setDeleting(undefined)}
          footer={
            <>
              <button type="button" onClick={() => setDeleting(undefined)}>Cancel</button>
              <button type="button" className="danger" onClick={() => void remove(deleting)}>Delete</button>
            </>
          }
        >
          <p>Delete connector <strong>{deleting.name}</strong> of tenant {deleting.tenant}? It stops collecting; the records it already stored stay searchable.</p>
        </Dialog>
      )}
    </div>
  );
}
