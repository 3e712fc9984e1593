// Small, total readers for untrusted JSON values: they never throw and return undefined for the wrong type.
import { isIP } from 'node:net';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses text that should hold one JSON object; the error names what was wrong instead of throwing. */
export function parseJsonObject(text: string): { value: JsonObject } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isObject(value)) return { error: `JSON is ${Array.isArray(value) ? 'an array' : typeof value}, not an object` };
  return { value };
}

/** A string value, or undefined (empty strings and `-` mean absent, as CONTRACT says). */
export function stringAt(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' && value !== '' && value !== '-' ? value : undefined;
}

/** A finite number, or a string of digits that JSON producers such as Container Insights write for numbers. */
export function numberAt(object: JsonObject, key: string): number | undefined {
  const value = object[key];
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d{1,16}(\.\d{1,20})?$/.test(value)) return Number(value);
  return undefined;
}

export function objectAt(object: JsonObject, key: string): JsonObject | undefined {
  const value = object[key];
  return isObject(value) ? value : undefined;
}

/** The string items of an array value; non-strings are skipped. */
export function stringsAt(object: JsonObject, key: string): string[] | undefined {
  const value = object[key];
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((item): item is string => typeof item === 'string');
  return strings.length > 0 ? strings : undefined;
}

export function isIpAddress(text: string): boolean {
  return isIP(text) !== 0;
}

/** Sets `target[key]` only when the value is present, so absent fields are omitted rather than undefined. */
export function put(target: JsonObject, key: string, value: unknown): void {
  if (value === undefined || value === '') return;
  if (Array.isArray(value) && value.length === 0) return;
  target[key] = value;
}

/** Whether an object built with `put` received any field (empty sub-objects are left off the record). */
export function hasFields(object: JsonObject): boolean {
  for (const _key in object) return true;
  return false;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * RFC 3339 time (µs/ns fractions allowed) to ms since epoch. A time without a zone is read as UTC, never as
 * the machine's local time (the Panther-normalised audit samples write `2024-11-13 18:34:10.595141000`).
 */
export function parseTimeMilliseconds(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return undefined;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) return undefined;
  const fractionMilliseconds = fraction === undefined ? 0 : Math.floor(Number(fraction.padEnd(3, '0').slice(0, 3)));
  let milliseconds = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), fractionMilliseconds);
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    milliseconds -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(milliseconds) ? milliseconds : undefined;
}

/** `CpuUtilized` → `cpu_utilized`; `node_cpu_limit` stays as it is. Record fields are lowercase snake_case. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .toLowerCase();
}
