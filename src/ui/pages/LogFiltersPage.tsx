// System | Log Filters: each tenant's keep/drop rules, which connectors use them and what they dropped; admins edit them.
import { useCallback, useState } from 'react';
import { api, canAdminister, type User } from '../api';
import { formatCount, summarize } from '../format';
import type { Route } from '../router';
import { listConnectors, messageOf, useLoaded, type ConnectorSummary } from './admin/common';
import { LogFilterForm, type LogFilter } from './admin/LogFilterForm';
import './admin/admin.css';

/** A filter as the list answers it: with the connectors that use it and what it dropped (summed over them). */
interface ListedFilter extends LogFilter {
  connectorIds: string[];
  dropped: number;
}

interface FiltersView {
  filters: ListedFilter[];
  connectors: ConnectorSummary[];
}

const filterKey = (tenant: string, id: string) => `${tenant}/${id}`;

async function loadFilters(): Promise<FiltersView> {
  const [filters, connectors] = await Promise.all([api<{ logFilters: ListedFilter[] }>('GET', '/log-filters').then((answer) => answer.logFilters), listConnectors()]);
  return { filters, connectors };
}

type Editing = { mode: 'create' } | { mode: 'edit'; filter: LogFilter } | undefined;

export function LogFiltersPage({ user }: { user: User; route: Route }) {
  const load = useCallback(loadFilters, []);
  const { data, error, reload } = useLoaded(load);
  const [editing, setEditing] = useState<Editing>();
  const [confirming, setConfirming] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const admin = canAdminister(user);

  const remove = async (filter: LogFilter) => {
    setActionError(undefined);
    try {
      await api('DELETE', `/log-filters/${encodeURIComponent(filter.tenant)}/${encodeURIComponent(filter.id)}`);
      setConfirming(undefined);
      reload();
    } catch (failure) {
      setActionError(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="filters-title">
      <div className="page-head">
        <h1 id="filters-title">Log Filters</h1>
        {admin && editing === undefined ? <button type="button" className="primary" onClick={() => setEditing({ mode: 'create' })}>Create log filter</button> : null}
      </div>
      <p className="muted">A filter decides, before storage, whether a connector keeps or drops each record that matches its rule (the Threat Hunting query language). Connectors list their filters on the General tab.</p>
      {admin ? null : <p className="notice">Read-only: changing log filters needs a tenant administrator or the root administrator.</p>}
      {editing === undefined ? null : (
        <LogFilterForm
          key={editing.mode === 'edit' ? filterKey(editing.filter.tenant, editing.filter.id) : 'new'}
          user={user}
          {...(editing.mode === 'edit' ? { filter: editing.filter } : {})}
          onDone={(saved) => {
            setEditing(undefined);
            if (saved) reload();
          }}
        />
      )}
      {error === undefined ? null : <p className="notice bad" role="alert">{error}</p>}
      {actionError === undefined ? null : <p className="notice bad" role="alert">{actionError}</p>}
      {data === undefined ? <p role="status">Loading…</p> : data.filters.length === 0 ? <p className="muted">No log filters yet.</p> : (
        <div className="table-wrap">
          <table aria-label="Log filters">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">ID</th>
                <th scope="col">Tenant</th>
                <th scope="col">Rule</th>
                <th scope="col">Action</th>
                <th scope="col">Enabled</th>
                <th scope="col" className="num">Dropped</th>
                <th scope="col">Used by</th>
                {admin ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {data.filters.map((filter) => {
                const key = filterKey(filter.tenant, filter.id);
                const users = data.connectors.filter((connector) => filter.connectorIds.includes(connector.id));
                return (
                  <tr key={key}>
                    <td>{filter.name}{filter.description ? <div className="muted small">{summarize(filter.description, 160)}</div> : null}</td>
                    <td className="mono">{filter.id}</td>
                    <td>{filter.tenant}</td>
                    <td className="mono rule">{summarize(filter.query, 300) || '*'}</td>
                    <td><span className={`badge ${filter.action === 'drop' ? 'bad' : 'ok'}`}>{filter.action}</span></td>
                    <td>{filter.enabled ? 'Yes' : 'No'}</td>
                    <td className="num">{formatCount(filter.dropped)}</td>
                    <td>{users.length === 0 ? <span className="muted">none</span> : users.map((connector) => connector.name).join(', ')}</td>
                    {admin ? (
                      <td>
                        {confirming === key ? (
                          <div className="actions">
                            <button type="button" className="danger" onClick={() => void remove(filter)} aria-label={`Confirm delete ${filter.name}`}>Delete for good</button>
                            <button type="button" onClick={() => setConfirming(undefined)}>Keep</button>
                          </div>
                        ) : (
                          <div className="actions">
                            <button type="button" onClick={() => setEditing({ mode: 'edit', filter })} aria-label={`Edit ${filter.name}`}>Edit</button>
                            <button type="button" className="danger" onClick={() => setConfirming(key)} aria-label={`Delete ${filter.name}`}>Delete</button>
                          </div>
                        )}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
