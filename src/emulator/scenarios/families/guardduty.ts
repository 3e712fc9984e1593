// GuardDuty findings in the EventBridge envelope that CloudWatch Logs stores (log-formats.md §3).
import type { Random } from '../random.js';
import type { NetworkInterface, World } from '../world.js';

export const GUARDDUTY_LOG_GROUP = '/aws/events/guardduty';

export type SeverityLabel = 'low' | 'medium' | 'high' | 'critical';

/** The finding types the demo emits, each with the severity GuardDuty gives it in this situation. */
export const FINDING_SEVERITY: Record<string, { severity: number; label: SeverityLabel }> = {
  'Recon:EC2/PortProbeUnprotectedPort': { severity: 2, label: 'low' },
  'UnauthorizedAccess:EC2/SSHBruteForce': { severity: 2, label: 'low' },
  'UnauthorizedAccess:EC2/TorIPCaller': { severity: 5, label: 'medium' },
  'CryptoCurrency:EC2/BitcoinTool.B!DNS': { severity: 8, label: 'high' },
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS': { severity: 8, label: 'high' },
  'Impact:EC2/SuspiciousDomainRequest.Reputation': { severity: 5, label: 'medium' },
  'Policy:IAMUser/RootCredentialUsage': { severity: 2, label: 'low' },
};

/** GuardDuty's bands: 1.0–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical. */
export function severityLabel(severity: number): SeverityLabel {
  if (severity >= 9) return 'critical';
  if (severity >= 7) return 'high';
  if (severity >= 4) return 'medium';
  return 'low';
}

export interface RemoteParty {
  ip: string;
  countryName: string;
  cityName: string;
  asn: string;
  org: string;
  lat: number;
  lon: number;
}

export function remoteIpDetails(remote: RemoteParty): Record<string, unknown> {
  return {
    ipAddressV4: remote.ip,
    organization: { asn: remote.asn, asnOrg: remote.org, isp: remote.org, org: remote.org },
    country: { countryName: remote.countryName },
    city: { cityName: remote.cityName },
    geoLocation: { lat: remote.lat, lon: remote.lon },
  };
}

function dnsNames(world: World, eni: NetworkInterface): { privateDnsName: string; publicDnsName: string } {
  const dashed = (ip: string) => ip.replaceAll('.', '-');
  const east = world.region === 'us-east-1';
  return {
    privateDnsName: east ? `ip-${dashed(eni.privateIp)}.ec2.internal` : `ip-${dashed(eni.privateIp)}.${world.region}.compute.internal`,
    publicDnsName: eni.publicIp === undefined ? '' : east ? `ec2-${dashed(eni.publicIp)}.compute-1.amazonaws.com` : `ec2-${dashed(eni.publicIp)}.${world.region}.compute.amazonaws.com`,
  };
}

export function instanceResource(world: World, eni: NetworkInterface): Record<string, unknown> {
  const names = dnsNames(world, eni);
  return {
    resourceType: 'Instance',
    instanceDetails: {
      instanceId: eni.instanceId,
      instanceType: eni.instanceType ?? 't3.micro',
      launchTime: '2025-01-06T09:12:44.000Z',
      platform: null,
      productCodes: [],
      iamInstanceProfile: { arn: `arn:aws:iam::${world.accountId}:instance-profile/${eni.name}-profile`, id: 'AIPA4EXAMPLE7DEMO0PRF' },
      networkInterfaces: [{
        ipv6Addresses: eni.ipv6 ? [eni.ipv6] : [],
        networkInterfaceId: eni.eniId,
        privateDnsName: names.privateDnsName,
        privateIpAddress: eni.privateIp,
        privateIpAddresses: [{ privateDnsName: names.privateDnsName, privateIpAddress: eni.privateIp }],
        publicDnsName: names.publicDnsName,
        publicIp: eni.publicIp ?? '',
        securityGroups: [{ groupId: 'sg-0a1b2c3d4e5f60718', groupName: `${eni.name}-sg` }],
        subnetId: eni.subnetId,
        vpcId: world.vpcId,
      }],
      tags: [{ key: 'Name', value: eni.name }, { key: 'Environment', value: 'demo' }],
      instanceState: 'running',
      availabilityZone: world.availabilityZone,
      imageId: 'ami-0abcdef1234567890',
      imageDescription: 'Amazon Linux 2023 AMI 2023.4.20240416.0 x86_64 HVM kernel-6.1',
    },
  };
}

export interface FindingInput {
  type: string;
  /** Stable per (type, resource, actor) so a repeat updates the same finding, as GuardDuty does. */
  findingId: string;
  resource: Record<string, unknown>;
  action: Record<string, unknown>;
  title: string;
  description: string;
  createdAt: number;
  updatedAt: number;
  eventFirstSeen: number;
  eventLastSeen: number;
  count: number;
  resourceRole?: 'TARGET' | 'ACTOR';
}

/** The EventBridge event EventBridge writes to the log group for one finding. */
export function findingEventMessage(random: Random, world: World, input: FindingInput): string {
  const known = FINDING_SEVERITY[input.type];
  if (known === undefined) throw new Error(`no severity known for GuardDuty finding type ${input.type}`);
  const detail = {
    schemaVersion: '2.0',
    accountId: world.accountId,
    region: world.region,
    partition: 'aws',
    id: input.findingId,
    arn: `arn:aws:guardduty:${world.region}:${world.accountId}:detector/${world.detectorId}/finding/${input.findingId}`,
    type: input.type,
    resource: input.resource,
    service: {
      serviceName: 'guardduty',
      detectorId: world.detectorId,
      action: input.action,
      resourceRole: input.resourceRole ?? 'TARGET',
      additionalInfo: { value: '{}', type: 'default' },
      evidence: null,
      eventFirstSeen: iso(input.eventFirstSeen),
      eventLastSeen: iso(input.eventLastSeen),
      archived: false,
      count: input.count,
    },
    severity: known.severity,
    createdAt: iso(input.createdAt),
    updatedAt: iso(input.updatedAt),
    title: input.title,
    description: input.description,
  };
  const envelope = {
    version: '0',
    id: random.uuid(),
    'detail-type': 'GuardDuty Finding',
    source: 'aws.guardduty',
    account: world.accountId,
    // EventBridge's `time` has second precision.
    time: new Date(Math.floor(input.updatedAt / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    region: world.region,
    resources: [],
    detail,
  };
  return JSON.stringify(envelope);
}

function iso(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}

export function portProbeAction(remote: RemoteParty, localPorts: Array<{ port: number; portName: string }>, localIp: string): Record<string, unknown> {
  return {
    actionType: 'PORT_PROBE',
    portProbeAction: {
      blocked: false,
      portProbeDetails: localPorts.map((local) => ({
        localPortDetails: local,
        localIpDetails: { ipAddressV4: localIp },
        remoteIpDetails: remoteIpDetails(remote),
      })),
    },
  };
}

export function networkConnectionAction(
  remote: RemoteParty, direction: 'INBOUND' | 'OUTBOUND', localIp: string,
  localPort: { port: number; portName: string }, remotePort: { port: number; portName: string },
): Record<string, unknown> {
  return {
    actionType: 'NETWORK_CONNECTION',
    networkConnectionAction: {
      connectionDirection: direction,
      protocol: 'TCP',
      blocked: false,
      localIpDetails: { ipAddressV4: localIp },
      localPortDetails: localPort,
      remoteIpDetails: remoteIpDetails(remote),
      remotePortDetails: remotePort,
    },
  };
}

export function dnsRequestAction(domain: string): Record<string, unknown> {
  return { actionType: 'DNS_REQUEST', dnsRequestAction: { domain, protocol: 'UDP', blocked: false, domainWithSuffix: domain } };
}

export function awsApiCallAction(remote: RemoteParty, api: string, serviceName: string, userAgent: string): Record<string, unknown> {
  return {
    actionType: 'AWS_API_CALL',
    awsApiCallAction: {
      api,
      serviceName,
      callerType: 'Remote IP',
      errorCode: '',
      userAgent,
      remoteIpDetails: remoteIpDetails(remote),
      affectedResources: {},
    },
  };
}

export function accessKeyResource(accessKeyId: string, principalId: string, userName: string, userType: string): Record<string, unknown> {
  return { resourceType: 'AccessKey', accessKeyDetails: { accessKeyId, principalId, userName, userType } };
}

const NOISE_PLACES: Array<Omit<RemoteParty, 'ip'>> = [
  { countryName: 'Germany', cityName: 'Frankfurt am Main', asn: '64502', org: 'Example Transit GmbH', lat: 50.1109, lon: 8.6821 },
  { countryName: 'Brazil', cityName: 'Sao Paulo', asn: '64503', org: 'Exemplo Telecom', lat: -23.5505, lon: -46.6333 },
  { countryName: 'Singapore', cityName: 'Singapore', asn: '64504', org: 'Sample Cloud Pte', lat: 1.3521, lon: 103.8198 },
];

/** A low-key background finding: the noise every real account sees, so the story's findings must be told apart. */
export function backgroundFindingMessage(random: Random, world: World, timestamp: number, noiseIp: string): string {
  const remote: RemoteParty = { ip: noiseIp, ...random.pick(NOISE_PLACES) };
  const kind = random.pick(['probe', 'tor', 'domain', 'root'] as const);
  const findingId = random.hex(32);
  const common = { findingId, createdAt: timestamp, updatedAt: timestamp, eventFirstSeen: timestamp - random.int(60, 600) * 1000, eventLastSeen: timestamp - 30_000, count: 1 };
  switch (kind) {
    case 'probe':
      return findingEventMessage(random, world, {
        ...common, type: 'Recon:EC2/PortProbeUnprotectedPort', resource: instanceResource(world, world.bastion),
        action: portProbeAction(remote, [{ port: 22, portName: 'SSH' }], world.bastion.privateIp),
        title: `Unprotected port on EC2 instance ${world.bastion.instanceId} is being probed.`,
        description: `EC2 instance has an unprotected port which is being probed by a known malicious host.`,
      });
    case 'tor':
      return findingEventMessage(random, world, {
        ...common, type: 'UnauthorizedAccess:EC2/TorIPCaller', resource: instanceResource(world, world.bastion),
        action: networkConnectionAction(remote, 'INBOUND', world.bastion.privateIp, { port: 22, portName: 'SSH' }, { port: 40000 + random.int(0, 20000), portName: 'Unknown' }),
        title: `EC2 instance ${world.bastion.instanceId} is receiving inbound connections from a Tor exit node.`,
        description: `EC2 instance ${world.bastion.instanceId} is receiving inbound connections from Tor exit node ${noiseIp}.`,
      });
    case 'domain': {
      const web = random.pick(world.web);
      return findingEventMessage(random, world, {
        ...common, type: 'Impact:EC2/SuspiciousDomainRequest.Reputation', resource: instanceResource(world, web),
        action: dnsRequestAction('cdn-update.example.org'),
        title: `EC2 instance ${web.instanceId} queried a low reputation domain name.`,
        description: `EC2 instance ${web.instanceId} queried a suspicious domain name: cdn-update.example.org.`,
        resourceRole: 'ACTOR',
      });
    }
    default:
      return findingEventMessage(random, world, {
        ...common, type: 'Policy:IAMUser/RootCredentialUsage',
        resource: accessKeyResource('ASIA4EXAMPLEROOT0KEY', world.accountId, 'Root', 'Root'),
        action: awsApiCallAction({ ip: '192.0.2.200', countryName: 'United States', cityName: 'Seattle', asn: '64500', org: 'Demo Corp Office', lat: 47.6062, lon: -122.3321 }, 'ListBuckets', 's3.amazonaws.com', 'aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0'),
        title: 'API ListBuckets was invoked using root credentials.',
        description: `API ListBuckets was invoked using root credentials from IP address 192.0.2.200.`,
        resourceRole: 'TARGET',
      });
  }
}
