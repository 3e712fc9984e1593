// Generates, per format, one function that checks, converts and builds the record of a line in a single pass.
//
// Why: the careful path (tokenize → readValues → writer) walks every field through a kind `switch`, stores values
// in a shared array and adds record properties one at a time; together that ran at ~0.4× of a plain split.
// The generated reader knows each position's type, so every check is straight-line charCode code (integers are
// parsed while scanning, choices compare against constants, each token is scanned once), values stay in locals, and
// the record is built by one object literal of a fixed shape per format and context shape (and, for lines with `-`
// values, per set of present values, up to a bound).
//
// It only ever accepts; it never reports. A line it does not accept at once (any value that does not validate, a
// separator other than one space, leading or trailing whitespace, a wrong field count) makes it return undefined,
// and the careful path reads that line from scratch, with the same checks and the error messages. On a line it
// does accept, its record is the careful path's record, key order included (fast-reader.test.ts checks that on
// generated and damaged lines). The generated source holds only registry constants and field keys that match
// /^[a-z0-9]+(_[a-z0-9]+)*$/, so line content never becomes code.
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import { classificationByFamily } from '../normalize.js';
import { topFields, valueKinds, type FieldSpec } from './fields.js';
import { protocolName } from './iana-protocols.js';
import { isAccountId, isIpAddress, isPrintableToken, tcpFlagNames } from './values.js';

/** Reads a whole line into a new record, or returns undefined when the careful path has to read it. */
export type FastReader = (event: CloudWatchEvent, context: ParseContext, line: string) => InterflowRecord | undefined;

const safeKey = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

/** The end of the token starting at `start`: the next space, or the end of the line. */
function tokenEnd(line: string, start: number, length: number): number {
  let index = start;
  while (index < length && line.charCodeAt(index) !== 32) index++;
  return index;
}

/**
 * The end of a canonical dotted-quad IPv4 token starting at `start` (four octets 0–255 without leading zeros, ended
 * by a space or the end of the line), or -1 when the token is anything else. -1 is only "not shown to be IPv4":
 * the caller then applies isIpAddress, so this can only ever accept what isIPv4Address accepts.
 */
function ipv4End(line: string, start: number, length: number): number {
  let index = start;
  let dots = 0;
  let octet = 0;
  let digits = 0;
  for (; index < length; index++) {
    const code = line.charCodeAt(index);
    if (code === 32) break;
    if (code === 46) {
      if (digits === 0 || octet > 255 || dots === 3) return -1;
      dots++;
      octet = 0;
      digits = 0;
    } else {
      const digit = code - 48;
      // A fourth digit, or a digit after a leading zero, is never canonical.
      if (digit < 0 || digit > 9 || digits === 3 || (digits > 0 && octet === 0)) return -1;
      octet = octet * 10 + digit;
      digits++;
    }
  }
  return dots === 3 && digits > 0 && octet <= 255 ? index : -1;
}

// The optional common fields of baseRecord (normalize.ts), in its key order: each present/absent combination is a
// record shape of its own, so the shape is part of what a reader is compiled for.
const optionalCommon = [
  { bit: 1 << 0, owner: 'aws', key: 'region', source: 'context.region' },
  { bit: 1 << 1, owner: 'aws', key: 'account_id', source: 'context.accountId' },
  { bit: 1 << 2, owner: 'aws', key: 'log_group', source: 'context.logGroup' },
  { bit: 1 << 3, owner: 'aws', key: 'log_stream', source: 'event.logStreamName' },
  { bit: 1 << 4, owner: 'aws', key: 'event_id', source: 'event.eventId' },
  { bit: 1 << 5, owner: 'record', key: 'ingest_time', source: 'event.ingestionTime' },
  { bit: 1 << 6, owner: 'record', key: 'tenant_name', source: 'context.tenant' },
  // baseRecord copies the connector so that records never share it.
  { bit: 1 << 7, owner: 'record', key: 'connector', source: '{ ...context.connector }' },
] as const;

/** Which optional common fields this event and context carry, as a bit set (the index of the reader to use). */
export function commonShape(event: CloudWatchEvent, context: ParseContext): number {
  return (
    (context.region !== undefined ? 1 : 0) |
    (context.accountId !== undefined ? 2 : 0) |
    (context.logGroup !== undefined ? 4 : 0) |
    (event.logStreamName !== undefined ? 8 : 0) |
    (event.eventId !== undefined ? 16 : 0) |
    (event.ingestionTime !== undefined ? 32 : 0) |
    (context.tenant !== undefined ? 64 : 0) |
    (context.connector !== undefined ? 128 : 0)
  );
}

const str = (text: string): string => JSON.stringify(text);

/** Code that checks the token at `i` as the field's type, sets `v<position>` and leaves `i` at the token's end. */
function readStatement(field: FieldSpec, position: number): string {
  const value = `v${position}`;
  switch (field.kind) {
    case valueKinds.unsigned: {
      // readUnsigned's rules (values.ts): digits only, no leading zero, at most the maximum's digit count. Up to 16
      // digits the running value is computed exactly as readUnsigned does, so the comparison with the maximum agrees.
      const maxDigits = Math.min(String(field.maximum).length, 16);
      // The digits are summed in `number`, which never holds anything but a number, so that V8 keeps it unboxed.
      return [
        'c = line.charCodeAt(i) - 48; if (c < 0 || c > 9) return undefined;',
        'e = i; number = c; i++;',
        'if (c !== 0) { while (i < n) { c = line.charCodeAt(i) - 48; if (c < 0 || c > 9) break; number = number * 10 + c; i++; } }',
        `if (i - e > ${maxDigits} || number > ${field.maximum}) return undefined;`,
        `${value} = number;`,
      ].join('\n');
    }
    case valueKinds.choice: {
      // The token is exactly one choice: the line continues with its characters (compared as constants rather than
      // through startsWith, a call per choice), then a space or the end.
      const tests = field.allowed.map((choice) => {
        const after = `i + ${choice.length}`;
        const characters = Array.from(choice, (_, offset) => `line.charCodeAt(i + ${offset}) === ${choice.charCodeAt(offset)}`);
        return `if (${after} <= n && ${characters.join(' && ')} && (${after} === n || line.charCodeAt(${after}) === 32)) { ${value} = ${str(choice)}; i = ${after}; }`;
      });
      return `${tests.join(' else ')} else return undefined;`;
    }
    case valueKinds.ip:
      // Most addresses are plain IPv4, checked while scanning; anything else gets isIpAddress's full check.
      return `e = ipv4End(line, i, n); if (e < 0) { e = tokenEnd(line, i, n); if (!isIpAddress(line, i, e)) return undefined; } ${value} = line.slice(i, e); i = e;`;
    case valueKinds.resourceId: {
      // isResourceId's rule in one scan: the prefix, then ASCII letters and digits up to the separator.
      const prefix = Array.from(field.prefix, (_, offset) => `line.charCodeAt(i + ${offset}) === ${field.prefix.charCodeAt(offset)}`);
      return [
        `if (!(i + ${field.prefix.length} < n && ${prefix.join(' && ')})) return undefined;`,
        `e = i; i += ${field.prefix.length};`,
        'while (i < n) { c = line.charCodeAt(i); if (c === 32) break; if (!((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122))) return undefined; i++; }',
        `if (i === e + ${field.prefix.length}) return undefined;`,
        `${value} = line.slice(e, i);`,
      ].join('\n');
    }
    case valueKinds.accountId:
      // Twelve digits in one scan; anything else (`unknown`, or a bad id) gets isAccountId's full check.
      return [
        'e = i; while (i < n) { c = line.charCodeAt(i) - 48; if (c < 0 || c > 9) break; i++; }',
        'if (i - e !== 12) { i = tokenEnd(line, e, n); if (!isAccountId(line, e, i)) return undefined; }',
        `${value} = line.slice(e, i);`,
      ].join('\n');
    default:
      // Printable ASCII and Latin-1 in the scan that finds the end; a control character fails at once, and a
      // surrogate (valid only as a pair) sends the token to isPrintableToken's full check.
      return [
        'e = i; while (i < n) { c = line.charCodeAt(i); if (c === 32) break;',
        'if (c < 33 || (c >= 127 && c <= 159)) return undefined; if (c >= 0xd800 && c <= 0xdfff) { i = -1; break; } i++; }',
        'if (i < 0) { i = tokenEnd(line, e, n); if (!isPrintableToken(line, e, i)) return undefined; }',
        'if (i === e) return undefined;',
        `${value} = line.slice(e, i);`,
      ].join('\n');
  }
}

/** The top-level record fields a flow field feeds (writer.ts's topStatement), as `[key, expression]` pairs. */
function topEntries(field: FieldSpec, value: string): [string, string][] {
  switch (field.top) {
    case topFields.srcip: return [['srcip', value]];
    case topFields.dstip: return [['dstip', value]];
    case topFields.srcport: return [['srcport', value]];
    case topFields.dstport: return [['dstport', value]];
    case topFields.proto: return [['proto', value], ['proto_name', 'protoName']];
    case topFields.action: return [['action', value]];
    case topFields.logStatus: return [['log_status', value]];
    case topFields.packets: return [['packets', value]];
    case topFields.bytes: return [['bytes', value]];
    case topFields.startTime: return [['start_time', `${value} * 1000`]];
    case topFields.endTime: return [['end_time', `${value} * 1000`]];
    case topFields.interfaceId: return [['interface_id', value]];
    case topFields.tcpFlags: return [['tcp_flag_names', `tcpFlagNames(${value})`]];
    default: return [];
  }
}

function commonEntries(shape: number, owner: 'aws' | 'record'): string[] {
  return optionalCommon.filter((common) => common.owner === owner && (shape & common.bit) !== 0).map((common) => `${common.key}: ${common.source}`);
}

/** The source of the reader for one field layout and one common-field shape (see commonShape). */
export function fastReaderSource(fields: readonly FieldSpec[], formatName: string, shape: number): string {
  const lines: string[] = ['const n = line.length;', 'let i = 0, e = 0, c = 0, number = 0, full = true, protoName;'];
  lines.push(`let ${fields.map((_, position) => `v${position}`).join(', ')};`);
  fields.forEach((field, position) => {
    if (!safeKey.test(field.key)) throw new Error(`unsafe VPC flow field key ${JSON.stringify(field.key)}`);
    lines.push(`// ${position + 1}: ${field.key}`, 'if (i >= n) return undefined;');
    // AWS writes `-` for a value that does not apply: the key is omitted, so the record takes the general shape.
    lines.push(`if (line.charCodeAt(i) === 45 && (i + 1 === n || line.charCodeAt(i + 1) === 32)) { full = false; i++; } else {\n${readStatement(field, position)}\n}`);
    lines.push(position === fields.length - 1 ? 'if (i !== n) return undefined;' : 'if (i >= n || line.charCodeAt(i) !== 32) return undefined; i++;');
  });
  const protocolPosition = fields.findIndex((field) => field.top === topFields.proto);
  if (protocolPosition >= 0) {
    // An unassigned protocol number has no name, and `proto_name` is then omitted: the general shape again.
    lines.push(`if (v${protocolPosition} !== undefined) { protoName = protocolName(v${protocolPosition}); if (protoName === undefined) full = false; }`);
  }
  const present = (position: number) => `(v${position} !== undefined ? ${2 ** position} : 0)`;
  lines.push(
    `if (full) return ${recordLiteral(fields, formatName, shape, () => true)};`,
    // Some values are `-` (or the protocol has no name): a literal of that exact shape, compiled on first sight.
    fields.length < maxPartialFields
      ? `{ const build = partialFor(${[...fields.map((_, position) => present(position)), `(protoName !== undefined ? ${2 ** fields.length} : 0)`].join(' | ')});
         if (build !== undefined) return build(event, context, line, protoName, ${fields.map((_, position) => `v${position}`).join(', ')}); }`
      : '',
    `const record = ${baseLiteral(shape)};`,
    'const vpcflow = {};',
  );
  // Past the bound on shapes: the writer's way (writer.ts), one property at a time, in the same key order.
  fields.forEach((field, position) => {
    const value = `v${position}`;
    const tops = topEntries(field, value).map(([key, expression]) =>
      key === 'proto_name' ? 'if (protoName !== undefined) record.proto_name = protoName;' : `record.${key} = ${expression};`,
    );
    lines.push(`if (${value} !== undefined) { vpcflow.${field.key} = ${value}; ${tops.join(' ')} }`);
  });
  lines.push('record.vpcflow = vpcflow;', `record.vpcflow_format = ${str(formatName)};`, 'return record;');
  return lines.join('\n');
}

/**
 * Formats with fewer fields get a literal per set of present values: a bit mask, bit `position` set when that
 * field's value is present and bit `fields.length` when `proto_name` is (so it stays a small integer).
 */
const maxPartialFields = 30;
/** Which values are `-` is line content: the literals compiled per reader are bounded, past that writer-style. */
const maxPartialShapes = 64;

function baseLiteral(shape: number): string {
  const vpcflow = classificationByFamily.vpcflow;
  const origin = vpcflow.msg_origin;
  const base = [
    'timestamp: event.timestamp',
    `msg_class: ${str(vpcflow.msg_class)}`,
    `msg_origin: { source: ${str(origin.source)}, vendor: ${str(origin.vendor)}, category: ${str(origin.category)} }`,
    `index: ${str(vpcflow.index)}`,
    "log_family: 'vpcflow'",
    `aws: { ${commonEntries(shape, 'aws').join(', ')} }`,
    'message: line',
    ...commonEntries(shape, 'record'),
  ];
  return `{ ${base.join(',\n')} }`;
}

/**
 * The record as one object literal, with the keys the writer would add for the present values, in its order:
 * the common fields, the top-level fields in field order, `vpcflow`, `vpcflow_format`.
 */
function recordLiteral(fields: readonly FieldSpec[], formatName: string, shape: number, isPresent: (position: number) => boolean): string {
  const withProtoName = isPresent(fields.length);
  const tops = fields.flatMap((field, position) =>
    isPresent(position)
      ? topEntries(field, `v${position}`)
          .filter(([key]) => key !== 'proto_name' || withProtoName)
          .map(([key, expression]) => `${key}: ${expression}`)
      : [],
  );
  const values = fields.flatMap((field, position) => (isPresent(position) ? [`${field.key}: v${position}`] : []));
  const base = baseLiteral(shape);
  return `{ ${[base.slice(2, -2), ...tops, `vpcflow: { ${values.join(', ')} }`, `vpcflow_format: ${str(formatName)}`].join(',\n')} }`;
}

type PartialBuilder = (event: CloudWatchEvent, context: ParseContext, line: string, protoName: string | undefined, ...values: unknown[]) => InterflowRecord;

function compilePartialBuilder(fields: readonly FieldSpec[], formatName: string, shape: number, presentMask: number): PartialBuilder {
  const isPresent = (position: number) => Math.floor(presentMask / 2 ** position) % 2 === 1;
  const parameters = ['event', 'context', 'line', 'protoName', ...fields.map((_, position) => `v${position}`)];
  return new Function('tcpFlagNames', `return function buildFlowRecord(${parameters.join(', ')}) {\nreturn ${recordLiteral(fields, formatName, shape, isPresent)};\n};`)(
    tcpFlagNames,
  ) as PartialBuilder;
}

const helpers = { tokenEnd, ipv4End, isIpAddress, isAccountId, isPrintableToken, protocolName, tcpFlagNames };

/** Compiles the reader for one field layout and one common-field shape; `formatName` becomes `vpcflow_format`. */
export function compileFastReader(fields: readonly FieldSpec[], formatName: string, shape: number): FastReader {
  const partialBuilders = new Map<number, PartialBuilder>();
  const partialFor = (presentMask: number): PartialBuilder | undefined => {
    let builder = partialBuilders.get(presentMask);
    if (builder === undefined && partialBuilders.size < maxPartialShapes) {
      builder = compilePartialBuilder(fields, formatName, shape, presentMask);
      partialBuilders.set(presentMask, builder);
    }
    return builder;
  };
  const scope: Record<string, unknown> = { ...helpers, partialFor };
  const factory = new Function(...Object.keys(scope), `return function readFlowLine(event, context, line) {\n${fastReaderSource(fields, formatName, shape)}\n};`) as (
    ...helperFunctions: unknown[]
  ) => FastReader;
  return factory(...Object.values(scope));
}
