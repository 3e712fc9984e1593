// Create or edit one log filter; the API validates (the rule is parsed like a search) and its field paths become inline errors.
import { useCallback, useState, type FormEvent } from 'react';
import { api, type ApiError, type User } from '../../api';
import { Field, FormError, listTenants, toApiError, useLoaded } from './common';

export interface LogFilter {
  id: string;
  name: string;
  description?: string;
  action: 'drop' | 'keep';
  query: string;
  enabled: boolean;
  tenant: string;
}

export function LogFilterForm({ user, filter, onDone }: { user: User; filter?: LogFilter; onDone: (saved: boolean) => void }) {
  const editing = filter !== undefined;
  const [id, setId] = useState(filter?.id ?? '');
  const [name, setName] = useState(filter?.name ?? '');
  const [description, setDescription] = useState(filter?.description ?? '');
  const [action, setAction] = useState<'drop' | 'keep'>(filter?.action ?? 'drop');
  const [query, setQuery] = useState(filter?.query ?? '');
  const [enabled, setEnabled] = useState(filter?.enabled ?? true);
  const [tenant, setTenant] = useState(filter?.tenant ?? user.tenant ?? '');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const isRoot = user.role === 'root_admin';
  const loadTenants = useCallback(() => (isRoot ? listTenants() : Promise.resolve([])), [isRoot]);
  const tenants = useLoaded(loadTenants);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body = { id, name, action, query, enabled, ...(description === '' ? {} : { description }) };
    try {
      if (editing) await api('PUT', `/log-filters/${encodeURIComponent(filter.tenant)}/${encodeURIComponent(filter.id)}`, body);
      else await api('POST', '/log-filters', { ...body, ...(tenant === '' ? {} : { tenant }) });
      onDone(true);
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setBusy(false);
    }
  };

  const invalid = (path: string) => (error?.problemsAt(path).length ?? 0) > 0;
  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="filter-form-title" noValidate>
      <h2 id="filter-form-title">{editing ? `Edit log filter ${filter.name}` : 'Create log filter'}</h2>
      <div className="form-grid">
        <Field id="filter-name" label="Name" required error={error} path="name">
          <input id="filter-name" value={name} onChange={(event) => setName(event.target.value)} aria-invalid={invalid('name')} maxLength={64} />
        </Field>
        <Field id="filter-id" label="ID" required error={error} path="id" hint={editing ? 'Connectors refer to the filter by its ID, so it cannot change.' : "Letters, digits, '_', '.', ':' or '-'."}>
          <input id="filter-id" className="mono" value={id} onChange={(event) => setId(event.target.value)} readOnly={editing} aria-invalid={invalid('id')} maxLength={128} />
        </Field>
        <Field id="filter-tenant" label="Tenant Name" required error={error} path="tenant">
          {isRoot && !editing ? (
            <select id="filter-tenant" value={tenant} onChange={(event) => setTenant(event.target.value)} aria-invalid={invalid('tenant')}>
              <option value="">Choose a tenant…</option>
              {(tenants.data ?? []).map((entry) => <option key={entry.id} value={entry.name}>{entry.name}</option>)}
            </select>
          ) : (
            <input id="filter-tenant" value={tenant} readOnly />
          )}
        </Field>
        <Field id="filter-action" label="Action" required error={error} path="action">
          <select id="filter-action" value={action} onChange={(event) => setAction(event.target.value as 'drop' | 'keep')}>
            <option value="drop">Drop matching records</option>
            <option value="keep">Keep only matching records</option>
          </select>
        </Field>
      </div>
      <Field id="filter-query" label="Rule" required error={error} path="query" hint='The Threat Hunting query language, e.g. action:REJECT AND dstport:[0 TO 1023] or k8s.user:"system:anonymous".'>
        <textarea id="filter-query" className="mono" value={query} onChange={(event) => setQuery(event.target.value)} aria-invalid={invalid('query')} spellCheck={false} />
      </Field>
      <Field id="filter-description" label="Description" error={error} path="description">
        <input id="filter-description" value={description} onChange={(event) => setDescription(event.target.value)} maxLength={1024} />
      </Field>
      <label className="check-row">
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} /> Enabled
      </label>
      <FormError error={error} claimed={['name', 'id', 'tenant', 'action', 'query', 'description']} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
        <button type="button" onClick={() => onDone(false)}>Cancel</button>
      </div>
    </form>
  );
}
