// Request validation as AWS's Coral JSON stack does it: types, required members, lengths, ranges, patterns, enums.
import { AwsError, constraintError } from '../errors.js';

export const LOG_GROUP_NAME_PATTERN = '[\\.\\-_/#A-Za-z0-9]+';
export const LOG_STREAM_NAME_PATTERN = '[^:*]*';
export const LOG_GROUP_IDENTIFIER_PATTERN = '[\\w#+=/:,.@-]*';

const compiledPatterns = new Map<string, RegExp>();
function fullMatch(pattern: string, value: string): boolean {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(`^(?:${pattern})$`, 'su');
    compiledPatterns.set(pattern, compiled);
  }
  return compiled.test(value);
}

interface Violation {
  field: string;
  value: unknown;
  constraint: string;
}

function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `'[${value.map((v) => String(v)).join(', ')}]'`;
  return `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
}

/** Reads one request's members, collecting every constraint violation, then throws them together as AWS does. */
export class RequestReader {
  private readonly violations: Violation[] = [];

  constructor(private readonly input: Record<string, unknown>) {}

  private violate(field: string, value: unknown, constraint: string): void {
    this.violations.push({ field, value, constraint });
  }

  private present(field: string, required: boolean): unknown {
    const value = this.input[field];
    if (value === undefined || value === null) {
      if (required) this.violate(field, null, 'Member must not be null');
      return undefined;
    }
    return value;
  }

  string(field: string, rules: { required?: boolean; min?: number; max?: number; pattern?: string; enum?: readonly string[] } = {}): string | undefined {
    const value = this.present(field, rules.required ?? false);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected a string`);
    this.checkString(field, value, rules);
    return value;
  }

  private checkString(field: string, value: string, rules: { min?: number; max?: number; pattern?: string; enum?: readonly string[] }): void {
    const length = [...value].length;
    if (rules.min !== undefined && length < rules.min) this.violate(field, value, `Member must have length greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && length > rules.max) this.violate(field, value, `Member must have length less than or equal to ${rules.max}`);
    if (rules.pattern !== undefined && !fullMatch(rules.pattern, value)) this.violate(field, value, `Member must satisfy regular expression pattern: ${rules.pattern}`);
    if (rules.enum !== undefined && !rules.enum.includes(value)) this.violate(field, value, `Member must satisfy enum value set: [${rules.enum.join(', ')}]`);
  }

  integer(field: string, rules: { min?: number; max?: number } = {}): number | undefined {
    const value = this.present(field, false);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected an integer`);
    if (rules.min !== undefined && value < rules.min) this.violate(field, value, `Member must have value greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && value > rules.max) this.violate(field, value, `Member must have value less than or equal to ${rules.max}`);
    return value;
  }

  /** Epoch milliseconds (`Timestamp`, a long with min 0). */
  timestamp(field: string, required = false): number | undefined {
    const value = this.present(field, required);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected a long`);
    if (value < 0) this.violate(field, value, 'Member must have value greater than or equal to 0');
    return value;
  }

  boolean(field: string): boolean | undefined {
    const value = this.present(field, false);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected a boolean`);
    return value;
  }

  stringList(field: string, rules: { min?: number; max?: number; member: { min?: number; max?: number; pattern?: string } }): string[] | undefined {
    const value = this.present(field, false);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected a list of strings`);
    const list = value as string[];
    if (rules.min !== undefined && list.length < rules.min) this.violate(field, list, `Member must have length greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && list.length > rules.max) this.violate(field, list, `Member must have length less than or equal to ${rules.max}`);
    list.forEach((member, index) => this.checkString(`${field}.${index + 1}.member`, member, rules.member));
    return list;
  }

  /** A list of structures; each member is checked by `each`, which reports through the reader with AWS's member paths. */
  structureList(field: string, rules: { required?: boolean; min?: number; max?: number }): Record<string, unknown>[] | undefined {
    const value = this.present(field, rules.required ?? false);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => v === null || typeof v !== 'object' || Array.isArray(v))) {
      throw new AwsError('SerializationException', `Unexpected value type for '${field}': expected a list of structures`);
    }
    const list = value as Record<string, unknown>[];
    if (rules.min !== undefined && list.length < rules.min) this.violate(field, `[${list.length} items]`, `Member must have length greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && list.length > rules.max) this.violate(field, `[${list.length} items]`, `Member must have length less than or equal to ${rules.max}`);
    return list;
  }

  /** Lets callers report a violation found on a nested member (e.g. `logEvents.3.member.message`). */
  report(field: string, value: unknown, constraint: string): void {
    this.violate(field, value, constraint);
  }

  /** Throws the collected violations: one as AWS words it, several counted and joined with `; `. */
  done(): void {
    if (this.violations.length === 0) return;
    const [first] = this.violations;
    if (this.violations.length === 1 && first !== undefined && first.value !== null) throw constraintError(first.field, first.value, first.constraint);
    const parts = this.violations.map((v) => `Value ${showValue(v.value)} at '${v.field}' failed to satisfy constraint: ${v.constraint}`);
    const count = this.violations.length;
    throw new AwsError('InvalidParameterException', `${count} validation error${count === 1 ? '' : 's'} detected: ${parts.join('; ')}`);
  }
}

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

export const groupNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
export const streamNotFound = (): AwsError => new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
