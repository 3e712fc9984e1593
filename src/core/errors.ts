// Coded errors shared by every part: a stable `code`, an HTTP status where one applies, and the cause.

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `config.region` or `logGroups[2]`. */
  path: string;
  message: string;
  /** For text fields such as a query: the 1-based column the problem was found at. */
  column?: number;
}

export class CwcError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: FieldProblem[];

  constructor(code: string, message: string, options: { status?: number; details?: FieldProblem[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CwcError';
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details ?? [];
  }
}

/** A problem with what the user typed or configured: CLI exit code 2, HTTP 400. */
export class UsageError extends CwcError {
  constructor(message: string, details: FieldProblem[] = []) {
    super('usage_error', message, { status: 400, details });
    this.name = 'UsageError';
  }
}

/** Every field problem at once, as one error whose message names each field and its rule. */
export class ValidationError extends CwcError {
  constructor(details: FieldProblem[]) {
    super('validation_error', details.map((d) => `${d.path}: ${d.message}`).join('; '), { status: 400, details });
    this.name = 'ValidationError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
