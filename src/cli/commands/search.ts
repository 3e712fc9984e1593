// `cwc search --db FILE … QUERY`: Threat Hunting from the terminal — a readable table, NDJSON records, or the total.
import { existsSync } from 'node:fs';
import { UsageError } from '../../core/errors.js';
import type { IndexName } from '../../core/record.js';
import { formatHitsTable } from '../../search/format.js';
import { parseTime } from '../../search/time.js';
import type { SearchRequest, TenantScope } from '../../store/store.js';
import { maxPageSize } from '../../store/store.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { integerOption, stringOption, type Command, type ParsedArgs } from '../command.js';

function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'Search stored Interflow records (Lucene-style query)',
  usage: `Usage: cwc search --db FILE [--index syslog|traffic]… [--from T] [--to T] [--limit N] [--count] [--format ndjson|table] QUERY

QUERY is Lucene-style: field:value, field:"phrase", field:val*, field:[a TO b], field:>=n, AND/OR/NOT and
parentheses, bare words = full text over message, CIDR on IP fields (srcip:10.0.0.0/8), dotted nested fields
(msg_origin.source:aws_guardduty). Empty or * matches everything. T is ISO-8601, epoch ms, or now-24h.

Options:
  --db FILE              the store file (SQLite)
  --index NAME           syslog or traffic; repeat for both (default both)
  --tenant NAME          only this tenant's records; repeat for several (default: every tenant in the file)
  --from T               records at or after T
  --to T                 records before T
  --limit N              hits to show, 1–${maxPageSize} (default 100)
  --sort asc|desc        by timestamp (default desc, newest first)
  --after CURSOR         the next page: the cursor printed after the previous page
  --count                print only the total (exact up to 100,000,000)
  --format table|ndjson  a readable table (default) or one full record per line
  -h, --help             this help`,
  options: {
    db: { type: 'string' },
    index: { type: 'string', multiple: true },
    tenant: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    sort: { type: 'string' },
    after: { type: 'string' },
    count: { type: 'boolean' },
    format: { type: 'string' },
  },
  allowPositionals: true,
  async run(args, io) {
    const file = stringOption(args, 'db');
    if (!file) throw new UsageError('--db: required (the store file to search)');
    if (file !== ':memory:' && !existsSync(file)) throw new UsageError(`--db: no store at '${file}'`);
    const indices = listOption(args, 'index');
    for (const index of indices) {
      if (index !== 'syslog' && index !== 'traffic') throw new UsageError(`--index: must be 'syslog' or 'traffic', got '${index}'`);
    }
    const format = stringOption(args, 'format') ?? 'table';
    if (format !== 'table' && format !== 'ndjson') throw new UsageError(`--format: must be 'table' or 'ndjson', got '${format}'`);
    const sort = stringOption(args, 'sort') ?? 'desc';
    if (sort !== 'asc' && sort !== 'desc') throw new UsageError(`--sort: must be 'asc' or 'desc', got '${sort}'`);
    const fromText = stringOption(args, 'from');
    const toText = stringOption(args, 'to');
    const request: SearchRequest = {
      query: args.positionals.join(' '),
      size: integerOption(args, 'limit', { min: 1, max: maxPageSize }) ?? 100,
      sort,
      ...(indices.length > 0 ? { indices: [...new Set(indices)] as IndexName[] } : {}),
      ...(fromText === undefined ? {} : { from: parseTime(fromText, '--from') }),
      ...(toText === undefined ? {} : { to: parseTime(toText, '--to') }),
    };
    const after = stringOption(args, 'after');
    if (after !== undefined) request.after = after;
    if (request.from !== undefined && request.to !== undefined && request.from > request.to) {
      throw new UsageError(`--from (${fromText}) is after --to (${toText})`);
    }
    // The CLI user holds the whole file, so the default scope is every tenant in it; --tenant narrows it.
    const tenants = listOption(args, 'tenant');
    const scope: TenantScope = tenants.length > 0 ? { tenants } : { allTenants: true };
    const store = new SqliteStore(file);
    try {
      if (args.values.count === true) {
        // A count asked for on its own is exact (up to 100 million), not the page's bounded total.
        const total = await store.count({ ...request, totalBound: 100_000_000 }, scope);
        io.stdout.write(`${total.relation === 'gte' ? '>=' : ''}${total.value}\n`);
        return 0;
      }
      const result = await store.search(request, scope);
      if (format === 'ndjson') {
        for (const hit of result.hits) io.stdout.write(`${JSON.stringify(hit)}\n`);
        if (result.nextCursor) io.stderr.write(`next page: --after ${result.nextCursor}\n`);
        return 0;
      }
      io.stdout.write(`${formatHitsTable(result.hits)}\n`);
      const total = `${result.total.relation === 'gte' ? 'at least ' : ''}${result.total.value}`;
      io.stdout.write(`${result.hits.length} of ${total} hits${result.nextCursor ? `; next page: --after ${result.nextCursor}` : ''}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
