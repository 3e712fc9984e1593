// The wizard's General tab (product document steps 4-10): Category, Type, Function, Name, Tenant Name, Run On, Log Filters.
import { Field } from '../../components/Field';
import type { Draft } from './draft';
import type { LogFilterSummary, Tenant } from './types';

export interface TabProps {
  draft: Draft;
  update: (change: Partial<Draft>) => void;
  errorsAt: (path: string) => string[];
}

export function GeneralTab({ draft, update, errorsAt, editing, tenants, logFilters }: TabProps & { editing: boolean; tenants: Tenant[]; logFilters: LogFilterSummary[] }) {
  const tenantFilters = logFilters.filter((filter) => filter.tenant === draft.tenant);
  return (
    <section aria-labelledby="wizard-general-title">
      <h2 id="wizard-general-title" tabIndex={-1}>General</h2>
      <p className="notice warn" role="note">
        {editing
          ? 'The information on this tab cannot be changed after you add the connector (Log Filters excepted).'
          : 'The information on this tab cannot be changed after you add the connector. The asterisk (*) indicates a required field.'}
      </p>
      <div className="form-grid">
        <Field label="Category" required errors={errorsAt('category')}>
          {(control) => (
            <select {...control} value={draft.category} disabled={editing} onChange={() => update({ category: 'paas' })}>
              <option value="paas">PaaS</option>
            </select>
          )}
        </Field>
        <Field label="Type" required errors={errorsAt('type')}>
          {(control) => (
            <select {...control} value={draft.type} disabled={editing} onChange={() => update({ type: 'aws_cloudwatch' })}>
              <option value="aws_cloudwatch">AWS CloudWatch</option>
            </select>
          )}
        </Field>
        <fieldset className="field function">
          <legend>Function</legend>
          <label className="check">
            {/* The only function of this connector, enabled already (product document step 6). */}
            <input type="checkbox" checked disabled readOnly /> Collect
          </label>
        </fieldset>
        <Field label="Name" required errors={errorsAt('name')} hint="Printable ASCII; multibyte characters are not accepted.">
          {(control) => <input {...control} value={draft.name} readOnly={editing} maxLength={64} onChange={(event) => update({ name: event.target.value })} />}
        </Field>
        <Field label="Tenant Name" required errors={errorsAt('tenant')} hint={tenants.length === 0 ? 'There is no tenant yet: an administrator creates one under Tenants & Users.' : 'The Interflow records created by this connector include this tenant name.'}>
          {(control) => (
            <select {...control} value={draft.tenant} disabled={editing} onChange={(event) => update({ tenant: event.target.value, logFilters: [] })}>
              <option value="">Choose a tenant…</option>
              {tenants.map((tenant) => <option key={tenant.id} value={tenant.name}>{tenant.name}</option>)}
              {editing && !tenants.some((tenant) => tenant.name === draft.tenant) ? <option value={draft.tenant}>{draft.tenant}</option> : null}
            </select>
          )}
        </Field>
        <Field label="Run On" required errors={errorsAt('runOn')} hint="For a cloud service such as CloudWatch, run on the Data Processor; it then needs a Data Analyzer profile.">
          {(control) => (
            <select {...control} value={draft.runOn} disabled={editing} onChange={(event) => update({ runOn: event.target.value === 'sensor' ? 'sensor' : 'data-processor' })}>
              <option value="data-processor">Data Processor</option>
              <option value="sensor">Sensor</option>
            </select>
          )}
        </Field>
        {draft.runOn === 'sensor' ? (
          <Field label="Sensor name" required errors={[]}>
            {(control) => <input {...control} value={draft.sensorName} readOnly={editing} onChange={(event) => update({ sensorName: event.target.value })} />}
          </Field>
        ) : null}
      </div>
      <fieldset className="field log-filters">
        <legend>Log Filters</legend>
        {draft.tenant === '' ? <p className="hint">Choose a tenant to see its log filters.</p> : null}
        {draft.tenant !== '' && tenantFilters.length === 0 ? <p className="hint">Tenant {draft.tenant} has no log filters (optional).</p> : null}
        {tenantFilters.map((filter) => (
          <label key={filter.id} className="check">
            <input
              type="checkbox"
              checked={draft.logFilters.includes(filter.id)}
              onChange={(event) => update({ logFilters: event.target.checked ? [...draft.logFilters, filter.id] : draft.logFilters.filter((id) => id !== filter.id) })}
            />{' '}
            {filter.name} <span className="muted small">({filter.action}{filter.enabled ? '' : ', disabled'})</span>
          </label>
        ))}
        {errorsAt('logFilters').length === 0 ? null : <p className="error">Log Filters {errorsAt('logFilters').join('; ')}</p>}
      </fieldset>
    </section>
  );
}
