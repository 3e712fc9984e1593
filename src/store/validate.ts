// Checks a record is storable (CONTRACT's required fields with sane types) before any of its batch is written.
import type { FieldProblem } from '../core/errors.js';
import { ValidationError } from '../core/errors.js';
import type { InterflowRecord } from '../core/record.js';

/** Year 9999: beyond it a timestamp is a unit mistake (µs or ns), not a time. */
export const maxTimestampMilliseconds = 253_402_300_799_999;

/** Problems with one record, each with a path like `records[3].timestamp` (prefix given by the caller). */
export function recordProblems(record: unknown, prefix: string): FieldProblem[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return [{ path: prefix, message: 'must be a JSON object (an Interflow record)' }];
  }
  const r = record as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const timestamp = r.timestamp;
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0 || timestamp > maxTimestampMilliseconds) {
    problems.push({ path: `${prefix}.timestamp`, message: 'must be an integer number of milliseconds since the epoch (year 1970 to 9999)' });
  }
  if (r.index !== 'syslog' && r.index !== 'traffic') problems.push({ path: `${prefix}.index`, message: "must be 'syslog' or 'traffic'" });
  if (typeof r.msg_class !== 'string' || r.msg_class === '') problems.push({ path: `${prefix}.msg_class`, message: 'must be a non-empty string' });
  if (typeof r.message !== 'string') problems.push({ path: `${prefix}.message`, message: 'must be a string (the raw text)' });
  if (r.tenant_name !== undefined && typeof r.tenant_name !== 'string') problems.push({ path: `${prefix}.tenant_name`, message: 'must be a string' });
  if (r.aws !== undefined) {
    if (typeof r.aws !== 'object' || r.aws === null || Array.isArray(r.aws)) {
      problems.push({ path: `${prefix}.aws`, message: 'must be an object' });
    } else {
      for (const key of ['event_id', 'log_group', 'account_id', 'region'] as const) {
        const value = (r.aws as Record<string, unknown>)[key];
        if (value !== undefined && typeof value !== 'string') problems.push({ path: `${prefix}.aws.${key}`, message: 'must be a string' });
      }
    }
  }
  return problems;
}

function isStringOrAbsent(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/**
 * The same rules as recordProblems, answering only yes or no, without building paths or arrays: the store checks every
 * record of every batch, and nearly all are fine. validate.test.ts holds the two to the same answers.
 */
export function isStorableRecord(record: unknown): boolean {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return false;
  const r = record as Record<string, unknown>;
  const timestamp = r.timestamp;
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0 || timestamp > maxTimestampMilliseconds) return false;
  if ((r.index !== 'syslog' && r.index !== 'traffic') || typeof r.msg_class !== 'string' || r.msg_class === '' || typeof r.message !== 'string') return false;
  if (!isStringOrAbsent(r.tenant_name)) return false;
  const aws = r.aws;
  if (aws === undefined) return true;
  if (typeof aws !== 'object' || aws === null || Array.isArray(aws)) return false;
  const a = aws as Record<string, unknown>;
  return isStringOrAbsent(a.event_id) && isStringOrAbsent(a.log_group) && isStringOrAbsent(a.account_id) && isStringOrAbsent(a.region);
}

/** Throws one ValidationError (400) listing every problem of the batch, or returns the records typed. */
export function validateRecords(records: readonly unknown[]): readonly InterflowRecord[] {
  let valid = true;
  for (const record of records) {
    if (!isStorableRecord(record)) {
      valid = false;
      break;
    }
  }
  if (valid) return records as readonly InterflowRecord[];
  const problems = records.flatMap((record, i) => recordProblems(record, `records[${i}]`));
  if (problems.length > 0) throw new ValidationError(problems.slice(0, 20));
  return records as readonly InterflowRecord[];
}
