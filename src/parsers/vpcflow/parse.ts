// The VPC Flow Logs parser: one space-separated flow record → one Interflow record, typed and validated per field.
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import type { UsageError } from '../../core/errors.js';
import { baseRecord, type Parser } from '../normalize.js';
import { valueKinds, type FieldSpec } from './fields.js';
import { commonShape } from './fast-reader.js';
import { compileCached, defaultVpcFlowFormat, fastReaderFor, type CompiledVpcFlowFormat } from './format.js';
import { documentedVpcFlowFormats } from './known-formats.js';
import { bounds, tokenize } from './tokenize.js';
import { isAccountId, isIpAddress, isOneOf, isPrintableToken, isResourceId, NOT_A_NUMBER, readUnsigned } from './values.js';

// Converted values of the line being read, by field position. Module scratch instead of a per-line array: the
// parser is synchronous, so no two lines ever share it, and a failed candidate format leaves the record untouched.
const scratch: (string | number | undefined)[] = [];

const maxShownValueLength = 64;

function showValue(token: string): string {
  return JSON.stringify(token.length > maxShownValueLength ? `${token.slice(0, maxShownValueLength)}…` : token);
}

function fieldError(format: CompiledVpcFlowFormat, position: number, line: string, overflow: boolean): string {
  const field = format.fields[position] as FieldSpec;
  const token = line.slice(bounds[position * 2], bounds[position * 2 + 1]);
  const where = `field ${field.name} (position ${position + 1} of the ${format.name} format)`;
  if (overflow) return `numeric overflow in ${where}: ${showValue(token)} is larger than ${field.maximum}`;
  return `${where}: ${showValue(token)} is not ${field.expected}`;
}

/**
 * Checks and converts every token of the tokenized line into `scratch`; returns the first problem, or undefined
 * when the line fits the format. The token count must already equal the format's field count.
 */
function readValues(line: string, format: CompiledVpcFlowFormat): string | undefined {
  const fields = format.fields;
  for (let position = 0; position < fields.length; position++) {
    const start = bounds[position * 2] as number;
    const end = bounds[position * 2 + 1] as number;
    // AWS writes `-` for a value that does not apply or could not be computed: the key is omitted.
    if (end - start === 1 && line.charCodeAt(start) === 45) {
      scratch[position] = undefined;
      continue;
    }
    const field = fields[position] as FieldSpec;
    let fits: boolean;
    switch (field.kind) {
      case valueKinds.unsigned: {
        const value = readUnsigned(line, start, end, field.maximum);
        if (value < 0) return fieldError(format, position, line, value !== NOT_A_NUMBER);
        scratch[position] = value;
        continue;
      }
      case valueKinds.ip:
        fits = isIpAddress(line, start, end);
        break;
      case valueKinds.choice:
        fits = isOneOf(line, start, end, field.allowed);
        break;
      case valueKinds.resourceId:
        fits = isResourceId(line, start, end, field.prefix);
        break;
      case valueKinds.accountId:
        fits = isAccountId(line, start, end);
        break;
      default:
        fits = isPrintableToken(line, start, end);
    }
    if (!fits) return fieldError(format, position, line, false);
    scratch[position] = line.slice(start, end);
  }
  return undefined;
}

function describeCount(format: CompiledVpcFlowFormat): string {
  return `the ${format.name} format has ${format.fields.length}`;
}

/**
 * The careful path, for a line that did not fit at first try: the configured format, the AWS default, then the
 * documented layouts with the line's field count. Which format was used is always reported; a fallback also gets
 * `vpcflow_format_note` saying why.
 */
function readCarefully(record: InterflowRecord, line: string, count: number, primary: CompiledVpcFlowFormat): void {
  record.vpcflow_format = primary.name;
  if (count === 0) {
    record.parse_error = 'empty message: a VPC flow log record has at least one field';
    return;
  }
  const primaries = primary === defaultVpcFlowFormat ? [primary] : [primary, defaultVpcFlowFormat];
  let firstProblem: string | undefined;
  for (const format of primaries) {
    if (format.fields.length !== count) continue;
    const problem = readValues(line, format);
    if (problem === undefined) {
      format.write(record, scratch);
      if (format !== primary) record.vpcflow_format_note = `fallback: the line does not fit the ${primary.name} format; read as the AWS default format`;
      return;
    }
    firstProblem ??= problem;
  }
  // The line has the field count of a format it was meant to be in: its bad value is the error, not a cue to guess.
  if (firstProblem !== undefined) {
    record.parse_error = firstProblem;
    return;
  }
  let documentedProblem: string | undefined;
  for (const format of documentedVpcFlowFormats) {
    if (format.fields.length !== count || format === defaultVpcFlowFormat) continue;
    const problem = readValues(line, format);
    if (problem === undefined) {
      format.write(record, scratch);
      record.vpcflow_format_note =
        `fallback: the line has ${count} fields and ${primaries.map(describeCount).join(' and ')}; ` +
        `read as the documented AWS layout ${format.name}`;
      return;
    }
    documentedProblem ??= problem;
  }
  record.parse_error =
    `wrong field count: the line has ${count} fields and ${primaries.map(describeCount).join(' and ')}` +
    (documentedProblem === undefined ? '; no documented AWS layout has that many' : `; no documented AWS layout fits (${documentedProblem})`);
}

/** The configured format, or the UsageError saying why the configured format string is invalid. */
function primaryFormat(context: ParseContext): CompiledVpcFlowFormat | UsageError {
  return context.vpcFlowLogFormat === undefined ? defaultVpcFlowFormat : compileCached(context.vpcFlowLogFormat);
}

/** The whole careful path: tokenize, check every field through readValues, then the fallbacks and their errors. */
function readWithChecks(event: CloudWatchEvent, context: ParseContext, primary: CompiledVpcFlowFormat | UsageError): InterflowRecord {
  const record = baseRecord(event, context, 'vpcflow');
  if (primary instanceof Error) {
    record.vpcflow_format = 'configured';
    record.parse_error = `invalid configured format: ${primary.message}`;
    return record;
  }
  const message: unknown = event.message;
  if (typeof message !== 'string') {
    record.parse_error = `message is not text (${typeof message})`;
    return record;
  }
  const count = tokenize(message);
  if (count === primary.fields.length && readValues(message, primary) === undefined) {
    primary.write(record, scratch);
    return record;
  }
  readCarefully(record, message, count, primary);
  return record;
}

/**
 * Reads one VPC Flow Logs record in `context.vpcFlowLogFormat` (or the AWS default format). Never throws: a line
 * that does not fit keeps its `message` and gets `parse_error` naming the field and value.
 */
export const parseVpcFlow: Parser = (event: CloudWatchEvent, context: ParseContext): InterflowRecord => {
  const primary = primaryFormat(context);
  const message: unknown = event.message;
  // The fast path: the format's generated single-pass reader accepts a line as AWS writes nearly every line
  // (fast-reader.ts). Whatever it does not accept is read again from scratch by the careful path.
  if (typeof message === 'string' && !(primary instanceof Error)) {
    const record = fastReaderFor(primary, commonShape(event, context))(event, context, message);
    if (record !== undefined) return record;
  }
  return readWithChecks(event, context, primary);
};

/** parseVpcFlow without the fast path: the reference the fast path's records are tested against. */
export function parseVpcFlowCarefully(event: CloudWatchEvent, context: ParseContext): InterflowRecord {
  return readWithChecks(event, context, primaryFormat(context));
}
