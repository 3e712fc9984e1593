// Query errors: a 400 that names the problem and the 1-based column of the query where it was found.
import { CwcError } from '../core/errors.js';

export class QueryError extends CwcError {
  /** 1-based column in the query text, when the problem has a place. */
  readonly column: number | undefined;

  constructor(message: string, column?: number, code = 'query_invalid') {
    const full = column === undefined ? `query: ${message}` : `query: ${message} (at column ${column})`;
    super(code, full, { status: 400, details: [{ path: 'query', message: full, ...(column === undefined ? {} : { column }) }] });
    this.name = 'QueryError';
    this.column = column;
  }
}
