// Connectors as code: `cwc serve --config FILE` (JSON, or YAML for .yaml/.yml) creates or updates tenants and connectors, validated like the API.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CwcError, ValidationError, type FieldProblem } from '../core/errors.js';
import { SECRET_FIELDS, type ConnectorService } from '../connectors/service/index.js';
import { SYSTEM_ACTOR } from './system-actor.js';

export interface ConfigFileResult {
  created: string[];
  updated: string[];
}

const ENV_REFERENCE = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Secret fields may say `${env:NAME}` so the file holds no secret: the value comes from the environment at start-up.
 * A missing variable is a problem at that field, not an empty secret.
 */
function resolveSecrets(config: Record<string, unknown>, env: NodeJS.ProcessEnv, path: string, problems: FieldProblem[]): Record<string, unknown> {
  const resolved = { ...config };
  for (const field of SECRET_FIELDS) {
    const value = resolved[field];
    const match = typeof value === 'string' ? ENV_REFERENCE.exec(value) : null;
    if (match === null) continue;
    const fromEnv = env[match[1]!];
    if (fromEnv === undefined || fromEnv === '') problems.push({ path: `${path}.config.${field}`, message: `environment variable ${match[1]} is not set` });
    else resolved[field] = fromEnv;
  }
  return resolved;
}

/** Prefixes a connector's problems with its place in the file (`connectors[2].config.region`). */
function prefixed(error: unknown, path: string): FieldProblem[] {
  if (error instanceof ValidationError || (error instanceof CwcError && error.status < 500 && error.details.length > 0)) {
    return error.details.map((detail) => ({ path: `${path}.${detail.path}`, message: detail.message }));
  }
  if (error instanceof CwcError && error.status < 500) return [{ path, message: error.message }];
  throw error;
}

/**
 * Applies the file: `{"tenants": ["acme"], "connectors": [{…connector, "addToDefaultProfile": true}]}`. A connector is
 * matched by tenant and name: new ones are created, existing ones get the file's config and log filters. Every problem
 * in the file is reported at once, with its path; nothing is half-applied for a connector that has problems.
 */
export function applyConfigFile(service: ConnectorService, file: string, env: NodeJS.ProcessEnv = process.env): ConfigFileResult {
  const format = /\.ya?ml$/i.test(file) ? 'YAML' : 'JSON';
  let parsed: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    // YAML 1.2 core schema: no custom tags, so a config file cannot construct anything but plain data.
    parsed = format === 'YAML' ? parseYaml(text, { schema: 'core', maxAliasCount: 100 }) : JSON.parse(text);
  } catch (error) {
    throw new CwcError('usage_error', `--config: cannot read ${file} as ${format}: ${(error as Error).message}`, { status: 400 });
  }
  const problems: FieldProblem[] = [];
  if (!isPlainObject(parsed)) throw new ValidationError([{ path: '(root)', message: 'must be an object with tenants and connectors' }]);
  for (const key of Object.keys(parsed)) if (key !== 'tenants' && key !== 'connectors') problems.push({ path: key, message: 'is not a known field' });
  const tenants = parsed.tenants ?? [];
  const connectors = parsed.connectors ?? [];
  if (!Array.isArray(tenants) || !tenants.every((tenant) => typeof tenant === 'string')) problems.push({ path: 'tenants', message: 'must be a list of tenant names' });
  if (!Array.isArray(connectors)) problems.push({ path: 'connectors', message: 'must be a list of connectors' });
  if (problems.length > 0) throw new ValidationError(problems);

  (tenants as string[]).forEach((tenant, index) => {
    if (service.tenants.byName(tenant) !== undefined) return;
    try {
      service.tenants.createUnchecked(tenant);
    } catch (error) {
      problems.push(...prefixed(error, `tenants[${index}]`));
    }
  });

  const result: ConfigFileResult = { created: [], updated: [] };
  (connectors as unknown[]).forEach((entry, index) => {
    const path = `connectors[${index}]`;
    if (!isPlainObject(entry)) {
      problems.push({ path, message: 'must be a connector object' });
      return;
    }
    const { addToDefaultProfile = false, ...connector } = entry;
    if (typeof addToDefaultProfile !== 'boolean') problems.push({ path: `${path}.addToDefaultProfile`, message: 'must be true or false' });
    const secretProblems: FieldProblem[] = [];
    const config = isPlainObject(connector.config) ? resolveSecrets(connector.config, env, path, secretProblems) : connector.config;
    if (secretProblems.length > 0) {
      problems.push(...secretProblems);
      return;
    }
    try {
      const existing = typeof connector.tenant === 'string' && service.tenants.byName(connector.tenant) !== undefined
        ? service.connectors.list(SYSTEM_ACTOR, { tenant: connector.tenant }).find((view) => view.name === connector.name)
        : undefined;
      if (existing === undefined) {
        result.created.push(service.connectors.create(SYSTEM_ACTOR, { ...connector, config }, { addToDefaultProfile: addToDefaultProfile === true }).connector.id);
      } else {
        // The file is the whole truth for config: fields it leaves out are removed (secrets left out are kept).
        const removed = Object.fromEntries(Object.keys(existing.config).filter((key) => !(key in (config as object)) && !(SECRET_FIELDS as readonly string[]).includes(key)).map((key) => [key, null]));
        service.connectors.update(SYSTEM_ACTOR, existing.id, { ...connector, config: { ...removed, ...(config as object) }, logFilters: connector.logFilters ?? [] });
        if (addToDefaultProfile === true && existing.profileIds.length === 0) service.profiles.addConnector(SYSTEM_ACTOR, service.profiles.defaultProfileId(), existing.id);
        result.updated.push(existing.id);
      }
    } catch (error) {
      problems.push(...prefixed(error, path));
    }
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return result;
}
