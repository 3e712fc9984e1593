// /api/v1/tenants, /users and /profiles: thin routes over the service repositories, which enforce roles and tenancy.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { ConnectorService, NewUser } from '../../connectors/service/index.js';
import { userOf } from '../auth.js';
import { IdParams } from './connectors.js';

const NameBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const Role = Type.Union([Type.Literal('root_admin'), Type.Literal('tenant_admin'), Type.Literal('tenant_analyst')]);
const NewUserBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    role: Role,
    tenant: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
const PasswordBody = Type.Object({ password: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false });
const TokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });
const MemberParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 128 }), connectorId: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);

export function registerAdminRoutes(app: FastifyInstance, service: ConnectorService): void {
  const id = (params: unknown): string => (params as { id: string }).id;

  // Tenants
  app.get('/api/v1/tenants', { config: { summary: 'Tenants you may see', tags: ['tenants'] } }, async (request) => ({ tenants: service.tenants.list(userOf(request)) }));
  app.post('/api/v1/tenants', { config: { summary: 'Create a tenant (root administrator)', tags: ['tenants'] }, schema: { body: NameBody } }, async (request, reply) =>
    reply.status(201).send(service.tenants.create(userOf(request), (request.body as { name: string }).name)));
  app.get('/api/v1/tenants/:id', { config: { tags: ['tenants'] }, schema: { params: IdParams } }, async (request) => service.tenants.get(userOf(request), id(request.params)));
  app.delete('/api/v1/tenants/:id', { config: { summary: 'Delete an empty tenant', tags: ['tenants'] }, schema: { params: IdParams } }, async (request, reply) => {
    service.tenants.delete(userOf(request), id(request.params));
    return reply.status(204).send();
  });

  // Users
  app.get('/api/v1/users', { config: { summary: 'Users you may see', tags: ['users'] } }, async (request) => ({ users: service.users.list(userOf(request)) }));
  app.post('/api/v1/users', { config: { summary: 'Create a user', tags: ['users'] }, schema: { body: NewUserBody } }, async (request, reply) =>
    reply.status(201).send(await service.users.create(userOf(request), request.body as NewUser)));
  app.get('/api/v1/users/:id', { config: { tags: ['users'] }, schema: { params: IdParams } }, async (request) => service.users.get(userOf(request), id(request.params)));
  app.put('/api/v1/users/:id/password', { config: { summary: 'Set a password (ends that user\'s sessions)', tags: ['users'] }, schema: { params: IdParams, body: PasswordBody } }, async (request, reply) => {
    await service.users.changePassword(userOf(request), id(request.params), (request.body as { password: string }).password);
    return reply.status(204).send();
  });
  app.delete('/api/v1/users/:id', { config: { tags: ['users'] }, schema: { params: IdParams } }, async (request, reply) => {
    service.users.delete(userOf(request), id(request.params));
    return reply.status(204).send();
  });
  app.post('/api/v1/tokens', { config: { summary: 'A named API token for automation (shown once)', tags: ['auth'] }, schema: { body: TokenBody } }, async (request, reply) =>
    reply.status(201).send(service.users.createApiToken(userOf(request), (request.body as { name: string }).name)));

  // Data Analyzer profiles
  app.get('/api/v1/profiles', { config: { summary: 'Data Analyzer profiles', tags: ['profiles'] } }, async (request) => ({ profiles: service.profiles.list(userOf(request)) }));
  app.post('/api/v1/profiles', { config: { summary: 'Create a profile (root administrator)', tags: ['profiles'] }, schema: { body: NameBody } }, async (request, reply) =>
    reply.status(201).send(service.profiles.create(userOf(request), (request.body as { name: string }).name)));
  app.get('/api/v1/profiles/:id', { config: { tags: ['profiles'] }, schema: { params: IdParams } }, async (request) => service.profiles.get(userOf(request), id(request.params)));
  app.delete('/api/v1/profiles/:id', { config: { tags: ['profiles'] }, schema: { params: IdParams } }, async (request, reply) => {
    service.profiles.delete(userOf(request), id(request.params));
    return reply.status(204).send();
  });
  app.put('/api/v1/profiles/:id/connectors/:connectorId', { config: { summary: 'Add a connector to a profile: it starts pulling', tags: ['profiles'] }, schema: { params: MemberParams } }, async (request) => {
    const { id: profileId, connectorId } = request.params as { id: string; connectorId: string };
    service.profiles.addConnector(userOf(request), profileId, connectorId);
    return service.profiles.get(userOf(request), profileId);
  });
  app.delete('/api/v1/profiles/:id/connectors/:connectorId', { config: { summary: 'Take a connector out of a profile', tags: ['profiles'] }, schema: { params: MemberParams } }, async (request) => {
    const { id: profileId, connectorId } = request.params as { id: string; connectorId: string };
    service.profiles.removeConnector(userOf(request), profileId, connectorId);
    return service.profiles.get(userOf(request), profileId);
  });
}
