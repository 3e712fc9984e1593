// createApiServer: the Fastify app of the REST API — security headers, body limit, auth, one error shape, OpenAPI, metrics.
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ConnectorService } from '../connectors/service/index.js';
import { TestRunner } from '../connectors/test-runner.js';
import { version } from '../cli/version.js';
import type { InterflowStore } from '../store/store.js';
import { DEFAULT_LOGIN_LIMITS, registerAuth, type LoginLimits } from './auth.js';
import { CwcError } from '../core/errors.js';
import { handleError, handleNotFound } from './errors.js';
import { ApiMetrics } from './metrics.js';
import { OpenApiCollector } from './openapi.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerConnectorRoutes } from './routes/connectors.js';
import { registerIamPolicyRoutes } from './routes/iam-policy.js';
import { registerSearchRoutes } from './routes/search.js';
import type { LogFilterRepository } from './log-filters.js';
import { registerLogFilterRoutes } from './routes/log-filters.js';
import type { ConnectorRuntime } from './runtime.js';
import { defaultConsoleDirectory, registerConsole } from './ui.js';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface ApiDeps {
  service: ConnectorService;
  store: InterflowStore;
  /** The scheduler glue; without it, run and status say the collector is not running here. */
  runtime?: ConnectorRuntime;
  testRunner?: TestRunner;
  /** The tenants' log filters; without it, /log-filters is not served. */
  logFilters?: LogFilterRepository;
  metrics?: ApiMetrics;
  /** Where the JSON logs go (pino); default stdout. `false` turns logging off. */
  logStream?: NodeJS.WritableStream | false;
  logLevel?: string;
  bodyLimitBytes?: number;
  loginLimits?: LoginLimits;
  /** Mark the session cookie Secure (set when served over HTTPS, e.g. behind a TLS proxy). */
  secureCookie?: boolean;
  /** Serve /metrics without authentication (for a Prometheus that cannot send a token). Default false. */
  publicMetrics?: boolean;
  /** The built web console (default dist/ui); `false` serves the API only. */
  consoleDirectory?: string | false;
}

/** Header and field names whose values never reach the log. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.secretAccessKey', '*.sourceSecretAccessKey', '*.token'];

export async function createApiServer(deps: ApiDeps): Promise<FastifyInstance> {
  const metrics = deps.metrics ?? new ApiMetrics();
  const app = Fastify({
    logger: deps.logStream === false ? false : { level: deps.logLevel ?? 'info', redact: { paths: REDACT, censor: '[redacted]' }, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    // Unknown fields are errors, types are never coerced, every problem is reported at once (decision 0007).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true, useDefaults: true } },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    // Errors the router raises before any route (bad URL encoding, an over-long id) get the one error shape too.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
    routerOptions: { maxParamLength: 256 },
  });
  const openapi = new OpenApiCollector();
  openapi.attach(app);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);

  await app.register(helmet, { global: true });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // Thrown by the plugin, so it reaches the one error handler like every other error.
    errorResponseBuilder: (_request, context) => new CwcError('rate_limited', `too many requests; try again in ${Math.ceil(context.ttl / 1000)} s`, { status: 429 }),
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.httpRequests.inc({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
  });

  app.get('/api/v1/healthz', { config: { public: true, summary: 'Liveness', tags: ['service'] } }, async () => ({ status: 'ok', version }));
  app.get('/api/v1/openapi.json', { config: { public: true, openapi: false } }, async () => openapi.document(version));
  app.get('/metrics', { config: { public: deps.publicMetrics ?? false, summary: 'Prometheus metrics', tags: ['service'] } }, async (_request, reply) => {
    const rendered = await metrics.render();
    return reply.type(rendered.contentType).send(rendered.body);
  });

  await registerAuth(app, deps.service.users, deps.loginLimits ?? DEFAULT_LOGIN_LIMITS, deps.secureCookie ?? false);
  registerConnectorRoutes(app, {
    service: deps.service,
    testRunner: deps.testRunner ?? new TestRunner(),
    metrics,
    ...(deps.runtime ? { runtime: deps.runtime } : {}),
    ...(deps.logFilters ? { logFilters: deps.logFilters } : {}),
  });
  registerSearchRoutes(app, deps.store);
  registerAdminRoutes(app, deps.service);
  registerIamPolicyRoutes(app);
  if (deps.logFilters !== undefined) registerLogFilterRoutes(app, deps.service, deps.logFilters, deps.runtime);
  if (deps.consoleDirectory !== false) await registerConsole(app, deps.consoleDirectory ?? defaultConsoleDirectory());
  await app.ready();
  return app;
}
