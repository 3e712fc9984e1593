// /api/v1/connectors: list, create (with the default-profile prompt), read, patch, delete, test, run now, status.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ConnectorSchema } from '../../core/connector.js';
import { CwcError } from '../../core/errors.js';
import { requireRole, type ConnectorService } from '../../connectors/service/index.js';
import type { ConnectivityResult } from '../../connectors/connectivity.js';
import type { TestRunner } from '../../connectors/test-runner.js';
import { userOf } from '../auth.js';
import type { ApiMetrics } from '../metrics.js';
import type { LogFilterRepository } from '../log-filters.js';
import type { ConnectorRuntime } from '../runtime.js';

export interface ConnectorRouteDeps {
  service: ConnectorService;
  testRunner: TestRunner;
  runtime?: ConnectorRuntime;
  metrics: ApiMetrics;
  logFilters?: LogFilterRepository;
}

/** The last connectivity test of each connector, shown with its status (also for connectors that do not pull). */
interface LastTest {
  at: string;
  result: ConnectivityResult;
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });

/** The connector as the CLI file has it, plus the product document's "add to the default profile?" answer. */
const CreateBody = Type.Object(
  { ...ConnectorSchema.properties, addToDefaultProfile: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);

/** A partial edit: config fields (a secret left out or sent as {"set": true} keeps its value; null removes a field), logFilters. */
const PatchBody = Type.Object(
  {
    config: Type.Optional(Type.Object({}, { additionalProperties: true })),
    logFilters: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 100 })),
    // General fields may be repeated unchanged (the console sends the whole form); a change is refused with its field.
    name: Type.Optional(Type.Unknown()),
    category: Type.Optional(Type.Unknown()),
    type: Type.Optional(Type.Unknown()),
    functions: Type.Optional(Type.Unknown()),
    tenant: Type.Optional(Type.Unknown()),
    runOn: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

const ListQuery = Type.Object({ tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }, { additionalProperties: false });
const RunQuery = Type.Object({ wait: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) }, { additionalProperties: false });

const tags = ['connectors'];

export function registerConnectorRoutes(app: FastifyInstance, deps: ConnectorRouteDeps): void {
  const { service } = deps;
  const lastTests = new Map<string, LastTest>();

  app.get('/api/v1/connectors', { config: { summary: 'Connectors you may see', tags }, schema: { querystring: ListQuery } }, async (request) => {
    const { tenant } = request.query as { tenant?: string };
    return { connectors: service.connectors.list(userOf(request), tenant === undefined ? {} : { tenant }) };
  });

  app.post('/api/v1/connectors', { config: { summary: 'Create a connector', tags }, schema: { body: CreateBody } }, async (request, reply) => {
    const { addToDefaultProfile = false, ...connector } = request.body as Record<string, unknown> & { addToDefaultProfile?: boolean };
    const result = service.connectors.create(userOf(request), connector, { addToDefaultProfile });
    return reply.status(201).send(result);
  });

  app.get('/api/v1/connectors/:id', { config: { summary: 'One connector (secrets shown as {"set": true})', tags }, schema: { params: IdParams } }, async (request) => {
    return service.connectors.get(userOf(request), (request.params as { id: string }).id);
  });

  app.patch('/api/v1/connectors/:id', { config: { summary: 'Edit config and log filters; general fields are fixed', tags }, schema: { params: IdParams, body: PatchBody } }, async (request) => {
    const { id } = request.params as { id: string };
    const updated = service.connectors.update(userOf(request), id, request.body);
    deps.runtime?.connectorUpdated(id);
    return updated;
  });

  app.delete('/api/v1/connectors/:id', { config: { summary: 'Delete a connector (its stored records stay)', tags }, schema: { params: IdParams } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    service.connectors.delete(userOf(request), id);
    lastTests.delete(id);
    deps.metrics.forget(id);
    return reply.status(204).send();
  });

  app.post('/api/v1/connectors/:id/test', { config: { summary: 'Connectivity test (one at a time; 409 while another runs)', tags }, schema: { params: IdParams } }, async (request) => {
    const user = userOf(request);
    const { id } = request.params as { id: string };
    service.connectors.get(user, id);
    requireRole(user, 'tenant_admin');
    const runnable = service.connectors.runnable(id);
    if (runnable === undefined) throw new CwcError('not_found', `no connector with id ${JSON.stringify(id)}`, { status: 404 });
    const result = await deps.testRunner.run(id, runnable.connector);
    lastTests.set(id, { at: new Date().toISOString(), result });
    deps.runtime?.testFinished(id, result);
    deps.metrics.testFinished(result);
    return result;
  });

  app.post('/api/v1/connectors/:id/run', { config: { summary: 'Pull now (with ?wait=true, answer with the run summary)', tags }, schema: { params: IdParams, querystring: RunQuery } }, async (request, reply) => {
    const user = userOf(request);
    const { id } = request.params as { id: string };
    const view = service.connectors.get(user, id);
    requireRole(user, 'tenant_admin');
    if (deps.runtime === undefined || !deps.runtime.isScheduled(id)) {
      throw new CwcError('not_pulling', view.pulling
        ? 'the connector is not scheduled in this server (the collector is not running here)'
        : 'the connector pulls data only while it belongs to a Data Analyzer profile; add it to one first', { status: 409 });
    }
    const run = deps.runtime.scheduler.runNow(id);
    if ((request.query as { wait?: string }).wait !== 'true') {
      void run.catch(() => undefined);
      return reply.status(202).send({ started: true });
    }
    const summary = await run;
    return { started: true, summary: summary ?? null };
  });

  app.get('/api/v1/connectors/:id/status', { config: { summary: 'Connector status: last run, events, lag per log group, throttles, last error', tags }, schema: { params: IdParams } }, async (request) => {
    const { id } = request.params as { id: string };
    const view = service.connectors.get(userOf(request), id);
    const status = deps.runtime?.scheduler.status(id);
    const lastTest = lastTests.get(id);
    const filters = deps.logFilters?.snapshot(id);
    return { id, pulling: view.pulling, status: status ?? null, lastTest: lastTest ?? null, logFilters: filters ?? null };
  });
}
