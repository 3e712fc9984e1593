// POST /api/v1/search: the query language over the user's tenants' records, with total, hits and an optional histogram;
// GET /api/v1/fields: the fields a query can name, for the console's suggestions.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CwcError } from '../../core/errors.js';
import type { IndexName } from '../../core/record.js';
import { fieldCatalog } from '../../parsers/field-catalog.js';
import { fieldKind } from '../../search/fields.js';
import { tryParseTime } from '../../search/time.js';
import { maxHistogramBuckets, maxPageSize, type InterflowStore, type SearchRequest, type TenantScope } from '../../store/store.js';
import type { User } from '../../connectors/service/index.js';
import { userOf } from '../auth.js';

const Time = Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Integer({ minimum: 0 })]);

const SearchBody = Type.Object(
  {
    indices: Type.Optional(Type.Array(Type.Union([Type.Literal('syslog'), Type.Literal('traffic')]), { minItems: 1, maxItems: 2, uniqueItems: true })),
    query: Type.Optional(Type.String({ maxLength: 10_000 })),
    from: Type.Optional(Time),
    to: Type.Optional(Time),
    size: Type.Optional(Type.Integer({ minimum: 0, maximum: maxPageSize })),
    sort: Type.Optional(Type.Union([Type.Literal('desc'), Type.Literal('asc')])),
    after: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    /** Only these of your tenants (root administrator: any). */
    tenants: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 1000 })),
    histogram: Type.Optional(
      Type.Union([
        Type.Boolean(),
        Type.Object(
          {
            intervalMilliseconds: Type.Optional(Type.Integer({ minimum: 1000 })),
            targetBuckets: Type.Optional(Type.Integer({ minimum: 1, maximum: maxHistogramBuckets })),
          },
          { additionalProperties: false },
        ),
      ]),
    ),
  },
  { additionalProperties: false },
);

interface SearchInput {
  indices?: IndexName[];
  query?: string;
  from?: string | number;
  to?: string | number;
  size?: number;
  sort?: 'desc' | 'asc';
  after?: string;
  tenants?: string[];
  histogram?: boolean | { intervalMilliseconds?: number; targetBuckets?: number };
}

function time(value: string | number | undefined, field: string, now: number): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  const parsed = tryParseTime(value, now);
  if (parsed === undefined) {
    throw new CwcError('validation_error', `${field}: not a time (use ISO-8601, epoch milliseconds, or now-24h)`, { status: 400, details: [{ path: field, message: 'not a time' }] });
  }
  return parsed;
}

/** A tenant user searches only its tenant; asking for another tenant is refused rather than silently narrowed. */
export function scopeFor(user: User, tenants: string[] | undefined): TenantScope {
  if (user.role === 'root_admin') return tenants === undefined ? { allTenants: true } : { tenants };
  const own = user.tenant ?? '\u0000no tenant';
  const foreign = (tenants ?? []).filter((tenant) => tenant !== own);
  if (foreign.length > 0) throw new CwcError('forbidden', 'you can only search your own tenant', { status: 403, details: [{ path: 'tenants', message: `may only name ${JSON.stringify(own)}` }] });
  return { tenants: [own] };
}

export function registerSearchRoutes(app: FastifyInstance, store: InterflowStore): void {
  // The same for every user and every request: built once.
  const fields = fieldCatalog().map((field) => ({ ...field, kind: fieldKind(field.name) }));
  app.get('/api/v1/fields', { config: { summary: 'The record fields a query can name: index, kind (time, ip, number, text), meaning', tags: ['search'] } }, async () => ({ fields }));

  app.post('/api/v1/search', { config: { summary: 'Search Interflow records in your tenants', tags: ['search'] }, schema: { body: SearchBody } }, async (request) => {
    const input = request.body as SearchInput;
    const scope = scopeFor(userOf(request), input.tenants);
    const now = Date.now();
    const from = time(input.from, 'from', now);
    const to = time(input.to, 'to', now);
    if (from !== undefined && to !== undefined && from > to) {
      throw new CwcError('validation_error', 'from is after to', { status: 400, details: [{ path: 'from', message: 'must not be after to' }] });
    }
    const search: SearchRequest = {
      query: input.query ?? '',
      size: input.size ?? 100,
      sort: input.sort ?? 'desc',
      ...(input.indices === undefined ? {} : { indices: input.indices }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(input.after === undefined ? {} : { after: input.after }),
    };
    const result = await store.search(search, scope);
    let histogram = null;
    if (input.histogram !== undefined && input.histogram !== false) {
      const options = input.histogram === true ? {} : input.histogram;
      histogram = await store.histogram(search, scope, options);
    }
    return { total: result.total, hits: result.hits, histogram, ...(result.nextCursor === undefined ? {} : { nextCursor: result.nextCursor }) };
  });
}
