// The demo's fixed AWS estate: one VPC, its instances and ENIs, the clusters and the attack story's actors.
// Ids are literals (not seeded) so the README can name them and a person can search for them.

export interface NetworkInterface {
  name: string;
  eniId: string;
  /** `-` for requester-managed interfaces (NAT gateway, load balancer), as flow logs print it. */
  instanceId: string;
  privateIp: string;
  publicIp?: string;
  ipv6?: string;
  subnetId: string;
  instanceType?: string;
}

export interface World {
  accountId: string;
  region: string;
  availabilityZone: string;
  availabilityZoneId: string;
  vpcId: string;
  bastion: NetworkInterface;
  web: [NetworkInterface, NetworkInterface];
  database: NetworkInterface;
  dns: NetworkInterface;
  batch: NetworkInterface;
  natGateway: NetworkInterface;
  loadBalancer: NetworkInterface;
  /** Every interface with a flow-log stream, in a fixed order. */
  interfaces: NetworkInterface[];
  detectorId: string;
  eksClusterName: string;
  ecsClusterName: string;
}

/** The story's attacker: scans, brute-forces SSH, then tries SQL injection (RFC 5737 documentation range). */
export const ATTACKER_IP = '203.0.113.7';
/** Where the compromised bastion talks afterwards: a mining pool and the stolen credentials' user (RFC 5737). */
export const COMMAND_AND_CONTROL_IP = '198.51.100.77';
/** The office the real administrators SSH from (benign; RFC 5737). */
export const ADMIN_OFFICE_IP = '192.0.2.200';

const PUBLIC_SUBNET = 'subnet-0b12c34d56e78f901';
const PRIVATE_SUBNET = 'subnet-0c23d45e67f89a012';

export function buildWorld(accountId: string, region: string): World {
  const bastion: NetworkInterface = {
    name: 'bastion-1', eniId: 'eni-0a1b2c3d4e5f67890', instanceId: 'i-0d2f4a6c8e0b13579',
    privateIp: '10.0.1.20', publicIp: '192.0.2.20', subnetId: PUBLIC_SUBNET, instanceType: 't3.micro',
  };
  const web1: NetworkInterface = {
    name: 'web-1', eniId: 'eni-0b2c3d4e5f6a78901', instanceId: 'i-0e3a5b7c9d1f24681',
    privateIp: '10.0.2.11', ipv6: '2001:db8:1234:a102::11', subnetId: PRIVATE_SUBNET, instanceType: 'm6i.large',
  };
  const web2: NetworkInterface = {
    name: 'web-2', eniId: 'eni-0c3d4e5f6a7b89012', instanceId: 'i-0f4b6c8d0e2a35792',
    privateIp: '10.0.2.12', ipv6: '2001:db8:1234:a102::12', subnetId: PRIVATE_SUBNET, instanceType: 'm6i.large',
  };
  const database: NetworkInterface = {
    name: 'db-1', eniId: 'eni-0d4e5f6a7b8c90123', instanceId: 'i-01a5c7e9b3d546803',
    privateIp: '10.0.2.30', subnetId: PRIVATE_SUBNET, instanceType: 'r6i.xlarge',
  };
  const dns: NetworkInterface = {
    name: 'dns-1', eniId: 'eni-0e5f6a7b8c9d01234', instanceId: 'i-02b6d8f0a4c657914',
    privateIp: '10.0.2.53', subnetId: PRIVATE_SUBNET, instanceType: 't3.small',
  };
  const batch: NetworkInterface = {
    name: 'batch-1', eniId: 'eni-02c8d0e2f4a634567', instanceId: 'i-03c7e9a1b5d768025',
    privateIp: '10.0.2.40', subnetId: PRIVATE_SUBNET, instanceType: 'c6i.large',
  };
  const natGateway: NetworkInterface = {
    name: 'nat-gateway', eniId: 'eni-0f6a7b8c9d0e12345', instanceId: '-',
    privateIp: '10.0.1.5', publicIp: '192.0.2.5', subnetId: PUBLIC_SUBNET,
  };
  const loadBalancer: NetworkInterface = {
    name: 'demo-alb', eniId: 'eni-01b7c9d1e3f523456', instanceId: '-',
    privateIp: '10.0.1.100', publicIp: '192.0.2.100', ipv6: '2001:db8:1234:a100::100', subnetId: PUBLIC_SUBNET,
  };
  return {
    accountId,
    region,
    availabilityZone: `${region}a`,
    availabilityZoneId: `${availabilityZoneIdPrefix(region)}-az1`,
    vpcId: 'vpc-0a3f1c5e7b9d24680',
    bastion,
    web: [web1, web2],
    database,
    dns,
    batch,
    natGateway,
    loadBalancer,
    interfaces: [bastion, web1, web2, database, dns, batch, natGateway, loadBalancer],
    detectorId: '12abc34d567e8fa901bc2d34e56789f0',
    eksClusterName: 'demo-cluster',
    ecsClusterName: 'demo-cluster',
  };
}

const COMPASS: Record<string, string> = {
  east: 'e', west: 'w', north: 'n', south: 's', central: 'c',
  southeast: 'se', northeast: 'ne', northwest: 'nw', southwest: 'sw',
};

/** `us-east-1` → `use1`, `ap-southeast-2` → `apse2`: the prefix AWS uses in AZ ids. */
export function availabilityZoneIdPrefix(region: string): string {
  const parts = region.split('-');
  const number = parts.pop() ?? '';
  const [area = '', ...rest] = parts;
  return area + rest.map((part) => COMPASS[part] ?? part.charAt(0)).join('') + number;
}

/** The stream name a VPC flow log gives one interface in CloudWatch Logs. */
export function flowLogStreamName(eni: NetworkInterface): string {
  return `${eni.eniId}-all`;
}
