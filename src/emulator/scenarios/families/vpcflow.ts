// VPC Flow Logs records: the default v2 format and the demo's custom v5 format, rendered from one flow model.
import type { Random } from '../random.js';
import type { NetworkInterface, World } from '../world.js';

/** AWS's default format (14 fields); DescribeFlowLogs returns exactly this string for a default flow log. */
export const DEFAULT_VPC_FLOW_FORMAT =
  '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

/**
 * The custom format of the `vpc-flow-custom` group: v3–v5 fields in a non-table order and a field count (27) that no
 * token-count heuristic knows, so a connector only reads it right when it is configured with this string.
 */
export const CUSTOM_VPC_FLOW_FORMAT =
  '${version} ${account-id} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} ${flow-direction} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${pkt-srcaddr} ${pkt-dstaddr} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${tcp-flags} ${traffic-path} ${pkt-src-aws-service} ${pkt-dst-aws-service} ${type} ${region} ${az-id} ${log-status}';

/** The field names of a `${field}` format string, in order. */
export function formatFields(format: string): string[] {
  return [...format.matchAll(/\$\{([a-z0-9-]+)\}/g)].map((match) => match[1] as string);
}

/** The highest flow-log version among a format's fields: what AWS writes in `${version}`. */
const FIELD_VERSION: Record<string, number> = {
  'vpc-id': 3, 'subnet-id': 3, 'instance-id': 3, 'tcp-flags': 3, type: 3, 'pkt-srcaddr': 3, 'pkt-dstaddr': 3,
  region: 4, 'az-id': 4, 'sublocation-type': 4, 'sublocation-id': 4,
  'pkt-src-aws-service': 5, 'pkt-dst-aws-service': 5, 'flow-direction': 5, 'traffic-path': 5,
};

export function formatVersion(fields: readonly string[]): number {
  return fields.reduce((version, field) => Math.max(version, FIELD_VERSION[field] ?? 2), 2);
}

/** One flow as one ENI saw it during one aggregation interval. */
export interface Flow {
  eni: NetworkInterface;
  srcaddr: string;
  dstaddr: string;
  srcport: number;
  dstport: number;
  /** IANA number: 1 ICMP, 6 TCP, 17 UDP, 58 ICMPv6. */
  protocol: number;
  packets: number;
  bytes: number;
  /** Unix seconds. */
  startSeconds: number;
  endSeconds: number;
  action: 'ACCEPT' | 'REJECT';
  direction: 'ingress' | 'egress';
  tcpFlags?: number;
  /** Egress only: 1 same VPC, 2 gateway endpoint / IGW, 7 gateway endpoint (Nitro), 8 internet gateway (Nitro). */
  trafficPath?: number;
  /** Packet-level addresses when they differ from the ENI's (NAT gateway traffic). */
  pktSrcaddr?: string;
  pktDstaddr?: string;
  pktSrcAwsService?: string;
  pktDstAwsService?: string;
}

/** An interval in which an ENI had no traffic (NODATA) or dropped records (SKIPDATA). */
export interface FlowStatus {
  eni: NetworkInterface;
  startSeconds: number;
  endSeconds: number;
  logStatus: 'NODATA' | 'SKIPDATA';
}

export type FlowRecord = Flow | FlowStatus;

function isStatus(record: FlowRecord): record is FlowStatus {
  return 'logStatus' in record;
}

/** Renders a record in a format: one space between fields, `-` where a field does not apply. */
export function renderFlow(record: FlowRecord, fields: readonly string[], world: World): string {
  const version = String(formatVersion(fields));
  const values = fields.map((field) => fieldValue(record, field, world, version));
  return values.join(' ');
}

function fieldValue(record: FlowRecord, field: string, world: World, version: string): string {
  const eni = record.eni;
  // Interface metadata is known even in NODATA/SKIPDATA intervals; the packet fields are not.
  switch (field) {
    case 'version': return version;
    case 'account-id': return world.accountId;
    case 'interface-id': return eni.eniId;
    case 'vpc-id': return world.vpcId;
    case 'subnet-id': return eni.subnetId;
    case 'instance-id': return eni.instanceId;
    case 'region': return world.region;
    case 'az-id': return world.availabilityZoneId;
    case 'sublocation-type': case 'sublocation-id': return '-';
    case 'start': return String(record.startSeconds);
    case 'end': return String(record.endSeconds);
    case 'log-status': return isStatus(record) ? record.logStatus : 'OK';
  }
  if (isStatus(record)) return '-';
  const flow = record;
  switch (field) {
    case 'srcaddr': return flow.srcaddr;
    case 'dstaddr': return flow.dstaddr;
    case 'srcport': return String(flow.srcport);
    case 'dstport': return String(flow.dstport);
    case 'protocol': return String(flow.protocol);
    case 'packets': return String(flow.packets);
    case 'bytes': return String(flow.bytes);
    case 'action': return flow.action;
    case 'tcp-flags': return String(flow.tcpFlags ?? 0);
    case 'type': return flow.srcaddr.includes(':') ? 'IPv6' : 'IPv4';
    case 'pkt-srcaddr': return flow.pktSrcaddr ?? flow.srcaddr;
    case 'pkt-dstaddr': return flow.pktDstaddr ?? flow.dstaddr;
    case 'pkt-src-aws-service': return flow.pktSrcAwsService ?? '-';
    case 'pkt-dst-aws-service': return flow.pktDstAwsService ?? '-';
    case 'flow-direction': return flow.direction;
    // AWS leaves traffic-path empty for ingress.
    case 'traffic-path': return flow.direction === 'egress' && flow.trafficPath !== undefined ? String(flow.trafficPath) : '-';
    default: return '-';
  }
}

/** The time window a flow record that lands at `timestampMilliseconds` covers. */
export function flowWindow(random: Random, timestampMilliseconds: number): { startSeconds: number; endSeconds: number } {
  const endSeconds = Math.floor(timestampMilliseconds / 1000);
  return { startSeconds: endSeconds - random.int(0, 58), endSeconds };
}

/** An ephemeral client port as Linux picks them. */
export function ephemeralPort(random: Random): number {
  return random.int(32768, 60999);
}

export interface Connection {
  client: { ip: string; port: number };
  server: { ip: string; port: number };
  protocol: number;
  action: 'ACCEPT' | 'REJECT';
  /** Request direction packets/bytes; the reply is derived. */
  packets: number;
  bytes: number;
  startSeconds: number;
  endSeconds: number;
  trafficPath?: number;
  pktDstAwsService?: string;
}

/**
 * The records one connection leaves on the ENI at `eni`: the request and, when accepted, the reply.
 * `eniIsServer` says which end the ENI is, which decides ingress vs egress.
 */
export function connectionRecords(connection: Connection, eni: NetworkInterface, eniIsServer: boolean, random: Random): Flow[] {
  const { client, server, protocol } = connection;
  const tcp = protocol === 6;
  const request: Flow = {
    eni, srcaddr: client.ip, dstaddr: server.ip, srcport: client.port, dstport: server.port, protocol,
    packets: connection.packets, bytes: connection.bytes, startSeconds: connection.startSeconds, endSeconds: connection.endSeconds,
    action: connection.action, direction: eniIsServer ? 'ingress' : 'egress',
    // A rejected SYN shows only SYN (2); a completed connection shows SYN+FIN (3) from the client side.
    ...(tcp ? { tcpFlags: connection.action === 'REJECT' ? 2 : 3 } : {}),
    ...(!eniIsServer && connection.trafficPath !== undefined ? { trafficPath: connection.trafficPath } : {}),
    ...(connection.pktDstAwsService ? { pktDstAwsService: connection.pktDstAwsService } : {}),
  };
  if (connection.action === 'REJECT') return [request];
  const replyPackets = Math.max(1, Math.round(connection.packets * (0.6 + random.float())));
  const reply: Flow = {
    eni, srcaddr: server.ip, dstaddr: client.ip, srcport: server.port, dstport: client.port, protocol,
    packets: replyPackets, bytes: replyPackets * random.int(60, 1400), startSeconds: connection.startSeconds,
    endSeconds: connection.endSeconds, action: 'ACCEPT', direction: eniIsServer ? 'egress' : 'ingress',
    ...(tcp ? { tcpFlags: 19 } : {}),
    ...(eniIsServer && connection.trafficPath !== undefined ? { trafficPath: connection.trafficPath } : {}),
    ...(connection.pktDstAwsService ? { pktSrcAwsService: connection.pktDstAwsService } : {}),
  };
  return [request, reply];
}
