// The admin pages' shared pieces: loading lists from the API, the form-level error, shapes.
import { useCallback, useEffect, useState } from 'react';
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
