// The admin pages' shared pieces: loading lists from the API, labelled fields with the API's inline errors, shapes.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../../api';

export interface ConnectorSummary {
  id: string;
  name: string;
  type: string;
  tenant: string;
  runOn: string;
  logFilters?: string[];
  profileIds: string[];
  pulling: boolean;
}

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

/** Loads with `load`, again on `reload()`; the error is the API's message. */
export function useLoaded<T>(load: () => Promise<T>): { data?: T; error?: string; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let cancelled = false;
    load().then(
      (data) => {
        if (!cancelled) setState({ data });
      },
      (failure: unknown) => {
        if (!cancelled) setState((previous) => ({ ...previous, error: messageOf(failure) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [load, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}

export function messageOf(failure: unknown): string {
  return failure instanceof ApiError ? failure.message : 'The service cannot be reached.';
}

export const listConnectors = async (): Promise<ConnectorSummary[]> => (await api<{ connectors: ConnectorSummary[] }>('GET', '/connectors')).connectors;
export const listTenants = async (): Promise<Tenant[]> => (await api<{ tenants: Tenant[] }>('GET', '/tenants')).tenants;

/** A label tied to its control, the required mark, a hint, and the API's messages for `path`. */
export function Field(props: { id: string; label: string; required?: boolean; hint?: string; error?: ApiError | undefined; path?: string; children: ReactNode }) {
  const problems = props.error !== undefined && props.path !== undefined ? props.error.problemsAt(props.path) : [];
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label}
        {props.required ? <span className="required" aria-hidden="true">*</span> : null}
      </label>
      {props.children}
      {props.hint === undefined ? null : <span className="hint">{props.hint}</span>}
      {problems.map((problem) => (
        <p key={problem} className="error" id={`${props.id}-error`} role="alert">{problem}</p>
      ))}
    </div>
  );
}

/** An error the form's fields did not claim: shown once above the buttons. */
export function FormError({ error, claimed }: { error: ApiError | string | undefined; claimed: string[] }) {
  if (error === undefined) return null;
  if (typeof error === 'string') return <p className="notice bad" role="alert">{error}</p>;
  const unclaimed = error.details.filter((problem) => !claimed.some((path) => problem.path === path || problem.path.startsWith(`${path}.`)));
  if (error.details.length > 0 && unclaimed.length === 0) return null;
  return (
    <div className="notice bad" role="alert">
      {error.message}
      {unclaimed.map((problem) => <div key={`${problem.path}:${problem.message}`}>{problem.path}: {problem.message}</div>)}
    </div>
  );
}

export function toApiError(failure: unknown): ApiError {
  return failure instanceof ApiError ? failure : new ApiError(0, 'unreachable', 'The service cannot be reached.');
}
