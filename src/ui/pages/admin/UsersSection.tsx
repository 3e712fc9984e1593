// Users: the list an administrator may see (a tenant administrator: their tenant's), create with role and tenant, reset a password.
import { useCallback, useState, type FormEvent } from 'react';
import { api, ROLE_LABELS, type ApiError, type Role, type User } from '../../api';
import { formatTime } from '../../format';
import { Field } from '../../components/Field';
import { FormError, toApiError, useLoaded } from './common';

interface ListedUser extends User {
  createdAt?: string;
}

export function UsersSection({ user, tenants }: { user: User; tenants: string[] }) {
  const load = useCallback(async () => (await api<{ users: ListedUser[] }>('GET', '/users')).users, []);
  const users = useLoaded(load);
  const [resetting, setResetting] = useState<string>();
  const [notice, setNotice] = useState<string>();
  return (
    <section className="admin-section" aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <CreateUser user={user} tenants={tenants} onCreated={(name) => { setNotice(`User ${name} created.`); users.reload(); }} />
      {notice === undefined ? null : <p className="notice" role="status">{notice}</p>}
      {users.error === undefined ? null : <p className="notice bad" role="alert">{users.error}</p>}
      {users.data === undefined ? <p role="status">Loading…</p> : (
        <div className="table-wrap">
          <table aria-label="Users">
            <thead>
              <tr><th scope="col">Username</th><th scope="col">Role</th><th scope="col">Tenant</th><th scope="col">Created</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
            </thead>
            <tbody>
              {users.data.map((listed) => (
                <tr key={listed.id}>
                  <td>{listed.username}</td>
                  <td>{ROLE_LABELS[listed.role] ?? listed.role}</td>
                  <td>{listed.tenant ?? <span className="muted">all tenants</span>}</td>
                  <td>{formatTime(listed.createdAt)}</td>
                  <td>
                    {resetting === listed.id ? (
                      <ResetPassword target={listed} onDone={(message) => { setResetting(undefined); if (message !== undefined) setNotice(message); }} />
                    ) : (
                      <button type="button" onClick={() => setResetting(listed.id)} aria-label={`Reset password of ${listed.username}`}>Reset password</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateUser({ user, tenants, onCreated }: { user: User; tenants: string[]; onCreated: (username: string) => void }) {
  const isRoot = user.role === 'root_admin';
  const roles: Role[] = isRoot ? ['root_admin', 'tenant_admin', 'tenant_analyst'] : ['tenant_admin', 'tenant_analyst'];
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('tenant_analyst');
  const [tenant, setTenant] = useState(user.tenant ?? '');
  const [error, setError] = useState<ApiError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api('POST', '/users', { username, password, role, ...(role === 'root_admin' || tenant === '' ? {} : { tenant }) });
      setUsername('');
      setPassword('');
      onCreated(username);
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  const errorsAt = (path: string) => error?.problemsAt(path) ?? [];
  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="create-user-title" noValidate>
      <h3 id="create-user-title">Create user</h3>
      <div className="form-grid">
        <Field label="Username" required errors={errorsAt('username')}>
          {(control) => <input {...control} value={username} onChange={(event) => setUsername(event.target.value)} autoComplete="off" maxLength={64} />}
        </Field>
        <Field label="Password" required errors={errorsAt('password')}>
          {(control) => <input {...control} type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="new-password" />}
        </Field>
        <Field label="Role" required errors={errorsAt('role')}>
          {(control) => (
            <select {...control} value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {roles.map((option) => <option key={option} value={option}>{ROLE_LABELS[option]}</option>)}
            </select>
          )}
        </Field>
        <Field label="Tenant" required={role !== 'root_admin'} errors={errorsAt('tenant')}>
          {(control) =>
            isRoot ? (
              <select {...control} value={role === 'root_admin' ? '' : tenant} onChange={(event) => setTenant(event.target.value)} disabled={role === 'root_admin'}>
                <option value="">{role === 'root_admin' ? 'All tenants' : 'Choose a tenant…'}</option>
                {tenants.map((name) => <option key={name} value={name}>{name}</option>)}
              </select>
            ) : (
              <input {...control} value={tenant} readOnly />
            )
          }
        </Field>
      </div>
      <FormError error={error} claimed={['username', 'password', 'role', 'tenant']} />
      <button type="submit" className="primary">Create user</button>
    </form>
  );
}

function ResetPassword({ target, onDone }: { target: ListedUser; onDone: (message?: string) => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api('PUT', `/users/${encodeURIComponent(target.id)}/password`, { password });
      onDone(`Password of ${target.username} changed; their sessions were ended.`);
    } catch (failure) {
      setError(toApiError(failure));
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <Field label={`New password for ${target.username}`} errors={error?.problemsAt('password') ?? []}>
        {(control) => <input {...control} type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="new-password" autoFocus />}
      </Field>
      <FormError error={error} claimed={['password']} />
      <div className="actions">
        <button type="submit" className="primary">Save password</button>
        <button type="button" onClick={() => onDone()}>Cancel</button>
      </div>
    </form>
  );
}
