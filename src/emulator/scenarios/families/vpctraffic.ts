// The demo VPC's everyday traffic as flow records: web, database, DNS, ICMP, S3, NAT, admin SSH and internet noise.
import type { Random } from '../random.js';
import { ADMIN_OFFICE_IP, type NetworkInterface, type World } from '../world.js';
import { benignClientIp, noiseIp } from './waf.js';
import { connectionRecords, ephemeralPort, flowWindow, type Connection, type FlowRecord } from './vpcflow.js';

/** An S3 address from AWS's published ranges (the AWS docs' own example). */
const S3_IP = '52.95.128.179';
/** An AWS API endpoint the instances reach through the NAT gateway. */
const AWS_API_IP = '52.94.236.248';
const NOISE_PORTS = [23, 445, 1433, 2375, 3306, 3389, 5900, 6379, 8080, 9200, 11211, 27017];

type Kind = 'web' | 'web6' | 'database' | 'dns' | 'icmp' | 's3' | 'nat' | 'adminSsh' | 'noise' | 'skipdata';

const KINDS: ReadonlyArray<readonly [Kind, number]> = [
  ['web', 30], ['web6', 5], ['database', 14], ['dns', 12], ['icmp', 5], ['s3', 8], ['nat', 8], ['adminSsh', 3], ['noise', 14], ['skipdata', 1],
];

function connection(random: Random, timestamp: number, partial: Omit<Connection, 'startSeconds' | 'endSeconds' | 'packets' | 'bytes'> & { packets?: number }): Connection {
  const packets = partial.packets ?? random.int(3, 60);
  // Rejected flows are bare SYNs (40–60 bytes each); accepted ones carry data.
  const bytes = packets * (partial.action === 'REJECT' ? random.pick([40, 44, 60]) : random.int(52, 1200));
  return { ...flowWindow(random, timestamp), ...partial, packets, bytes };
}

/** One unit of background traffic: the records one connection leaves on every ENI that saw it. */
export function backgroundFlows(random: Random, world: World, timestamp: number): FlowRecord[] {
  const kind = random.weighted(KINDS);
  const web = random.pick(world.web);
  switch (kind) {
    case 'web': {
      const front = connection(random, timestamp, { client: { ip: benignClientIp(random), port: ephemeralPort(random) }, server: { ip: world.loadBalancer.privateIp, port: 443 }, protocol: 6, action: 'ACCEPT', trafficPath: 8 });
      const back = connection(random, timestamp, { client: { ip: world.loadBalancer.privateIp, port: ephemeralPort(random) }, server: { ip: web.privateIp, port: 8080 }, protocol: 6, action: 'ACCEPT', trafficPath: 1 });
      return [...connectionRecords(front, world.loadBalancer, true, random), ...connectionRecords(back, web, true, random)];
    }
    case 'web6': {
      const client = `2001:db8:${random.int(0x100, 0xfff).toString(16)}:${random.int(1, 0xffff).toString(16)}::${random.int(1, 0xffff).toString(16)}`;
      const front = connection(random, timestamp, { client: { ip: client, port: ephemeralPort(random) }, server: { ip: world.loadBalancer.ipv6 ?? '', port: 443 }, protocol: 6, action: 'ACCEPT', trafficPath: 8 });
      return connectionRecords(front, world.loadBalancer, true, random);
    }
    case 'database': {
      const query = connection(random, timestamp, { client: { ip: web.privateIp, port: ephemeralPort(random) }, server: { ip: world.database.privateIp, port: 5432 }, protocol: 6, action: 'ACCEPT', trafficPath: 1 });
      return connectionRecords(query, world.database, true, random);
    }
    case 'dns': {
      const client: NetworkInterface = random.pick([...world.web, world.database, world.bastion]);
      const lookup = connection(random, timestamp, { client: { ip: client.privateIp, port: ephemeralPort(random) }, server: { ip: world.dns.privateIp, port: 53 }, protocol: 17, action: 'ACCEPT', trafficPath: 1, packets: random.int(1, 4) });
      return connectionRecords(lookup, world.dns, true, random);
    }
    case 'icmp': {
      // Monitoring pings from the bastion; ICMP flows carry ports 0 0. Now and then a target drops the echo reply.
      const window = flowWindow(random, timestamp);
      const records: FlowRecord[] = [{ eni: web, srcaddr: world.bastion.privateIp, dstaddr: web.privateIp, srcport: 0, dstport: 0, protocol: 1, packets: 4, bytes: 336, ...window, action: 'ACCEPT', direction: 'ingress' }];
      records.push({ eni: web, srcaddr: web.privateIp, dstaddr: world.bastion.privateIp, srcport: 0, dstport: 0, protocol: 1, packets: 4, bytes: 336, ...window, action: random.chance(0.1) ? 'REJECT' : 'ACCEPT', direction: 'egress', trafficPath: 1 });
      return records;
    }
    case 's3': {
      const client = random.pick([...world.web, world.database]);
      const upload = connection(random, timestamp, { client: { ip: client.privateIp, port: ephemeralPort(random) }, server: { ip: S3_IP, port: 443 }, protocol: 6, action: 'ACCEPT', trafficPath: 7, pktDstAwsService: 'S3' });
      return connectionRecords(upload, client, false, random);
    }
    case 'nat': {
      // Through the NAT gateway the ENI addresses and the packet addresses differ (AWS's NAT example).
      const window = flowWindow(random, timestamp);
      const port = ephemeralPort(random);
      const natPort = random.int(1024, 65535);
      const packets = random.int(4, 40);
      const nat = world.natGateway;
      const common = { eni: nat, protocol: 6, ...window, action: 'ACCEPT' as const };
      return [
        { ...common, srcaddr: web.privateIp, dstaddr: nat.privateIp, srcport: port, dstport: 443, pktSrcaddr: web.privateIp, pktDstaddr: AWS_API_IP, packets, bytes: packets * 180, direction: 'ingress', tcpFlags: 3 },
        { ...common, srcaddr: nat.privateIp, dstaddr: AWS_API_IP, srcport: natPort, dstport: 443, pktDstAwsService: 'AMAZON', packets, bytes: packets * 180, direction: 'egress', tcpFlags: 3, trafficPath: 8 },
        { ...common, srcaddr: AWS_API_IP, dstaddr: nat.privateIp, srcport: 443, dstport: natPort, pktSrcAwsService: 'AMAZON', packets, bytes: packets * 900, direction: 'ingress', tcpFlags: 19 },
        { ...common, srcaddr: nat.privateIp, dstaddr: web.privateIp, srcport: 443, dstport: port, pktSrcaddr: AWS_API_IP, pktDstaddr: web.privateIp, packets, bytes: packets * 900, direction: 'egress', tcpFlags: 19, trafficPath: 1 },
      ];
    }
    case 'adminSsh': {
      const session = connection(random, timestamp, { client: { ip: ADMIN_OFFICE_IP, port: ephemeralPort(random) }, server: { ip: world.bastion.privateIp, port: 22 }, protocol: 6, action: 'ACCEPT', trafficPath: 8, packets: random.int(40, 400) });
      return connectionRecords(session, world.bastion, true, random);
    }
    case 'noise': {
      // The internet's background radiation: scanners hitting the public ENIs, dropped by the security groups.
      const target = random.pick([world.bastion, world.loadBalancer]);
      const probe = connection(random, timestamp, { client: { ip: noiseIp(random), port: ephemeralPort(random) }, server: { ip: target.privateIp, port: random.pick(NOISE_PORTS) }, protocol: 6, action: 'REJECT', packets: random.int(1, 2) });
      return connectionRecords(probe, target, true, random);
    }
    default:
      return [{ eni: world.natGateway, ...flowWindow(random, timestamp), logStatus: 'SKIPDATA' }];
  }
}
