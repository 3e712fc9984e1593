// Property test: 100,000 generated and mutated lines; the parser never throws, returns one record, keeps the message
// byte for byte, and sets parse_error exactly when an independent reference model says the line does not fit.
import { isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VPC_FLOW_FORMAT, documentedVpcFlowFormats, knownFields, parseVpcFlow } from './index.js';

// The reference model: the rules of the brief written plainly with regexes and BigInt, sharing no code with the parser.
const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;
const unsignedUpTo = (maximum: bigint) => (token: string) => /^(0|[1-9]\d*)$/.test(token) && BigInt(token) <= maximum;
const isIp = (token: string) => ipv4.test(token) || (token.includes(':') && !token.includes('%') && isIPv6(token));
const idWith = (prefix: string) => (token: string) => token.startsWith(prefix) && /^[A-Za-z0-9]+$/.test(token.slice(prefix.length));
const oneOf = (...choices: string[]) => (token: string) => choices.includes(token);
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const printable = (token: string) => token.length > 0 && !/[\u0000-\u0020\u007f-\u009f]/.test(token) && !loneSurrogate.test(token);
const count = unsignedUpTo(2n ** 53n - 1n);
const byte = unsignedUpTo(255n);

const checks: Record<string, (token: string) => boolean> = {
  version: byte, 'account-id': (token) => /^(\d{12}|unknown)$/.test(token), 'interface-id': idWith('eni-'), srcaddr: isIp, dstaddr: isIp,
  srcport: unsignedUpTo(65535n), dstport: unsignedUpTo(65535n), protocol: byte, packets: count, bytes: count,
  start: unsignedUpTo(9_999_999_999n), end: unsignedUpTo(9_999_999_999n), action: oneOf('ACCEPT', 'REJECT'), 'log-status': oneOf('OK', 'NODATA', 'SKIPDATA'),
  'vpc-id': idWith('vpc-'), 'subnet-id': idWith('subnet-'), 'instance-id': idWith('i-'), 'tcp-flags': byte, type: oneOf('IPv4', 'IPv6', 'EFA'),
  'pkt-srcaddr': isIp, 'pkt-dstaddr': isIp, 'flow-direction': oneOf('ingress', 'egress'), 'traffic-path': byte,
  'tgw-id': idWith('tgw-'), 'tgw-attachment-id': idWith('tgw-attach-'), 'tgw-pair-attachment-id': idWith('tgw-attach-'),
  'tgw-src-vpc-account-id': (token) => /^(\d{12}|unknown)$/.test(token), 'tgw-dst-vpc-account-id': (token) => /^(\d{12}|unknown)$/.test(token),
  'tgw-src-vpc-id': idWith('vpc-'), 'tgw-dst-vpc-id': idWith('vpc-'), 'tgw-src-subnet-id': idWith('subnet-'), 'tgw-dst-subnet-id': idWith('subnet-'),
  'tgw-src-eni': idWith('eni-'), 'tgw-dst-eni': idWith('eni-'), 'packets-lost-no-route': count, 'packets-lost-blackhole': count,
  'packets-lost-mtu-exceeded': count, 'packets-lost-ttl-expired': count,
};
const checkFor = (name: string) => checks[name] ?? printable;
const layoutFits = (tokens: string[], names: readonly string[]) => tokens.every((token, index) => token === '-' || checkFor(names[index] as string)(token));
const namesOf = (format: string) => format.split(' ').map((token) => token.slice(2, -1));

function referenceFits(line: string, format: string | undefined): boolean {
  const tokens = line.split(/[ \t\n\v\f\r]+/).filter((token) => token.length > 0);
  if (tokens.length === 0) return false;
  const primaries = [namesOf(format ?? DEFAULT_VPC_FLOW_FORMAT), namesOf(DEFAULT_VPC_FLOW_FORMAT)].filter((names) => names.length === tokens.length);
  if (primaries.length > 0) return primaries.some((names) => layoutFits(tokens, names));
  return documentedVpcFlowFormats.some((layout) => layout.fieldNames.length === tokens.length && layoutFits(tokens, layout.fieldNames));
}

// Generators: valid values per field, then formats, lines and mutations.
const valueArbitraries = new Map<string, fc.Arbitrary<string>>();
const validValue = (name: string): fc.Arbitrary<string> => {
  let arbitrary = valueArbitraries.get(name);
  if (arbitrary === undefined) {
    arbitrary = fc.oneof({ weight: 6, arbitrary: makeValidValue(name) }, { weight: 1, arbitrary: fc.constant('-') });
    valueArbitraries.set(name, arbitrary);
  }
  return arbitrary;
};
// Cheap generators (a number mapped to text) keep 100,000 runs within seconds; fc.stringMatching is ~50× slower.
const ipv4Value = fc.nat(2 ** 32 - 1).map((n) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'));
const ipv6Value = fc.tuple(fc.nat(2 ** 32 - 1), fc.nat(2 ** 32 - 1), fc.boolean()).map(([a, b, compress]) =>
  compress ? `2001:db8::${(a & 0xffff).toString(16)}:${(b & 0xffff).toString(16)}` : [a >>> 16, a & 0xffff, b >>> 16, b & 0xffff, 0, 1, a & 0xff, b & 0xff].map((part) => part.toString(16)).join(':'),
);
const textValue = fc.constantFrom('us-east-1', 'use1-az5', 'S3', 'AMAZON', 'arn:aws:ecs:us-east-1:123456789010:task/c/1', 'BPA', 'outpost', 'x', '0', 'a.b_c/d');
const makeValidValue = (name: string): fc.Arbitrary<string> => {
  const field = knownFields.find((known) => known.name === name);
  if (name === 'start' || name === 'end') return fc.integer({ min: 0, max: 9_999_999_999 }).map(String);
  if (field === undefined) return textValue;
  switch (field.kind) {
    case 1: return fc.oneof(fc.integer({ min: 0, max: Math.min(field.maximum, 2 ** 31) }), fc.constant(field.maximum)).map(String);
    case 2: return fc.oneof(ipv4Value, ipv6Value);
    case 3: return fc.constantFrom(...field.allowed);
    case 4: return fc.nat().map((n) => field.prefix + n.toString(16));
    case 5: return fc.oneof(fc.nat(999_999_999).map((n) => String(n).padStart(12, '0')), fc.constant('unknown'));
    default: return textValue;
  }
};
const allNames = [...knownFields.map((field) => field.name), 'encryption-status', 'instance-tag'];
// A fixed pool of 300 random custom formats: each new format costs a compile (and generated code) in the parser and
// here a new arbitrary, so drawing from a pool keeps the run fast while still covering arbitrary orders and subsets.
const randomFormats = fc.sample(
  fc.shuffledSubarray(allNames, { minLength: 1, maxLength: 24 }).map((names) => names.map((name) => `\${${name}}`).join(' ')),
  { numRuns: 300, seed: 7 },
);
const formatArbitrary = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(...randomFormats),
  fc.constantFrom(...documentedVpcFlowFormats.map((layout) => layout.fieldNames.map((name) => `\${${name}}`).join(' '))),
);
const mutation = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('huge' as const), at: fc.nat(), digits: fc.integer({ min: 15, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dash' as const), at: fc.nat() }) },
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(tokens: string[], separator: string, change: Mutation): string {
  const copy = [...tokens];
  const pick = (index: number) => index % copy.length;
  switch (change.kind) {
    case 'none': return copy.join(separator);
    case 'truncate': { const line = copy.join(separator); return line.slice(0, change.at % (line.length + 1)); }
    case 'swap': { const a = pick(change.a); const b = pick(change.b); [copy[a], copy[b]] = [copy[b] as string, copy[a] as string]; return copy.join(separator); }
    case 'insert': { const line = copy.join(separator); const at = change.at % (line.length + 1); return line.slice(0, at) + change.text + line.slice(at); }
    case 'huge': copy[pick(change.at)] = '9'.repeat(change.digits); return copy.join(separator);
    case 'drop': copy.splice(pick(change.at), 1); return copy.join(separator);
    case 'dash': copy[pick(change.at)] = '-'; return copy.join(separator);
  }
}

const caseArbitraries = new Map<string | undefined, fc.Arbitrary<{ format: string | undefined; tokens: string[]; separator: string; change: Mutation }>>();
const caseArbitrary = formatArbitrary.chain((format) => {
  const cached = caseArbitraries.get(format);
  if (cached !== undefined) return cached;
  const names = namesOf(format ?? DEFAULT_VPC_FLOW_FORMAT);
  const created = fc.record({
    format: fc.constant(format),
    tokens: fc.tuple(...names.map(validValue)),
    separator: fc.constantFrom(' ', ' ', ' ', '  ', '\t'),
    change: mutation,
  });
  caseArbitraries.set(format, created);
  return created;
});

describe('parseVpcFlow property', () => {
  it('never throws, returns one record with the message intact, and errs exactly when the line does not fit', () => {
    let errors = 0;
    fc.assert(
      fc.property(caseArbitrary, ({ format, tokens, separator, change }) => {
        const line = mutate(tokens, separator, change);
        const context = format === undefined ? {} : { vpcFlowLogFormat: format };
        const record = parseVpcFlow({ timestamp: 5, message: line }, context);
        const fits = referenceFits(line, format);
        if (!fits) errors++;
        // Plain comparisons instead of expect(): the property runs 100,000 times and must stay within seconds.
        if (record.message !== line || record.timestamp !== 5) return false;
        if ((record.parse_error === undefined) !== fits) {
          throw new Error(`${JSON.stringify(line)} with format ${String(format)}: reference says ${fits ? 'fits' : 'does not fit'}, parser says ${String(record.parse_error)}`);
        }
        return fits ? typeof record.vpcflow === 'object' : !('vpcflow' in record);
      }),
      { numRuns: 100_000, seed: 20240603, endOnFailure: true },
    );
    // The mutations must actually produce bad lines, or the property proves little.
    expect(errors).toBeGreaterThan(10_000);
  }, 120_000);
});
