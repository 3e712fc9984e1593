// VPC Flow Log format strings (`${field} ${field} …`): validation, compilation to field specs, and a compile cache.
import { UsageError } from '../../core/errors.js';
import { fieldSpec, type FieldSpec } from './fields.js';
import { maxRecordedTokens } from './tokenize.js';
import { compileFastReader, type FastReader } from './fast-reader.js';
import { compileWriter, type ValueWriter } from './writer.js';

/** The AWS default format (all version 2 fields), exactly as DescribeFlowLogs reports it for a default flow log. */
export const DEFAULT_VPC_FLOW_FORMAT =
  '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

/** A format ready for per-line use: the field specs in record order. */
export interface CompiledVpcFlowFormat {
  /** Reported on each record as `vpcflow_format`: `default`, `configured`, or a documented AWS layout (`aws-v5-all`). */
  readonly name: string;
  /** The field names in record order (`pkt-srcaddr`, …). */
  readonly fieldNames: readonly string[];
  readonly fields: readonly FieldSpec[];
  /** Copies the values of a line that fits into a record (generated once per format; see writer.ts). */
  readonly write: ValueWriter;
  /** Single-pass readers by common-field shape (fast-reader.ts), compiled on first use by fastReaderFor. */
  readonly fastReaders: (FastReader | undefined)[];
}

/** The format's single-pass reader for records of the given common-field shape (see commonShape). */
export function fastReaderFor(format: CompiledVpcFlowFormat, shape: number): FastReader {
  const compiled = format.fastReaders[shape];
  if (compiled !== undefined) return compiled;
  const reader = compileFastReader(format.fields, format.name, shape);
  format.fastReaders[shape] = reader;
  return reader;
}

/** AWS allows a few dozen fields; a bound keeps a hostile format string from costing unbounded work per line. */
const maxFormatFields = maxRecordedTokens;
const fieldNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const fieldTokenPattern = /^\$\{([^}]*)\}$/;

function formatError(message: string): UsageError {
  return new UsageError(`vpcFlowLogFormat: ${message}`, [{ path: 'vpcFlowLogFormat', message }]);
}

/** Reads a `${field}` format string into field names; throws a UsageError naming the first bad field. */
export function readFormatFieldNames(format: string): string[] {
  const tokens = format.split(/[ \t\r\n]+/).filter((token) => token.length > 0);
  if (tokens.length === 0) throw formatError('the format is empty; give at least one ${field-name}');
  if (tokens.length > maxFormatFields) throw formatError(`the format has ${tokens.length} fields; at most ${maxFormatFields} are accepted`);
  const positions = new Map<string, number>();
  tokens.forEach((token, index) => {
    const shown = JSON.stringify(token.length > 80 ? `${token.slice(0, 80)}…` : token);
    const match = fieldTokenPattern.exec(token);
    if (match === null) {
      throw formatError(`field ${index + 1} ${shown} is not written as \${field-name} (fields are separated by spaces)`);
    }
    const name = match[1] as string;
    if (!fieldNamePattern.test(name)) {
      throw formatError(`field ${index + 1} ${shown} is not a valid field name (lowercase letters, digits and single hyphens)`);
    }
    const earlier = positions.get(name);
    if (earlier !== undefined) throw formatError(`field \${${name}} appears twice (fields ${earlier + 1} and ${index + 1})`);
    positions.set(name, index);
  });
  return tokens.map((token) => (fieldTokenPattern.exec(token) as RegExpExecArray)[1] as string);
}

function compileNames(name: string, fieldNames: readonly string[]): CompiledVpcFlowFormat {
  const fields = fieldNames.map(fieldSpec);
  return { name, fieldNames: [...fieldNames], fields, write: compileWriter(fields, name), fastReaders: [] };
}

const defaultFieldNames = readFormatFieldNames(DEFAULT_VPC_FLOW_FORMAT);
export const defaultVpcFlowFormat: CompiledVpcFlowFormat = compileNames('default', defaultFieldNames);

function sameFields(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((name, index) => name === right[index]);
}

/**
 * Validates and compiles an AWS `${field}` format string. Unknown field names are accepted (AWS keeps adding
 * fields) and pass through as text. Throws a UsageError whose message names the bad field.
 * A format with exactly the default fields compiles to the default format (reported as `default`).
 */
export function compileVpcFlowFormat(format: string): CompiledVpcFlowFormat {
  const fieldNames = readFormatFieldNames(format);
  if (sameFields(fieldNames, defaultFieldNames)) return defaultVpcFlowFormat;
  return compileNames('configured', fieldNames);
}

/** Builds a named format from bare field names (the `*.format.txt` spelling, without `${…}`). */
export function namedFormat(name: string, bareFieldNames: string): CompiledVpcFlowFormat {
  const fieldNames = bareFieldNames.split(' ');
  return compileNames(name, fieldNames);
}

// Connector configs are few, so the cache stays small; the bound only guards against a caller passing line-varying text.
const maxCachedFormats = 1000;
const compiledByFormat = new Map<string, CompiledVpcFlowFormat | UsageError>();

/** compileVpcFlowFormat, memoised per format string; a bad format yields its UsageError instead of throwing. */
export function compileCached(format: string): CompiledVpcFlowFormat | UsageError {
  const cached = compiledByFormat.get(format);
  if (cached !== undefined) return cached;
  let compiled: CompiledVpcFlowFormat | UsageError;
  try {
    compiled = compileVpcFlowFormat(format);
  } catch (error) {
    compiled = error instanceof UsageError ? error : formatError(String(error));
  }
  if (compiledByFormat.size >= maxCachedFormats) compiledByFormat.clear();
  compiledByFormat.set(format, compiled);
  return compiled;
}
