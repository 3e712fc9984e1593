// Validates a value against a JSON Schema with Ajv and reports every problem with its dotted field path.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldProblem } from './errors.js';

// ajv-formats is CommonJS: under NodeNext its plugin function is the `default` of the imported module object.
const addFormats = (addFormatsModule as unknown as { default: (instance: Ajv) => Ajv }).default;

const ajv = new Ajv({ allErrors: true, strict: true, useDefaults: true, coerceTypes: false });
addFormats(ajv);

const compiled = new WeakMap<object, ValidateFunction>();

/** `/config/logGroups/2` → `config.logGroups[2]`. */
export function dottedPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path === '' ? part : `.${part}`;
  return path === '' ? '(root)' : path;
}

function describe(error: ErrorObject): FieldProblem {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: dottedPath(error.instancePath, String(params.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { path: dottedPath(error.instancePath, String(params.additionalProperty)), message: 'is not a known field' };
    case 'enum':
      return { path: dottedPath(error.instancePath), message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'const':
      return { path: dottedPath(error.instancePath), message: `must be '${String(params.allowedValue)}'` };
    default:
      return { path: dottedPath(error.instancePath), message: error.message ?? 'is invalid' };
  }
}

/**
 * Checks `value` against `schema` (filling schema defaults in place). Returns the problems, one per field;
 * an empty list means the value is valid.
 */
export function schemaProblems(schema: object, value: unknown): FieldProblem[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const error of validate.errors ?? []) {
    // `anyOf`/`if` wrappers repeat what their branches already said.
    if (error.keyword === 'anyOf' || error.keyword === 'if' || error.keyword === 'oneOf') continue;
    const problem = describe(error);
    const key = `${problem.path}\u0000${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}
