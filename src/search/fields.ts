// The fields analysts search: their kinds (time, ip, number, text) and the "unknown field, did you mean …" check.
import { fieldsOf, type QueryNode } from './ast.js';
import { QueryError } from './errors.js';

export type FieldKind = 'time' | 'ip' | 'number' | 'text';

/** Top-level record fields CONTRACT defines; nested ones under them are open-ended. */
export const contractTopLevelFields: readonly string[] = [
  'timestamp', 'ingest_time', 'write_time', 'msg_class', 'msg_origin', 'index', 'log_family', 'tenant_name', 'connector',
  'aws', 'message', 'parse_error', 'srcip', 'dstip', 'srcport', 'dstport', 'proto', 'proto_name', 'action', 'log_status',
  'packets', 'bytes', 'start_time', 'end_time', 'interface_id', 'vpcflow', 'http', 'waf', 'event_name', 'severity',
  'severity_label', 'guardduty', 'container', 'ecs', 'log', 'k8s',
];

// No prototype: a query field named `constructor` must not find Object's built-in.
const kinds: Readonly<Record<string, FieldKind>> = Object.freeze(Object.assign(Object.create(null) as Record<string, FieldKind>, {
  timestamp: 'time', ingest_time: 'time', write_time: 'time', start_time: 'time', end_time: 'time',
  srcip: 'ip', dstip: 'ip',
  srcport: 'number', dstport: 'number', proto: 'number', bytes: 'number', packets: 'number', severity: 'number',
}));

export function fieldKind(field: string): FieldKind {
  return kinds[field] ?? 'text';
}

/**
 * Records are open-ended, so a field no record has is not an error in itself, but an analyst who types
 * `scrip:10.0.0.1` and sees zero hits believes there are none. So a query naming a top-level field that is neither
 * in CONTRACT nor in any stored record is rejected with the nearest known names.
 */
export function checkFieldsKnown(node: QueryNode, knownTopLevel: ReadonlySet<string>): void {
  for (const { field, column } of fieldsOf(node)) {
    const top = field.split('.')[0] as string;
    if (knownTopLevel.has(top) || contractTopLevelFields.includes(top)) continue;
    const candidates = [...new Set([...contractTopLevelFields, ...knownTopLevel])];
    const near = candidates
      .map((name) => ({ name, distance: editDistance(top, name) }))
      .filter((c) => c.distance <= Math.max(2, Math.floor(top.length / 3)))
      .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
      .slice(0, 3)
      .map((c) => c.name);
    const hint = near.length > 0 ? ` — did you mean ${near.map((n) => `'${n}'`).join(' or ')}?` : '';
    throw new QueryError(`unknown field '${field}': no stored record has '${top}'${hint}`, column, 'query_unknown_field');
  }
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}
