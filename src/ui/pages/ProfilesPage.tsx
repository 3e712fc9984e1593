// System | Profiles: the Data Analyzer profiles and their connectors (a data-processor connector pulls only while in one).
import { useCallback, useState, type FormEvent } from 'react';
import { api, type User } from '../api';
import type { Route } from '../router';
import { listConnectors, messageOf, useLoaded, type ConnectorSummary } from './admin/common';
import './admin/admin.css';

interface Profile {
  id: string;
  name: string;
  isDefault: boolean;
  connectorIds: string[];
  createdAt: string;
}

/** The product document's words for users without the root scope. */
const READ_ONLY_NOTE = 'You do not have privileges to configure Data Analyzer profiles: only the root administrator adds or removes connectors. Ask your administrator to add a connector for you.';

async function loadProfiles(): Promise<{ profiles: Profile[]; connectors: ConnectorSummary[] }> {
  const [profiles, connectors] = await Promise.all([api<{ profiles: Profile[] }>('GET', '/profiles').then((answer) => answer.profiles), listConnectors()]);
  return { profiles, connectors };
}

export function ProfilesPage({ user }: { user: User; route: Route }) {
  const load = useCallback(loadProfiles, []);
  const { data, error, reload } = useLoaded(load);
  const [actionError, setActionError] = useState<string>();
  const [newName, setNewName] = useState('');
  const isRoot = user.role === 'root_admin';

  const act = async (method: 'PUT' | 'DELETE' | 'POST', path: string, body?: unknown) => {
    setActionError(undefined);
    try {
      await api(method, path, body);
      reload();
      return true;
    } catch (failure) {
      setActionError(messageOf(failure));
      return false;
    }
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (await act('POST', '/profiles', { name: newName })) setNewName('');
  };

  return (
    <section aria-labelledby="profiles-title">
      <div className="page-head">
        <h1 id="profiles-title">Data Analyzer Profiles</h1>
      </div>
      <p className="muted">A connector that runs on the data processor collects only while it belongs to at least one profile.</p>
      {isRoot ? (
        <form className="admin-inline card admin-form" onSubmit={create} aria-label="Create profile">
          <div className="field">
            <label htmlFor="profile-name">Profile name</label>
            <input id="profile-name" value={newName} onChange={(event) => setNewName(event.target.value)} maxLength={64} />
          </div>
          <button type="submit" className="primary" disabled={newName.trim() === ''}>Create profile</button>
        </form>
      ) : (
        <p className="notice" role="note">Read-only. {READ_ONLY_NOTE}</p>
      )}
      {error === undefined ? null : <p className="notice bad" role="alert">{error}</p>}
      {actionError === undefined ? null : <p className="notice bad" role="alert">{actionError}</p>}
      {data === undefined ? <p role="status">Loading…</p> : data.profiles.map((profile) => (
        <ProfileCard key={profile.id} profile={profile} connectors={data.connectors} isRoot={isRoot} act={act} />
      ))}
    </section>
  );
}

function ProfileCard(props: { profile: Profile; connectors: ConnectorSummary[]; isRoot: boolean; act: (method: 'PUT' | 'DELETE', path: string) => Promise<boolean> }) {
  const { profile, connectors, isRoot, act } = props;
  const [adding, setAdding] = useState('');
  const byId = new Map(connectors.map((connector) => [connector.id, connector]));
  const members = profile.connectorIds.map((id) => byId.get(id) ?? { id, name: id, type: '—', tenant: '—', runOn: '—', profileIds: [], pulling: false });
  const candidates = connectors.filter((connector) => !profile.connectorIds.includes(connector.id) && connector.runOn === 'data-processor');
  const base = `/profiles/${encodeURIComponent(profile.id)}/connectors`;
  const headingId = `profile-${profile.id}`;
  return (
    <article className="card profile-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{profile.name} {profile.isDefault ? <span className="badge">default</span> : null}</h2>
      {members.length === 0 ? <p className="muted">No connectors in this profile.</p> : (
        <div className="table-wrap">
          <table aria-label={`Connectors in ${profile.name}`}>
            <thead>
              <tr>
                <th scope="col">Connector</th>
                <th scope="col">Tenant</th>
                <th scope="col">Type</th>
                <th scope="col">Collecting</th>
                {isRoot ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((connector) => (
                <tr key={connector.id}>
                  <td>{connector.name}</td>
                  <td>{connector.tenant}</td>
                  <td>{connector.type}</td>
                  <td>{connector.pulling ? <span className="badge ok">yes</span> : <span className="badge">no</span>}</td>
                  {isRoot ? (
                    <td><button type="button" className="danger" aria-label={`Remove ${connector.name} from ${profile.name}`} onClick={() => void act('DELETE', `${base}/${encodeURIComponent(connector.id)}`)}>Remove</button></td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isRoot ? (
        <form
          className="admin-inline"
          style={{ marginTop: 12 }}
          onSubmit={(event) => {
            event.preventDefault();
            if (adding !== '') void act('PUT', `${base}/${encodeURIComponent(adding)}`).then((ok) => ok && setAdding(''));
          }}
        >
          <div className="field">
            <label htmlFor={`${headingId}-add`}>Add connector to {profile.name}</label>
            <select id={`${headingId}-add`} value={adding} onChange={(event) => setAdding(event.target.value)}>
              <option value="">{candidates.length === 0 ? 'No other data-processor connectors' : 'Choose a connector…'}</option>
              {candidates.map((connector) => <option key={connector.id} value={connector.id}>{connector.name} ({connector.tenant})</option>)}
            </select>
          </div>
          <button type="submit" disabled={adding === ''}>Add</button>
          {profile.isDefault ? null : <button type="button" className="danger" onClick={() => void act('DELETE', `/profiles/${encodeURIComponent(profile.id)}`)}>Delete profile</button>}
        </form>
      ) : null}
    </article>
  );
}
