// Create / Edit a connector: General, Configuration, Confirmation, Submit, then the default Data Analyzer profile prompt.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, type FieldProblem } from '../../api';
import { navigate } from '../../router';
import { ConfigurationTab } from './ConfigurationTab';
import { ConfirmationTab } from './ConfirmationTab';
import { createBody, draftFromConnector, emptyDraft, isGeneralPath, patchBody, type Draft, type StoredSecrets } from './draft';
import { GeneralTab } from './GeneralTab';
import { IamPolicyPanel } from './IamPolicyPanel';
import { ProfilePrompt } from './ProfilePrompt';
import type { ConnectorView, LogFilterSummary, Tenant } from './types';

const STEPS = [
  { key: 'general', label: 'General' },
  { key: 'configuration', label: 'Configuration' },
  { key: 'confirmation', label: 'Confirmation' },
] as const;
type Step = (typeof STEPS)[number]['key'];

interface Loaded {
  tenants: Tenant[];
  logFilters: LogFilterSummary[];
  regions: string[];
}

/** What the General tab's Next checks before anything is sent; the API checks everything again on Submit. */
function generalProblems(draft: Draft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.name.trim() === '') problems.push({ path: 'name', message: 'is required' });
  if (draft.tenant === '') problems.push({ path: 'tenant', message: 'is required' });
  if (draft.runOn === 'sensor' && draft.sensorName.trim() === '') problems.push({ path: 'runOn', message: 'needs the sensor name' });
  return problems;
}

export function ConnectorWizard({ connectorId, defaultTenant }: { connectorId?: string; defaultTenant?: string }) {
  const editing = connectorId !== undefined;
  const [step, setStep] = useState<Step>('general');
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(defaultTenant));
  const [storedSecrets, setStoredSecrets] = useState<StoredSecrets>();
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadError, setLoadError] = useState<string>();
  const [problems, setProblems] = useState<ApiError>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [showPolicy, setShowPolicy] = useState(false);
  const [created, setCreated] = useState<ConnectorView>();

  useEffect(() => {
    let current = true;
    const load = async () => {
      const [tenants, filters, regions, connector] = await Promise.all([
        api<{ tenants: Tenant[] }>('GET', '/tenants'),
        api<{ logFilters: LogFilterSummary[] }>('GET', '/log-filters').catch(() => ({ logFilters: [] })),
        api<{ regions: Array<{ code: string }> }>('GET', '/regions'),
        connectorId === undefined ? Promise.resolve(undefined) : api<ConnectorView>('GET', `/connectors/${encodeURIComponent(connectorId)}`),
      ]);
      if (!current) return;
      setLoaded({ tenants: tenants.tenants, logFilters: filters.logFilters, regions: regions.regions.map((region) => region.code) });
      if (connector !== undefined) {
        const shown = draftFromConnector(connector);
        setDraft(shown.draft);
        setStoredSecrets(shown.secrets);
      } else if (defaultTenant === undefined && tenants.tenants.length === 1) {
        setDraft((previous) => ({ ...previous, tenant: previous.tenant || (tenants.tenants[0]?.name ?? '') }));
      }
    };
    load().catch((error: unknown) => current && setLoadError(error instanceof Error ? error.message : String(error)));
    return () => {
      current = false;
    };
  }, [connectorId, defaultTenant]);

  // A new tab moves the focus to its heading, so keyboard and screen-reader users start at its top.
  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    document.getElementById(`wizard-${step}-title`)?.focus();
  }, [step]);

  const update = useCallback((change: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...change })), []);
  const errorsAt = useCallback((path: string) => problems?.problemsAt(path) ?? [], [problems]);

  const showProblems = (error: ApiError) => {
    setProblems(error);
    setStep(error.details.some((problem) => isGeneralPath(problem.path)) ? 'general' : 'configuration');
  };

  const next = () => {
    setFailure(undefined);
    if (step === 'general') {
      const found = editing ? [] : generalProblems(draft);
      if (found.length > 0) {
        setProblems(new ApiError(400, 'validation_error', 'Some fields need attention', found));
        return;
      }
      // The API's problems on the Configuration tab stay shown until the next Submit answers again.
      setProblems((previous) => {
        const rest = previous?.details.filter((problem) => !isGeneralPath(problem.path)) ?? [];
        return rest.length === 0 ? undefined : new ApiError(previous?.status ?? 400, previous?.code ?? 'validation_error', previous?.message ?? '', rest);
      });
      setStep('configuration');
    } else if (step === 'configuration') {
      setStep('confirmation');
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (step !== 'confirmation') {
      next();
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      if (editing) {
        await api<ConnectorView>('PATCH', `/connectors/${encodeURIComponent(connectorId)}`, patchBody(draft));
        navigate('connectors');
      } else {
        const result = await api<{ connector: ConnectorView }>('POST', '/connectors', createBody(draft));
        setProblems(undefined);
        // The document's prompt comes after Submit, and only for a new connector that runs on the Data Processor.
        if (result.connector.runOn === 'data-processor') setCreated(result.connector);
        else navigate('connectors');
      }
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) showProblems(error);
      else setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  if (loadError !== undefined) return <p className="notice bad" role="alert">The connector cannot be loaded: {loadError}</p>;
  if (loaded === undefined) return <p className="loading" role="status">Loading…</p>;

  const stepIndex = STEPS.findIndex((item) => item.key === step);
  const allProblems = problems?.details ?? [];
  return (
    <div className="wizard">
      <div className="page-head">
        <h1>{editing ? `Edit Connector: ${draft.name}` : 'Add Connector'}</h1>
        <button type="button" aria-expanded={showPolicy} aria-controls="wizard-iam-policy" onClick={() => setShowPolicy((shown) => !shown)}>
          {showPolicy ? 'Hide IAM policy' : 'Show IAM policy'}
        </button>
      </div>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((item, index) => (
          <li key={item.key} className={index === stepIndex ? 'current' : index < stepIndex ? 'done' : undefined} aria-current={index === stepIndex ? 'step' : undefined}>
            {item.label}
          </li>
        ))}
      </ol>
      <div className={showPolicy ? 'wizard-body with-policy' : 'wizard-body'}>
        <form className="card" onSubmit={submit} noValidate aria-label={editing ? 'Edit connector' : 'Add connector'}>
          {allProblems.length === 0 ? null : (
            <div className="notice bad" role="alert">
              <p>Some fields need attention:</p>
              <ul>{allProblems.map((problem) => <li key={`${problem.path}:${problem.message}`}><code>{problem.path}</code> {problem.message}</li>)}</ul>
            </div>
          )}
          {failure === undefined ? null : <p className="notice bad" role="alert">{failure}</p>}
          {step === 'general' ? <GeneralTab draft={draft} update={update} errorsAt={errorsAt} editing={editing} tenants={loaded.tenants} logFilters={loaded.logFilters} /> : null}
          {step === 'configuration' ? <ConfigurationTab draft={draft} update={update} errorsAt={errorsAt} regions={loaded.regions} {...(storedSecrets ? { storedSecrets } : {})} /> : null}
          {step === 'confirmation' ? <ConfirmationTab draft={draft} logFilters={loaded.logFilters} {...(storedSecrets ? { storedSecrets } : {})} /> : null}
          <div className="wizard-actions">
            <button type="button" onClick={() => navigate('connectors')}>Cancel</button>
            {stepIndex > 0 ? <button type="button" onClick={() => setStep(STEPS[stepIndex - 1]?.key ?? 'general')}>Back</button> : null}
            {step === 'confirmation'
              ? <button type="submit" className="primary" disabled={busy}>{busy ? 'Submitting…' : 'Submit'}</button>
              : <button type="submit" className="primary">Next</button>}
          </div>
        </form>
        {showPolicy ? <div id="wizard-iam-policy"><IamPolicyPanel draft={draft} /></div> : null}
      </div>
      {created === undefined ? null : <ProfilePrompt connector={created} onDone={() => navigate('connectors')} />}
    </div>
  );
}
