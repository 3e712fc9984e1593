// The console's REST client: JSON over fetch with the session cookie, and the API's one error shape as ApiError.

/** One problem with a request, at a field path such as `config.region` (the API's `details`). */
export interface FieldProblem {
  path: string;
  message: string;
  /** 1-based column in a text field (a query) where the problem is. */
  column?: number;
}

/** An answer outside 2xx, carrying the API's `{error: {code, message, details}}`. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: FieldProblem[] = []) {
    super(message);
  }

  /** The messages for one field path (and its children), for inline errors beside a control. */
  problemsAt(path: string): string[] {
    return this.details.filter((problem) => problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`)).map((problem) => problem.message);
  }
}

/** Called when any request answers 401, so the app can show the login page again. */
let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const payload: unknown = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: FieldProblem[] } } | undefined)?.error;
    if (response.status === 401 && !path.startsWith('/auth/login')) onUnauthorized();
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `${response.status} ${response.statusText}`, error?.details ?? []);
  }
  return payload as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type Role = 'root_admin' | 'tenant_admin' | 'tenant_analyst';

export interface User {
  id: string;
  username: string;
  role: Role;
  tenant?: string;
}

export const ROLE_LABELS: Record<Role, string> = { root_admin: 'Root administrator', tenant_admin: 'Tenant administrator', tenant_analyst: 'Tenant analyst' };

/** Administrators (root or tenant) may change connectors, filters and users; analysts only read. */
export function canAdminister(user: User): boolean {
  return user.role === 'root_admin' || user.role === 'tenant_admin';
}
