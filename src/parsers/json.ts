// Safe reading of attacker-controlled JSON log messages: one JSON.parse, then typed field reads that collect problems instead of throwing.

export type JsonObject = Record<string, unknown>;

export type JsonParseResult = { ok: true; value: JsonObject } | { ok: false; error: string };

/**
 * Parses a message that must hold one JSON object. Never throws: a syntax error, an empty message or a
 * top-level value that is not an object comes back as `{ ok: false, error }` naming what was wrong.
 */
export function parseJsonObject(message: string): JsonParseResult {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch (error) {
    if (message.length === 0) return { ok: false, error: 'empty message: expected a JSON object' };
    // V8's messages name the position and quote a short excerpt; they never echo the whole line.
    return { ok: false, error: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: `expected a JSON object, got ${describeType(value)}` };
  }
  return { ok: true, value: value as JsonObject };
}

/** The JSON type of a value as a reader would name it in an error. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number out of range';
  return typeof value;
}

/** A short, escaped rendering of an unexpected value for an error message (attacker text stays bounded). */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);
}

function joinPath(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/**
 * Reads typed fields out of parsed JSON and remembers every problem with its dotted path.
 * `null` and a missing key both read as absent (AWS writes `null` for empty optional fields);
 * a present value of the wrong type is a problem and reads as absent.
 */
export class FieldReader {
  readonly problems: string[] = [];

  problem(text: string): void {
    this.problems.push(text);
  }

  missing(prefix: string, key: string): void {
    this.problems.push(`missing field ${joinPath(prefix, key)}`);
  }

  private wrongType(prefix: string, key: string, expected: string, value: unknown): void {
    this.problems.push(`${joinPath(prefix, key)}: expected ${expected}, got ${describeType(value)}`);
  }

  string(object: JsonObject, key: string, prefix: string): string | undefined {
    const value = object[key];
    if (typeof value === 'string') return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'a string', value);
    return undefined;
  }

  /** A field the family cannot do without: absent or `null` is reported as missing. */
  requiredString(object: JsonObject, key: string, prefix: string): string | undefined {
    const value = object[key];
    if (typeof value === 'string') return value;
    if (value === undefined || value === null) this.missing(prefix, key);
    else this.wrongType(prefix, key, 'a string', value);
    return undefined;
  }

  requiredObject(object: JsonObject, key: string, prefix: string): JsonObject | undefined {
    const value = object[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
    if (value === undefined || value === null) this.missing(prefix, key);
    else this.wrongType(prefix, key, 'an object', value);
    return undefined;
  }

  /** A finite number (JSON's 1e400 parses to Infinity and is reported, not kept). */
  number(object: JsonObject, key: string, prefix: string): number | undefined {
    const value = object[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'a finite number', value);
    return undefined;
  }

  /** An integer that a double holds exactly: counts, ports, epoch milliseconds. */
  integer(object: JsonObject, key: string, prefix: string): number | undefined {
    const value = object[key];
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'an integer', value);
    return undefined;
  }

  boolean(object: JsonObject, key: string, prefix: string): boolean | undefined {
    const value = object[key];
    if (typeof value === 'boolean') return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'a boolean', value);
    return undefined;
  }

  object(object: JsonObject, key: string, prefix: string): JsonObject | undefined {
    const value = object[key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'an object', value);
    return undefined;
  }

  array(object: JsonObject, key: string, prefix: string): unknown[] | undefined {
    const value = object[key];
    if (Array.isArray(value)) return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'an array', value);
    return undefined;
  }

  /** Each element of an array that must hold objects; a non-object element is a problem and is skipped. */
  objectAt(array: unknown[], index: number, prefix: string): JsonObject | undefined {
    const value = array[index];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
    this.problems.push(`${prefix}[${index}]: expected an object, got ${describeType(value)}`);
    return undefined;
  }

  /** The string elements of an array of strings; other elements are problems. */
  strings(object: JsonObject, key: string, prefix: string): string[] | undefined {
    const array = this.array(object, key, prefix);
    if (array === undefined) return undefined;
    const out: string[] = [];
    for (let i = 0; i < array.length; i++) {
      const value = array[i];
      if (typeof value === 'string') out.push(value);
      else this.problems.push(`${joinPath(prefix, key)}[${i}]: expected a string, got ${describeType(value)}`);
    }
    return out;
  }

  /**
   * An ISO-8601 date-time string as epoch milliseconds. Date.parse alone would also accept
   * free-form dates ("1 Jan 2020"), so the shape is checked first.
   */
  isoTime(object: JsonObject, key: string, prefix: string): number | undefined {
    const text = this.string(object, key, prefix);
    if (text === undefined) return undefined;
    const milliseconds = isoPattern.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(milliseconds)) {
      this.problems.push(`${joinPath(prefix, key)}: ${quoteValue(text)} is not an ISO-8601 date-time`);
      return undefined;
    }
    return milliseconds;
  }

  /** One string naming every problem, or undefined when there were none. */
  summary(): string | undefined {
    return this.problems.length === 0 ? undefined : this.problems.join('; ');
  }
}

const isoPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Sets `target[key]` only when the value is present, so records never carry `undefined` or empty arrays. */
export function put(target: JsonObject, key: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  target[key] = value;
}
