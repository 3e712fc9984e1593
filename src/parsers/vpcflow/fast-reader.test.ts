// The generated single-pass reader against the careful path: same record (key order included) whenever it accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import { baseRecord } from '../normalize.js';
import { commonShape } from './fast-reader.js';
import { compileCached, compileVpcFlowFormat, defaultVpcFlowFormat, fastReaderFor, type CompiledVpcFlowFormat } from './format.js';
import { knownFields } from './fields.js';
import { documentedVpcFlowFormats } from './known-formats.js';
import { parseVpcFlow, parseVpcFlowCarefully } from './parse.js';

const accept = '2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK';

/** Keys in insertion order, nested objects included: what JSON output and stores see. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keyPaths(inner, `${prefix}${key}.`)]);
}

function expectSameRecord(fast: InterflowRecord, careful: InterflowRecord, line: string): void {
  // Plain comparisons first (this runs tens of thousands of times); expect() only to show a difference.
  if (JSON.stringify(fast) === JSON.stringify(careful) && keyPaths(fast).join() === keyPaths(careful).join()) return;
  expect(fast, line).toStrictEqual(careful);
  expect(keyPaths(fast), line).toEqual(keyPaths(careful));
}

function formatString(format: CompiledVpcFlowFormat): string {
  return format.fieldNames.map((name) => `\${${name}}`).join(' ');
}

// Values per field: valid ones of every type, `-`, and near misses the fast path must refuse as the careful one does.
const numberValues = ['0', '7', '255', '61', '200', '256', '65535', '65536', '1418530010', '9999999999', '10000000000', '9007199254740991', '9007199254740992', '99999999999999999', '07', '00', '1e3', '+1', '-1', '１'];
const ipValues = ['10.0.0.1', '172.31.16.139', '255.255.255.255', '256.1.1.1', '010.0.0.1', '1.2.3', '1.2.3.4.5', '2001:db8::1', 'ff02::1:ff00:1', '::', 'fe80::1%eth0', '2001:db8::g', ':::', '1.02.3.4', '1.2.3.04', '0.0.0.0', '1..2.3', '1000.1.1.1', '::ffff:1.2.3.4'];
const textValues = ['x', 'us-east-1', 'arn:aws:ecs:us-east-1:123456789010:task/c/1', 'a\u0085b', 'caf\u00e9', '\ud83d\ude00', '\ud83d', 'a\u007fb'];
const idValues = ['eni-0a1b', 'vpc-1', 'subnet-1', 'i-0a', 'tgw-attach-9', 'tgw-0', 'eni-', 'eni-x_y', 'ENI-1'];
const accountValues = ['123456789010', '000000000042', 'unknown', 'Unknown', '12345678901', '1234567890123'];
const choiceValues = ['ACCEPT', 'REJECT', 'OK', 'NODATA', 'SKIPDATA', 'IPv4', 'IPv6', 'EFA', 'ingress', 'egress', 'TransitGateway', 'ACCEPTED', 'OKAY', 'accept', '1', '8'];
const anyValue = fc.constantFrom(...numberValues, ...ipValues, ...textValues, ...idValues, ...accountValues, ...choiceValues, '-');

function valuesFor(name: string): fc.Arbitrary<string> {
  const field = knownFields.find((known) => known.name === name);
  const own = (() => {
    switch (field?.kind) {
      case 1: return fc.constantFrom(...numberValues.slice(0, 12).filter((value) => Number(value) <= field.maximum));
      case 2: return fc.constantFrom(...ipValues.slice(0, 3), ...ipValues.slice(7, 10));
      case 3: return fc.constantFrom(...(field.allowed as string[]));
      case 4: return fc.nat(0xffffff).map((n) => `${field.prefix}${n.toString(16)}`);
      case 5: return fc.constantFrom(...accountValues.slice(0, 3));
      default: return fc.constantFrom(...textValues.slice(0, 3));
    }
  })();
  // Mostly values of the field's own type, so that most lines fit and the accepting path is what gets compared.
  return fc.oneof({ weight: 50, arbitrary: own }, { weight: 2, arbitrary: fc.constant('-') }, { weight: 1, arbitrary: anyValue });
}

const formats: CompiledVpcFlowFormat[] = [
  ...documentedVpcFlowFormats,
  compileVpcFlowFormat('${action} ${dstport} ${dstaddr} ${protocol} ${interface-id} ${srcaddr}'),
  compileVpcFlowFormat('${srcaddr} ${encryption-status} ${tcp-flags} ${protocol} ${start} ${end} ${log-status}'),
  compileVpcFlowFormat(knownFields.map((field) => `\${${field.name}}`).join(' ')),
];

const separators = fc.oneof({ weight: 20, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: fc.constantFrom('  ', '\t', ' \r', '\u000b') });
const edges = fc.oneof({ weight: 20, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(' ', '\n', '\r\n', '\t') });

const lineCase = fc.integer({ min: 0, max: formats.length - 1 }).chain((formatIndex) => {
  const format = formats[formatIndex] as CompiledVpcFlowFormat;
  return fc.record({
    format: fc.constant(format),
    // Sometimes one field too many or too few: the count check, and the fallbacks behind it.
    values: fc.tuple(...format.fieldNames.map(valuesFor)).chain((values) =>
      fc.oneof({ weight: 10, arbitrary: fc.constant(values) }, { weight: 1, arbitrary: fc.constant(values.slice(1)) }, { weight: 1, arbitrary: anyValue.map((extra) => [...values, extra]) }),
    ),
    separator: separators,
    before: edges,
    after: edges,
    configured: fc.boolean(),
    // A few common-field shapes: each is compiled per format, and the next test covers all 256 on the default format.
    shape: fc.constantFrom(0, 255, 0b00011000, 0b10100101, 0b01000010),
  });
});

function contextOf(shape: number, format: CompiledVpcFlowFormat, configured: boolean): { event: Omit<CloudWatchEvent, 'message'>; context: ParseContext } {
  const context: ParseContext = {};
  if ((shape & 1) !== 0) context.region = 'us-east-1';
  if ((shape & 2) !== 0) context.accountId = '123456789010';
  if ((shape & 4) !== 0) context.logGroup = '/vpc/flow';
  if ((shape & 64) !== 0) context.tenant = 'acme';
  if ((shape & 128) !== 0) context.connector = { id: 'c1', name: 'prod' };
  if (configured || format !== defaultVpcFlowFormat) context.vpcFlowLogFormat = formatString(format);
  const event: Omit<CloudWatchEvent, 'message'> = { timestamp: 1_700_000_000_123 };
  if ((shape & 8) !== 0) event.logStreamName = 'eni-1-all';
  if ((shape & 16) !== 0) event.eventId = '3789';
  if ((shape & 32) !== 0) event.ingestionTime = 1_700_000_000_999;
  return { event, context };
}

describe('the generated single-pass reader', () => {
  it('gives exactly the careful path record on every line it accepts, and accepts every plain line that fits', () => {
    let accepted = 0;
    let refusedFitting = 0;
    fc.assert(
      fc.property(lineCase, ({ format, values, separator, before, after, configured, shape }) => {
        const message = before + values.join(separator) + after;
        const { event: common, context } = contextOf(shape, format, configured);
        const event = { ...common, message };
        const careful = parseVpcFlowCarefully(event, context);
        // The format parseVpcFlow reads with: a configured string compiles to `configured` (or to the default).
        const primary = context.vpcFlowLogFormat === undefined ? defaultVpcFlowFormat : (compileCached(context.vpcFlowLogFormat) as CompiledVpcFlowFormat);
        const fast = fastReaderFor(primary, commonShape(event, context))(event, context, message);
        if (fast !== undefined) {
          accepted++;
          expectSameRecord(fast, careful, message);
        } else if (careful.parse_error === undefined && careful.vpcflow_format_note === undefined && separator === ' ' && before === '' && after === '') {
          refusedFitting++;
        }
        expectSameRecord(parseVpcFlow(event, context), careful, message);
      }),
      { numRuns: 20_000, seed: 3, endOnFailure: true },
    );
    // The comparison means something only if most lines take the fast path; and none that fits plainly may miss it.
    expect(accepted).toBeGreaterThan(8_000);
    expect(refusedFitting).toBe(0);
  }, 60_000);

  it('accepts an address exactly when the careful check does, whatever the characters', () => {
    const context = { vpcFlowLogFormat: '${srcaddr} ${dstaddr}' };
    const octet = fc.constantFrom('0', '1', '9', '10', '25', '99', '199', '255', '256', '300', '01', '001', '0255', '');
    const address = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', '.', ':', 'a', 'f', '%', '-', ' '), maxLength: 18 }),
      fc.array(octet, { minLength: 3, maxLength: 5 }).map((octets) => octets.join('.')),
    );
    fc.assert(
      fc.property(address, (token) => {
        const message = `${token} 10.0.0.1`;
        const careful = parseVpcFlowCarefully({ timestamp: 1, message }, context);
        const fast = fastReaderFor(compileCached(context.vpcFlowLogFormat) as CompiledVpcFlowFormat, 0)({ timestamp: 1, message }, context, message);
        if (fast !== undefined) expectSameRecord(fast, careful, message);
        // A plain (single-space) line the careful path reads without error must never be refused.
        else if (!token.includes(' ') && token.length > 0) expect(careful.parse_error, message).toBeDefined();
      }),
      { numRuns: 20_000, seed: 11 },
    );
  });

  it('gives the careful record for any set of `-` values, before and past the bound on compiled shapes', () => {
    const tokens = accept.split(' ');
    const context = { tenant: 'acme' };
    // 300 different sets of absent values on one reader: more than the 64 shapes it compiles literals for.
    for (let pattern = 1; pattern <= 300; pattern++) {
      const dashes = (pattern * 2654435761) % 2 ** tokens.length;
      const message = tokens.map((token, position) => (Math.floor(dashes / 2 ** position) % 2 === 1 ? '-' : token)).join(' ');
      const event = { timestamp: 1, message, ingestionTime: 2 };
      expectSameRecord(parseVpcFlow(event, context), parseVpcFlowCarefully(event, context), message);
      expect(parseVpcFlow(event, context).parse_error).toBeUndefined();
    }
  });

  it('builds the common fields exactly as baseRecord does, in its order, for every optional-field combination', () => {
    for (let shape = 0; shape < 256; shape++) {
      const { event: common, context } = contextOf(shape, defaultVpcFlowFormat, false);
      const event = { ...common, message: accept };
      const record = parseVpcFlow(event, context);
      const base = baseRecord(event, context, 'vpcflow');
      const baseKeys = Object.keys(base);
      expect(Object.keys(record).slice(0, baseKeys.length)).toEqual(baseKeys);
      for (const key of baseKeys) expect(record[key], key).toStrictEqual(base[key]);
      expect(keyPaths(record.aws)).toEqual(keyPaths(base.aws));
      if (context.connector !== undefined) expect(record.connector).not.toBe(context.connector);
    }
  });

  it('never shares objects between records', () => {
    const context = { connector: { id: 'c1', name: 'prod' } };
    const first = parseVpcFlow({ timestamp: 1, message: accept }, context);
    const second = parseVpcFlow({ timestamp: 1, message: accept }, context);
    for (const key of ['msg_origin', 'aws', 'connector', 'vpcflow']) expect(first[key]).not.toBe(second[key]);
  });

  it('leaves the lines it refuses to the careful path, which reports them', () => {
    const reader = fastReaderFor(defaultVpcFlowFormat, 0);
    const refused = [accept.replace(' 20641 ', ' 020641 '), accept.replace(' 22 ', '  22 '), ` ${accept}`, `${accept}\n`, accept.replace(' 6 ', ' 6\t'), accept.replace(' 6 ', ' 256 '), `${accept} -`, accept.slice(0, -3)];
    for (const line of refused) expect(reader({ timestamp: 1, message: line }, {}, line), line).toBeUndefined();
    expect(parseVpcFlow({ timestamp: 1, message: accept.replace(' 6 ', ' 256 ') }, {}).parse_error).toMatch(/field protocol/);
  });
});
