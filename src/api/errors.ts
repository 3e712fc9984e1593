// One error shape for every API failure: {"error":{"code","message","details":[{"path","message"}]}}, 4xx for bad input.
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CwcError, type FieldProblem } from '../core/errors.js';
import { dottedPath } from '../core/validate.js';

export interface ErrorBody {
  error: { code: string; message: string; details: FieldProblem[] };
}

interface AjvIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Where Fastify validated: body, querystring, params or headers; prefixed to the field path unless it is the body. */
function fieldPrefix(context: string | undefined): string {
  return context === undefined || context === 'body' ? '' : `${context}.`;
}

/** Ajv errors from Fastify's validation as `{path, message}` pairs whose path is the dotted field (`config.region`). */
export function ajvProblems(issues: readonly AjvIssue[], context: string | undefined): FieldProblem[] {
  const prefix = fieldPrefix(context);
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    if (issue.keyword === 'anyOf' || issue.keyword === 'oneOf' || issue.keyword === 'if') continue;
    let problem: FieldProblem;
    if (issue.keyword === 'required') problem = { path: dottedPath(issue.instancePath, String(issue.params.missingProperty)), message: 'is required' };
    else if (issue.keyword === 'additionalProperties') problem = { path: dottedPath(issue.instancePath, String(issue.params.additionalProperty)), message: 'is not a known field' };
    else if (issue.keyword === 'enum') problem = { path: dottedPath(issue.instancePath), message: `must be one of: ${(issue.params.allowedValues as unknown[]).map(String).join(', ')}` };
    else problem = { path: dottedPath(issue.instancePath), message: issue.message ?? 'is invalid' };
    // Field names come from the request (additionalProperties): keep them short so an error cannot echo a huge body.
    problem.path = `${prefix}${problem.path}`.slice(0, 200);
    const key = `${problem.path}\u0000${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

/** Fastify's own client errors (body parsing, content type, size) mapped to stable codes. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_RATE_LIMIT: 'rate_limited',
  FST_ERR_BAD_URL: 'bad_url',
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long',
};

export function errorBody(code: string, message: string, details: FieldProblem[] = []): ErrorBody {
  return { error: { code, message, details } };
}

/**
 * The one error handler. Client errors keep their status and a message that says what to fix; anything else is a
 * bug: 500 with a generic message and an id that is also in the log, never a stack or what the request carried.
 */
export function handleError(thrown: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  // A plugin or a library may throw something that is not an Error; it is still answered in the one shape.
  const error: Error = thrown instanceof Error ? thrown : new Error(typeof thrown === 'string' ? thrown : 'non-error thrown');
  const fastifyError = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (Array.isArray(fastifyError.validation)) {
    const details = ajvProblems(fastifyError.validation, fastifyError.validationContext);
    const message = details.map((d) => `${d.path}: ${d.message}`).join('; ');
    return reply.status(400).send(errorBody('validation_error', message || 'the request is not valid', details));
  }
  if (error instanceof CwcError && error.status >= 400 && error.status < 500) {
    return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
  }
  // Overload (the search queue is full, the service is closing): the client should come back, and is told when. A
  // search stopped at its time limit would run as long again: no Retry-After, its message says what to narrow.
  if (error instanceof CwcError && error.status === 503) {
    if (error.code === 'search_timeout') return reply.status(503).send(errorBody(error.code, error.message));
    const retryAfterSeconds = (error as CwcError & { retryAfterSeconds?: unknown }).retryAfterSeconds;
    return reply.status(503).header('retry-after', String(typeof retryAfterSeconds === 'number' ? retryAfterSeconds : 1)).send(errorBody(error.code, error.message));
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return reply.status(400).send(errorBody('malformed_json', `the body is not valid JSON: ${error.message.slice(0, 200)}`));
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = FASTIFY_CODES[fastifyError.code] ?? (status === 404 ? 'not_found' : 'bad_request');
    return reply.status(status).send(errorBody(code, error.message.slice(0, 500)));
  }
  const incident = randomUUID();
  request.log.error({ err: error, incident }, 'unhandled error');
  return reply.status(500).send(errorBody('internal_error', `internal error; the server log has the details under incident ${incident}`));
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.status(404).send(errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]!.slice(0, 200)}`));
}
