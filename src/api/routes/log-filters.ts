// /api/v1/log-filters: a tenant's keep/drop rules over normalized records; edits reach the connectors that use them.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ConnectorService } from '../../connectors/service/index.js';
import { LogFilterSchema } from '../../filters/index.js';
import { userOf } from '../auth.js';
import type { LogFilterRepository } from '../log-filters.js';
import type { ConnectorRuntime } from '../runtime.js';
import { SYSTEM_ACTOR } from '../system-actor.js';

const TENANT = Type.String({ minLength: 1, maxLength: 64 });
const CreateBody = Type.Object({ ...LogFilterSchema.properties, tenant: Type.Optional(TENANT) }, { additionalProperties: false });
const FilterParams = Type.Object({ tenant: TENANT, id: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });
const ListQuery = Type.Object({ tenant: Type.Optional(TENANT) }, { additionalProperties: false });
const tags = ['log-filters'];

export function registerLogFilterRoutes(app: FastifyInstance, service: ConnectorService, filters: LogFilterRepository, runtime?: ConnectorRuntime): void {
  const usedBy = (tenant: string, id: string): string[] =>
    service.connectors.list(SYSTEM_ACTOR, { tenant }).filter((connector) => (connector.logFilters ?? []).includes(id)).map((connector) => connector.id);

  app.get('/api/v1/log-filters', { config: { summary: 'Log filters of your tenants, with the connectors that use each and what it dropped', tags }, schema: { querystring: ListQuery } }, async (request) => {
    const { tenant } = request.query as { tenant?: string };
    const user = userOf(request);
    const connectors = service.connectors.list(user, tenant === undefined ? {} : { tenant });
    return {
      logFilters: filters.list(user, tenant).map((filter) => {
        const using = connectors.filter((connector) => connector.tenant === filter.tenant && (connector.logFilters ?? []).includes(filter.id));
        // Each connector counts what its chain dropped since the service started; the filter's total is their sum.
        const dropped = using.reduce((sum, connector) => sum + (filters.snapshot(connector.id)?.filters.find((counter) => counter.id === filter.id)?.dropped ?? 0), 0);
        return { ...filter, connectorIds: using.map((connector) => connector.id), dropped };
      }),
    };
  });

  app.post('/api/v1/log-filters', { config: { summary: 'Create a log filter (tenant defaults to yours)', tags }, schema: { body: CreateBody } }, async (request, reply) => {
    const user = userOf(request);
    const { tenant = user.tenant ?? '', ...filter } = request.body as Record<string, unknown> & { tenant?: string };
    return reply.status(201).send(filters.create(user, tenant, filter));
  });

  app.get('/api/v1/log-filters/:tenant/:id', { config: { tags }, schema: { params: FilterParams } }, async (request) => {
    const { tenant, id } = request.params as { tenant: string; id: string };
    return { ...filters.get(userOf(request), tenant, id), connectorIds: usedBy(tenant, id) };
  });

  app.put('/api/v1/log-filters/:tenant/:id', { config: { summary: 'Replace a log filter; connectors that use it apply it from their next run', tags }, schema: { params: FilterParams, body: LogFilterSchema } }, async (request) => {
    const { tenant, id } = request.params as { tenant: string; id: string };
    const replaced = filters.replace(userOf(request), tenant, id, request.body);
    for (const connectorId of usedBy(tenant, id)) runtime?.connectorUpdated(connectorId);
    return replaced;
  });

  app.delete('/api/v1/log-filters/:tenant/:id', { config: { summary: 'Delete a log filter no connector uses', tags }, schema: { params: FilterParams } }, async (request, reply) => {
    const { tenant, id } = request.params as { tenant: string; id: string };
    filters.delete(userOf(request), tenant, id, usedBy(tenant, id));
    return reply.status(204).send();
  });
}
