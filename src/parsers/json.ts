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
 * Checks the types of fields read from parsed JSON and remembers every problem with its dotted path.
 * Callers read the field themselves (`reader.string(log.action, 'action', '')`): a property access at
 * each call site stays monomorphic in V8, where one shared `object[key]` would be megamorphic.
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

  string(value: unknown, key: string, prefix: string): string | undefined {
    if (typeof value === 'string') return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'a string', value);
    return undefined;
  }

  /** A field the family cannot do without: absent or `null` is reported as missing. */
  requiredString(value: unknown, key: string, prefix: string): string | undefined {
    if (typeof value === 'string') return value;
    if (value === undefined || value === null) this.missing(prefix, key);
    else this.wrongType(prefix, key, 'a string', value);
    return undefined;
  }

  requiredObject(value: unknown, key: string, prefix: string): JsonObject | undefined {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
    if (value === undefined || value === null) this.missing(prefix, key);
    else this.wrongType(prefix, key, 'an object', value);
    return undefined;
  }

  /** A finite number (JSON's 1e400 parses to Infinity and is reported, not kept). */
  number(value: unknown, key: string, prefix: string): number | undefined {
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'a finite number', value);
    return undefined;
  }

  /** An integer that a double holds exactly: counts, ports, epoch milliseconds. */
  integer(value: unknown, key: string, prefix: string): number | undefined {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'an integer', value);
    return undefined;
  }

  boolean(value: unknown, key: string, prefix: string): boolean | undefined {
    if (typeof value === 'boolean') return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'a boolean', value);
    return undefined;
  }

  object(value: unknown, key: string, prefix: string): JsonObject | undefined {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'an object', value);
    return undefined;
  }

  array(value: unknown, key: string, prefix: string): unknown[] | undefined {
    if (Array.isArray(value)) return value;
    if (value !== undefined && value !== null) this.wrongType(prefix, key, 'an array', value);
    return undefined;
  }

  /**
   * `string` for a field of the array element `prefix[index]`. The element's path is only built when there is a
   * problem: a template string per header was a large share of the WAF parser's own time.
   */
  stringAt(value: unknown, prefix: string, index: number, key: string): string | undefined {
    if (typeof value === 'string') return value;
    if (value !== undefined && value !== null) this.wrongType(`${prefix}[${index}]`, key, 'a string', value);
    return undefined;
  }

  /** `strings` for a field of the array element `prefix[index]` (path built only on a problem). */
  stringsAt(value: unknown, prefix: string, index: number, key: string): string[] | undefined {
    if (!Array.isArray(value)) {
      if (value !== undefined && value !== null) this.wrongType(`${prefix}[${index}]`, key, 'an array', value);
      return undefined;
    }
    const out: string[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') out.push(item);
      else this.problems.push(`${prefix}[${index}].${key}[${i}]: expected a string, got ${describeType(item)}`);
    }
    return out;
  }

  /** Each element of an array that must hold objects; a non-object element is a problem and is skipped. */
  objectAt(array: unknown[], index: number, prefix: string): JsonObject | undefined {
    const value = array[index];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
    this.problems.push(`${prefix}[${index}]: expected an object, got ${describeType(value)}`);
    return undefined;
  }

  /** The string elements of an array of strings; other elements are problems. */
  strings(value: unknown, key: string, prefix: string): string[] | undefined {
    const array = this.array(value, key, prefix);
    if (array === undefined) return undefined;
    const out: string[] = [];
    for (let i = 0; i < array.length; i++) {
      const item = array[i];
      if (typeof item === 'string') out.push(item);
      else this.problems.push(`${joinPath(prefix, key)}[${i}]: expected a string, got ${describeType(item)}`);
    }
    return out;
  }

  /**
   * An ISO-8601 date-time string as epoch milliseconds. Date.parse alone would also accept
   * free-form dates ("1 Jan 2020"), so the shape is checked first.
   */
  isoTime(value: unknown, key: string, prefix: string): number | undefined {
    const text = this.string(value, key, prefix);
    if (text === undefined) return undefined;
    const milliseconds = parseIsoTime(text);
    if (milliseconds === undefined) {
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

/** Two ASCII digits at `at` as a number, or NaN. */
function twoDigits(text: string, at: number): number {
  const high = text.charCodeAt(at) - 48;
  const low = text.charCodeAt(at + 1) - 48;
  return high >= 0 && high <= 9 && low >= 0 && low <= 9 ? high * 10 + low : Number.NaN;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * An ISO-8601 date-time as epoch milliseconds, or undefined. AWS writes `2024-06-01T12:00:00Z` and
 * `2024-06-01T12:00:00.123Z`; those take a fast path (GuardDuty findings carry five of them). Other
 * offsets and precisions go through the checked pattern and Date.parse, which alone would also
 * accept free-form dates ("1 Jan 2020").
 */
export function parseIsoTime(text: string): number | undefined {
  if ((text.length === 20 || text.length === 24) && text.charCodeAt(text.length - 1) === 90 /* Z */ && text.charCodeAt(10) === 84 /* T */) {
    const year = twoDigits(text, 0) * 100 + twoDigits(text, 2);
    const month = twoDigits(text, 5);
    const day = twoDigits(text, 8);
    const hour = twoDigits(text, 11);
    const minute = twoDigits(text, 14);
    const second = twoDigits(text, 17);
    let milliseconds = 0;
    if (text.length === 24) {
      const digit = text.charCodeAt(20) - 48;
      milliseconds = text.charCodeAt(19) === 46 /* . */ && digit >= 0 && digit <= 9 ? digit * 100 + twoDigits(text, 21) : Number.NaN;
    }
    const fastPathShape = text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58;
    // Calendar checks: Date.UTC would silently roll 2024-02-31 over into March.
    if (fastPathShape && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && !Number.isNaN(year + milliseconds)) {
      return Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
    }
    return undefined;
  }
  if (!isoPattern.test(text)) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : time;
}

/** Whether an object has any own enumerable key (without allocating the key list). */
export function hasKeys(object: JsonObject): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true;
  return false;
}

/**
 * Whether a read value belongs on a record: records never carry `undefined` or empty arrays. Callers then
 * store it with a named property (`out.key = value`): V8 turns objects filled through computed keys
 * (`out[key] = value`) into slow dictionaries after a dozen properties, which cost every later reader.
 */
export function isPresent<T>(value: T | undefined): value is T {
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}
