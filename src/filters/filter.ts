// The log filter model: a named keep/drop rule whose condition is a query; validation names every bad field at once.
import { Type, type Static } from 'typebox';
import { ValidationError, type FieldProblem } from '../core/errors.js';
import { schemaProblems } from '../core/validate.js';
import { QueryError } from '../search/errors.js';
import { maxQueryLength } from '../search/parser.js';
import { compileMatcher } from './matcher.js';

/** The JSON shape (for the API's schemas and OpenAPI document, and for config files). */
export const LogFilterSchema = Type.Object(
  {
    /** Stable identifier; connectors list the ids of their filters in `logFilters`. */
    id: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]*$' }),
    /** Printable ASCII like connector names (no multibyte characters), 1–64 characters. */
    name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x20-\\x7E]+$' }),
    description: Type.Optional(Type.String({ maxLength: 1024 })),
    action: Type.Union([Type.Literal('drop'), Type.Literal('keep')]),
    /** CONTRACT's query language, evaluated against each normalized record before storage. */
    query: Type.String({ maxLength: maxQueryLength }),
    enabled: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);

export type LogFilter = Static<typeof LogFilterSchema>;

/**
 * Validates an untrusted filter (API body, config file) and returns it typed with defaults filled in (`enabled`: true).
 * Throws one ValidationError listing every problem; a query that does not parse is reported at path `query` with the
 * column, e.g. `query: query: '(' is never closed (at column 1)`.
 */
export function validateLogFilter(input: unknown): LogFilter {
  const candidate = structuredClone(input);
  const problems: FieldProblem[] = schemaProblems(LogFilterSchema, candidate);
  for (const problem of problems) {
    if (problem.path === 'name' && /pattern/.test(problem.message)) problem.message = 'must be printable ASCII: multibyte characters are not accepted';
    if (problem.path === 'id' && /pattern/.test(problem.message)) problem.message = "must be letters, digits, '_', '.', ':' or '-', starting with a letter or digit";
  }
  const filter = candidate as LogFilter;
  if (typeof filter === 'object' && filter !== null) {
    if (typeof filter.name === 'string' && filter.name.trim() !== filter.name) problems.push({ path: 'name', message: 'must not start or end with a space' });
    if (typeof filter.query === 'string' && filter.query.length <= maxQueryLength) {
      const problem = queryProblem(filter.query);
      if (problem) problems.push(problem);
    }
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return filter;
}

/** The query's problem, if the store's search would reject it too (same parser, same value checks). */
export function queryProblem(query: string): FieldProblem | undefined {
  try {
    compileMatcher(query);
    return undefined;
  } catch (error) {
    if (error instanceof QueryError) return { path: 'query', message: error.message.replace(/^query: /, '') };
    throw error;
  }
}
