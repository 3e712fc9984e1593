// Create or edit one log filter; the API validates (the rule is parsed like a search) and its field paths become inline errors.
import { useCallback, useState, type FormEvent } from 'react';
import { api, type ApiError, type User } from '../../api';
import { Field } from '../../components/Field';
import { FormError, listTenants, toApiError, useLoaded } from './common';

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

  const errorsAt = (path: string) => error?.problemsAt(path) ?? [];
  return (
    <form className="card admin-form" onSubmit={submit} aria-labelledby="filter-form-title" noValidate>
      <h2 id="filter-form-title">{editing ? `Edit log filter ${filter.name}` : 'Create log filter'}</h2>
      <div className="form-grid">
        <Field label="Name" required errors={errorsAt('name')}>
          {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} maxLength={64} />}
        </Field>
        <Field label="ID" required errors={errorsAt('id')} hint={editing ? 'Connectors refer to the filter by its ID, so it cannot change.' : "Letters, digits, '_', '.', ':' or '-'."}>
          {(control) => <input {...control} className="mono" value={id} onChange={(event) => setId(event.target.value)} readOnly={editing} maxLength={128} />}
        </Field>
        <Field label="Tenant Name" required errors={errorsAt('tenant')}>
          {(control) =>
            isRoot && !editing ? (
              <select {...control} value={tenant} onChange={(event) => setTenant(event.target.value)}>
                <option value="">Choose a tenant…</option>
                {(tenants.data ?? []).map((entry) => <option key={entry.id} value={entry.name}>{entry.name}</option>)}
              </select>
            ) : (
              <input {...control} value={tenant} readOnly />
            )
          }
        </Field>
        <Field label="Action" required errors={errorsAt('action')}>
          {(control) => (
            <select {...control} value={action} onChange={(event) => setAction(event.target.value as 'drop' | 'keep')}>
              <option value="drop">Drop matching records</option>
              <option value="keep">Keep only matching records</option>
            </select>
          )}
        </Field>
      </div>
      <Field label="Rule" required errors={errorsAt('query')} hint='The Threat Hunting query language, e.g. action:REJECT AND dstport:[0 TO 1023] or k8s.user:"system:anonymous".'>
        {(control) => <textarea {...control} className="mono" value={query} onChange={(event) => setQuery(event.target.value)} spellCheck={false} />}
      </Field>
      <Field label="Description" errors={errorsAt('description')}>
        {(control) => <input {...control} value={description} onChange={(event) => setDescription(event.target.value)} maxLength={1024} />}
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
