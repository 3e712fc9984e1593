// The VPC Flow Logs field registry (versions 2–8, Transit Gateway v6): each field's value type and record placement.

/** How a token is checked and converted. */
export const valueKinds = {
  /** Printable free text, kept as a string. */
  text: 0,
  /** Non-negative decimal integer up to `maximum`, converted to a number. */
  unsigned: 1,
  /** IPv4 or IPv6 address. */
  ip: 2,
  /** One of `allowed`, exactly. */
  choice: 3,
  /** An AWS resource id starting with `prefix`. */
  resourceId: 4,
  /** A 12-digit account id or `unknown`. */
  accountId: 5,
} as const;
export type ValueKind = (typeof valueKinds)[keyof typeof valueKinds];

/** Which common (top-level) record field a flow field also feeds, besides `vpcflow.<key>`. */
export const topFields = {
  none: 0,
  srcip: 1,
  dstip: 2,
  srcport: 3,
  dstport: 4,
  proto: 5,
  action: 6,
  logStatus: 7,
  packets: 8,
  bytes: 9,
  startTime: 10,
  endTime: 11,
  interfaceId: 12,
  tcpFlags: 13,
} as const;
export type TopField = (typeof topFields)[keyof typeof topFields];

export interface FieldSpec {
  /** The AWS field name as written in a format string (`pkt-srcaddr`). */
  readonly name: string;
  /** The key under `vpcflow.` (`pkt_srcaddr`). */
  readonly key: string;
  readonly kind: ValueKind;
  /** What the value must be, for error messages (`a port 0–65535`). */
  readonly expected: string;
  readonly maximum: number;
  readonly prefix: string;
  readonly allowed: readonly string[];
  readonly top: TopField;
  /** The flow log version that introduced the field (6 = Transit Gateway); 0 for names outside the registry. */
  readonly version: number;
}

const K = valueKinds;
const T = topFields;

// 2^63 − 1 would be AWS's INT_64, but a JS number is exact only up to 2^53 − 1; larger counts are reported as
// overflow instead of being silently rounded.
const maxSafeCount = Number.MAX_SAFE_INTEGER;
// Unix seconds with at most 10 digits (until the year 2286): a 13-digit value is milliseconds, a unit mistake.
const maxEpochSeconds = 9_999_999_999;

interface SpecInput {
  kind?: ValueKind;
  expected?: string;
  maximum?: number;
  prefix?: string;
  allowed?: readonly string[];
  top?: TopField;
}

function spec(name: string, version: number, input: SpecInput = {}): FieldSpec {
  const kind = input.kind ?? K.text;
  return {
    name,
    key: name.replaceAll('-', '_'),
    kind,
    expected: input.expected ?? 'printable text',
    maximum: input.maximum ?? 0,
    prefix: input.prefix ?? '',
    allowed: input.allowed ?? [],
    top: input.top ?? T.none,
    version,
  };
}

const count = (top: TopField = T.none): SpecInput => ({ kind: K.unsigned, maximum: maxSafeCount, expected: `a count 0–${maxSafeCount}`, top });
const port = (top: TopField): SpecInput => ({ kind: K.unsigned, maximum: 65_535, expected: 'a port 0–65535', top });
const seconds = (top: TopField): SpecInput => ({ kind: K.unsigned, maximum: maxEpochSeconds, expected: 'Unix seconds (at most 10 digits)', top });
const ip = (top: TopField = T.none): SpecInput => ({ kind: K.ip, expected: 'an IPv4 or IPv6 address', top });
const id = (prefix: string, top: TopField = T.none): SpecInput => ({ kind: K.resourceId, prefix, expected: `an id starting with ${prefix}`, top });
const account: SpecInput = { kind: K.accountId, expected: 'a 12-digit account id or unknown' };
const choice = (allowed: readonly string[], top: TopField = T.none): SpecInput => ({ kind: K.choice, allowed, expected: `one of ${allowed.join(', ')}`, top });

const registered: readonly FieldSpec[] = [
  // Version 2: the default format.
  spec('version', 2, { kind: K.unsigned, maximum: 255, expected: 'a version number 0–255' }),
  spec('account-id', 2, account),
  spec('interface-id', 2, id('eni-', T.interfaceId)),
  spec('srcaddr', 2, ip(T.srcip)),
  spec('dstaddr', 2, ip(T.dstip)),
  spec('srcport', 2, port(T.srcport)),
  spec('dstport', 2, port(T.dstport)),
  spec('protocol', 2, { kind: K.unsigned, maximum: 255, expected: 'an IANA protocol number 0–255', top: T.proto }),
  spec('packets', 2, count(T.packets)),
  spec('bytes', 2, count(T.bytes)),
  spec('start', 2, seconds(T.startTime)),
  spec('end', 2, seconds(T.endTime)),
  spec('action', 2, choice(['ACCEPT', 'REJECT'], T.action)),
  spec('log-status', 2, choice(['OK', 'NODATA', 'SKIPDATA'], T.logStatus)),
  // Version 3.
  spec('vpc-id', 3, id('vpc-')),
  spec('subnet-id', 3, id('subnet-')),
  spec('instance-id', 3, id('i-')),
  spec('tcp-flags', 3, { kind: K.unsigned, maximum: 255, expected: 'a TCP flag byte 0–255', top: T.tcpFlags }),
  spec('type', 3, choice(['IPv4', 'IPv6', 'EFA'])),
  spec('pkt-srcaddr', 3, ip()),
  spec('pkt-dstaddr', 3, ip()),
  // Version 4.
  spec('region', 4),
  spec('az-id', 4),
  spec('sublocation-type', 4),
  spec('sublocation-id', 4),
  // Version 5.
  spec('pkt-src-aws-service', 5),
  spec('pkt-dst-aws-service', 5),
  spec('flow-direction', 5, choice(['ingress', 'egress'])),
  spec('traffic-path', 5, { kind: K.unsigned, maximum: 255, expected: 'a traffic path number 0–255' }),
  // Version 6: Transit Gateway flow logs.
  spec('resource-type', 6),
  spec('tgw-id', 6, id('tgw-')),
  spec('tgw-attachment-id', 6, id('tgw-attach-')),
  spec('tgw-src-vpc-account-id', 6, account),
  spec('tgw-dst-vpc-account-id', 6, account),
  spec('tgw-src-vpc-id', 6, id('vpc-')),
  spec('tgw-dst-vpc-id', 6, id('vpc-')),
  spec('tgw-src-subnet-id', 6, id('subnet-')),
  spec('tgw-dst-subnet-id', 6, id('subnet-')),
  spec('tgw-src-eni', 6, id('eni-')),
  spec('tgw-dst-eni', 6, id('eni-')),
  spec('tgw-src-az-id', 6),
  spec('tgw-dst-az-id', 6),
  spec('tgw-pair-attachment-id', 6, id('tgw-attach-')),
  spec('packets-lost-no-route', 6, count()),
  spec('packets-lost-blackhole', 6, count()),
  spec('packets-lost-mtu-exceeded', 6, count()),
  spec('packets-lost-ttl-expired', 6, count()),
  // Version 7: ECS.
  spec('ecs-cluster-arn', 7),
  spec('ecs-cluster-name', 7),
  spec('ecs-container-instance-arn', 7),
  spec('ecs-container-instance-id', 7),
  spec('ecs-container-id', 7),
  spec('ecs-second-container-id', 7),
  spec('ecs-service-name', 7),
  spec('ecs-task-definition-arn', 7),
  spec('ecs-task-arn', 7),
  spec('ecs-task-id', 7),
  // Version 8.
  spec('reject-reason', 8),
];

const registry: ReadonlyMap<string, FieldSpec> = new Map(registered.map((field) => [field.name, field]));

/** Every field this parser knows by name, in the order of the AWS documentation's field table. */
export const knownFields: readonly FieldSpec[] = registered;

/**
 * The spec for a field name. Names outside the registry (newer AWS fields such as `encryption-status`) are an open
 * set: they pass through as printable text under `vpcflow.<name with - as _>`.
 */
export function fieldSpec(name: string): FieldSpec {
  return registry.get(name) ?? spec(name, 0);
}

export function isKnownField(name: string): boolean {
  return registry.has(name);
}
