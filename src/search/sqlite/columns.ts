// The SQLite store's hot columns and which query fields map onto them (the only names compiled SQL ever contains).

/**
 * A lookup table without a prototype: field names come from queries, and `constructor` or `__proto__` must find
 * nothing rather than Object's built-ins.
 */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** Query field → column holding the same value (NULL when the record lacks it or it has another type). */
export const hotColumns: Readonly<Record<string, { column: string; type: 'integer' | 'text' }>> = lookupTable({
  timestamp: { column: 'ts', type: 'integer' },
  tenant_name: { column: 'tenant', type: 'text' },
  msg_class: { column: 'msg_class', type: 'text' },
  'aws.event_id': { column: 'event_id', type: 'text' },
  srcport: { column: 'srcport', type: 'integer' },
  dstport: { column: 'dstport', type: 'integer' },
  proto: { column: 'proto', type: 'integer' },
  action: { column: 'action', type: 'text' },
  bytes: { column: 'bytes', type: 'integer' },
});

/** IP fields: IPv4 as an integer column, IPv6 as a 32-hex-digit column, so CIDR is a range scan on either. */
export const ipColumns: Readonly<Record<string, { v4: string; v6: string }>> = lookupTable({
  srcip: { v4: 'srcip_num', v6: 'srcip_v6' },
  dstip: { v4: 'dstip_num', v6: 'dstip_v6' },
});

/** Stands for the partition's FTS5 table in compiled SQL; the store substitutes its own generated table name. */
export const ftsTablePlaceholder = '$FTS$';
