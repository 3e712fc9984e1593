// The field catalog names every field the parsers' golden outputs carry, and only well-formed, distinct names.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldCatalog } from './field-catalog.js';

/** Dotted paths of a record's values: objects are walked, anything else (arrays too) is a leaf. */
function leafPaths(value: unknown, prefix: string, into: Set<string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leafPaths(child, prefix === '' ? key : `${prefix}.${key}`, into);
  } else {
    into.add(prefix);
  }
}

function goldenRecords(): Array<Record<string, unknown>> {
  const records: Array<Record<string, unknown>> = [];
  const root = new URL('./', import.meta.url);
  for (const entry of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('expected.ndjson')) continue;
    for (const line of readFileSync(new URL(entry, root), 'utf8').split('\n')) {
      if (line === '') continue;
      // The container family's file wraps each record: {name, record}.
      const parsed = JSON.parse(line) as Record<string, unknown>;
      records.push((typeof parsed.name === 'string' && typeof parsed.record === 'object' ? parsed.record : parsed) as Record<string, unknown>);
    }
  }
  return records;
}

describe('fieldCatalog', () => {
  const catalog = fieldCatalog();
  const names = new Set(catalog.map((field) => field.name));

  it('has each name once, in the query language\'s field syntax, with an index and a description', () => {
    expect(names.size).toBe(catalog.length);
    for (const field of catalog) {
      expect(field.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/);
      expect(field.indices.length).toBeGreaterThan(0);
      expect(field.description.length).toBeGreaterThan(2);
    }
  });

  it('names only fields the parsers produce, in the index they go to (the store and collector add the rest)', () => {
    const records = goldenRecords();
    expect(records.length).toBeGreaterThan(60);
    const produced = new Set<string>();
    for (const record of records) {
      const paths = new Set<string>();
      leafPaths(record, '', paths);
      for (const path of paths) produced.add(`${path} ${String(record.index)}`);
    }
    // Added after parsing: the store (write_time, tenant_name), the collector (connector, aws.*); or only when the event
    // has it (ingest_time: the VPC goldens are read without an ingestionTime) or on failure (parse_error).
    const addedLater = new Set(['ingest_time', 'write_time', 'tenant_name', 'connector.id', 'connector.name', 'aws.region', 'aws.account_id', 'aws.log_group', 'aws.log_stream', 'aws.event_id', 'parse_error']);
    const unproduced: string[] = [];
    for (const field of catalog) {
      if (addedLater.has(field.name) || field.name.startsWith('vpcflow.')) continue;
      for (const index of field.indices) if (!produced.has(`${field.name} ${index}`)) unproduced.push(`${field.name} (${index})`);
    }
    expect(unproduced).toEqual([]);
  });

  it('has every VPC Flow field of the parser under vpcflow., with - as _', () => {
    expect(names.has('vpcflow.pkt_srcaddr')).toBe(true);
    expect(names.has('vpcflow.tcp_flags')).toBe(true);
    expect(names.has('vpcflow.reject_reason')).toBe(true);
    expect([...names].filter((name) => name.startsWith('vpcflow.')).every((name) => !name.includes('-'))).toBe(true);
  });
});
