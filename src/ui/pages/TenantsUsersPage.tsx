// System | Tenants & Users (administrators): tenants (the root administrator creates them) and users with their roles.
import { useCallback, useState, type FormEvent } from 'react';
import { api, type ApiError, type User } from '../api';
import { formatTime } from '../format';
import type { Route } from '../router';
import { Field } from '../components/Field';
import { FormError, listTenants, toApiError, useLoaded } from './admin/common';
import { UsersSection } from './admin/UsersSection';
import './admin/admin.css';

export function TenantsUsersPage({ user }: { user: User; route: Route }) {
  const load = useCallback(listTenants, []);
  const tenants = useLoaded(load);
  const isRoot = user.role === 'root_admin';
  return (
    <section aria-labelledby="tenants-users-title">
      <div className="page-head">
        <h1 id="tenants-users-title">Tenants &amp; Users</h1>
      </div>
      <section className="admin-section" aria-labelledby="tenants-title">
        <h2 id="tenants-title">Tenants</h2>
        {isRoot ? <CreateTenant onCreated={tenants.reload} /> : <p className="muted">You administer tenant <strong>{user.tenant}</strong>; only the root administrator creates tenants.</p>}
        {tenants.error === undefined ? null : <p className="notice bad" role="alert">{tenants.error}</p>}
        {tenants.data === undefined ? <p role="status">Loading…</p> : (
          <div className="table-wrap">
            <table aria-label="Tenants">
              <thead>
                <tr><th scope="col">Name</th><th scope="col">Created</th></tr>
              </thead>
              <tbody>
                {tenants.data.map((tenant) => <tr key={tenant.id}><td>{tenant.name}</td><td>{formatTime(tenant.createdAt)}</td></tr>)}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <UsersSection user={user} tenants={(tenants.data ?? []).map((tenant) => tenant.name)} />
    </section>
  );
}

function CreateTenant({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api('POST', '/tenants', { name });
      setName('');
      onCreated();
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  return (
    <form className="card admin-form" onSubmit={submit} aria-label="Create tenant" noValidate>
      <div className="admin-inline">
        <Field label="Tenant name" required errors={error?.problemsAt('name') ?? []}>
          {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} maxLength={64} />}
        </Field>
        <button type="submit" className="primary">Create tenant</button>
      </div>
      <FormError error={error} claimed={['name']} />
    </form>
  );
}

