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

/** The value of `length` ASCII digits at `at`, or -1 when any of them is not a digit. */
function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let index = at; index < at + length; index++) {
    const code = text.charCodeAt(index) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/**
 * RFC 3339 time (µs/ns fractions allowed) to ms since epoch. A time without a zone is read as UTC, never as
 * the machine's local time (the Panther-normalised audit samples write `2024-11-13 18:34:10.595141000`).
 * Hand-written rather than a regular expression: audit events carry two of these, and this is 10× faster.
 */
export function parseTimeMilliseconds(text: string): number | undefined {
  if (text.length < 19 || text.length > 40) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  const separator = text[10];
  if (text[4] !== '-' || text[7] !== '-' || (separator !== 'T' && separator !== 't' && separator !== ' ') || text[13] !== ':' || text[16] !== ':') return undefined;
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
  let index = 19;
  let fractionMilliseconds = 0;
  if (text[index] === '.') {
    const fractionStart = ++index;
    while (index < text.length && text.charCodeAt(index) >= 48 && text.charCodeAt(index) <= 57) index++;
    const fractionLength = index - fractionStart;
    if (fractionLength === 0 || fractionLength > 9) return undefined;
    fractionMilliseconds = Number(text.slice(fractionStart, Math.min(index, fractionStart + 3)).padEnd(3, '0'));
  }
  let offsetMinutes = 0;
  const zone = text.slice(index);
  if (zone === 'Z' || zone === 'z') offsetMinutes = 0;
  else if (zone !== '') {
    const sign = zone[0] === '+' ? 1 : zone[0] === '-' ? -1 : 0;
    const compact = zone.length === 5;
    if (sign === 0 || !(zone.length === 6 && zone[3] === ':') && !compact) return undefined;
    const zoneHours = digitsAt(zone, 1, 2);
    const zoneMinutes = digitsAt(zone, compact ? 3 : 4, 2);
    if (zoneHours < 0 || zoneMinutes < 0) return undefined;
    offsetMinutes = sign * (zoneHours * 60 + zoneMinutes);
  }
  const milliseconds = Date.UTC(year, month - 1, day, hour, minute, second, fractionMilliseconds) - offsetMinutes * 60_000;
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
