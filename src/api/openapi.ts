// The OpenAPI 3.1 document, generated from the schemas the routes validate with (collected as routes register).
import type { FastifyInstance, RouteOptions } from 'fastify';

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<Record<string, unknown>>;
  requestBody?: Record<string, unknown>;
  responses: Record<string, unknown>;
}

const ERROR_SCHEMA = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, column: { type: 'integer', minimum: 1 } } } },
      },
    },
  },
};

/** `/api/v1/connectors/:id` → `/api/v1/connectors/{id}`. */
const openApiPath = (url: string): string => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** JSON Schema objects as plain JSON: TypeBox adds symbol keys that have no place in the document. */
const plain = (schema: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

function parametersOf(schema: unknown, where: 'path' | 'query'): Array<Record<string, unknown>> {
  const object = schema === undefined ? undefined : plain(schema);
  const properties = (object?.properties ?? {}) as Record<string, unknown>;
  const required = new Set((object?.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => ({ name, in: where, required: where === 'path' || required.has(name), schema: property }));
}

export class OpenApiCollector {
  private readonly paths: Record<string, Record<string, Operation>> = {};

  /** Registers the hook; call before any route is added. */
  attach(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => this.add(route));
  }

  private add(route: RouteOptions): void {
    const config = (route.config ?? {}) as { openapi?: boolean; public?: boolean; summary?: string; tags?: string[] };
    // Routes that hide their schema (the console's static files) are not part of the API document.
    if (config.openapi === false || (route.schema as { hide?: boolean } | undefined)?.hide === true) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((method) => method !== 'HEAD');
    const schema = (route.schema ?? {}) as { body?: unknown; params?: unknown; querystring?: unknown; response?: Record<string, unknown> };
    const path = openApiPath(route.url);
    for (const method of methods) {
      const operation: Operation = {
        ...(config.summary === undefined ? {} : { summary: config.summary }),
        ...(config.tags === undefined ? {} : { tags: config.tags }),
        ...(config.public === true ? { security: [] } : {}),
        responses: {
          ...Object.fromEntries(Object.entries(schema.response ?? {}).map(([status, body]) => [status, { description: `HTTP ${status}`, content: { 'application/json': { schema: plain(body) } } }])),
          '4XX': { description: 'A client error', content: { 'application/json': { schema: ERROR_SCHEMA } } },
        },
      };
      if (schema.response === undefined || Object.keys(schema.response).length === 0) operation.responses['200'] = { description: 'OK' };
      const parameters = [...parametersOf(schema.params, 'path'), ...parametersOf(schema.querystring, 'query')];
      if (parameters.length > 0) operation.parameters = parameters;
      if (schema.body !== undefined) operation.requestBody = { required: true, content: { 'application/json': { schema: plain(schema.body) } } };
      (this.paths[path] ??= {})[method.toLowerCase()] = operation;
    }
  }

  document(version: string): Record<string, unknown> {
    return {
      openapi: '3.1.0',
      info: { title: 'cloudwatch-connector REST API', version },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'cwc_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
      paths: this.paths,
    };
  }
}
