// The demo's attack story: one attacker, one bastion, told consistently across flow, WAF, EKS and GuardDuty logs.
import {
  accessKeyResource, awsApiCallAction, dnsRequestAction, findingEventMessage, instanceResource, networkConnectionAction,
  portProbeAction, type FindingInput, type RemoteParty,
} from './families/guardduty.js';
import { anonymousProbeMessage, deniedAuthenticatorMessage } from './families/eks.js';
import { connectionRecords, ephemeralPort, type Connection, type FlowRecord } from './families/vpcflow.js';
import { sqlInjectionMessage } from './families/waf.js';
import { mixSeed, Random, stableHex } from './random.js';
import { ATTACKER_IP, COMMAND_AND_CONTROL_IP, type World } from './world.js';

/** Where the story's events go; the scenario turns each call into log events of the right group and stream. */
export interface StorySink {
  flows(timestamp: number, records: FlowRecord[]): void;
  waf(timestamp: number, message: string): void;
  guardDuty(timestamp: number, message: string): void;
  eksAudit(timestamp: number, message: string): void;
  eksAuthenticator(timestamp: number, message: string): void;
}

/** The story repeats every 20 minutes so a long-running demo keeps finding it; GuardDuty counts the repeats. */
export const STORY_CYCLE_SECONDS = 1200;
/** The first act starts one minute into the timeline (inside the default 15-minute backfill). */
export const STORY_DELAY_SECONDS = 60;

/** Seconds into a cycle at which each act starts and ends. */
export const ACTS = {
  portScan: { start: 0, end: 90, probesPerSecond: 3 },
  kubernetesProbe: { start: 40, end: 49, everySeconds: 4 },
  sshRejected: { start: 120, end: 240 },
  sshAccepted: { start: 240, end: 300, everySeconds: 5 },
  sshSession: { start: 300 },
  sqlInjection: { start: 150, end: 330, everySeconds: 3 },
  mining: { start: 330, end: 480, everySeconds: 10 },
  eksDenied: { start: 400, end: 407, everySeconds: 3 },
  findingPortProbe: 240,
  findingCryptoDns: 345,
  findingSshBruteForce: 420,
  findingCredentialExfiltration: 450,
} as const;

export const ATTACKER: RemoteParty = {
  ip: ATTACKER_IP, countryName: 'Netherlands', cityName: 'Amsterdam', asn: '64511', org: 'Example Bulletproof Hosting', lat: 52.3676, lon: 4.9041,
};
export const ATTACKER_COUNTRY_CODE = 'NL';
export const COMMAND_AND_CONTROL: RemoteParty = {
  ip: COMMAND_AND_CONTROL_IP, countryName: 'Seychelles', cityName: 'Victoria', asn: '64510', org: 'Example Offshore Networks', lat: -4.6191, lon: 55.4513,
};
export const MINING_POOL_DOMAIN = 'xmr.pool.example.net';
export const BASTION_ROLE = 'bastion-role';
const MINING_PORT = 3333;
const SCANNED_PORT_COUNT = (ACTS.portScan.end - ACTS.portScan.start) * ACTS.portScan.probesPerSecond;

/**
 * Emits the story's events for the second starting at `secondStart`. `timelineStart` anchors the cycles; the same
 * seed, timeline start and second always produce the same events.
 */
export function storyForSecond(seed: number, world: World, timelineStart: number, secondStart: number, sink: StorySink): void {
  const firstCycleStart = Math.ceil(timelineStart / 1000) * 1000 + STORY_DELAY_SECONDS * 1000;
  if (secondStart < firstCycleStart) return;
  const cycle = Math.floor((secondStart - firstCycleStart) / (STORY_CYCLE_SECONDS * 1000));
  const cycleStart = firstCycleStart + cycle * STORY_CYCLE_SECONDS * 1000;
  const offset = (secondStart - cycleStart) / 1000;
  const random = new Random(mixSeed(seed, secondStart / 1000, 0x5707));
  const at = (extraMilliseconds: number) => secondStart + extraMilliseconds;
  const bastion = world.bastion;
  const attackerConnection = (timestamp: number, port: number, action: 'ACCEPT' | 'REJECT', packets: number, bytesPerPacket: number, durationSeconds = 0): Connection => {
    const endSeconds = Math.floor(timestamp / 1000);
    return {
      client: { ip: ATTACKER_IP, port: ephemeralPort(random) }, server: { ip: bastion.privateIp, port }, protocol: 6, action,
      packets, bytes: packets * bytesPerPacket, startSeconds: endSeconds - durationSeconds, endSeconds, trafficPath: 8,
    };
  };

  // Act 1: a fast SYN scan of the bastion's low ports. Only 22 is open to the world.
  if (offset >= ACTS.portScan.start && offset < ACTS.portScan.end) {
    const ports = scannedPorts(seed, cycle);
    for (let i = 0; i < ACTS.portScan.probesPerSecond; i++) {
      const port = ports[(offset - ACTS.portScan.start) * ACTS.portScan.probesPerSecond + i] ?? 1;
      const timestamp = at(random.int(0, 999));
      const open = port === 22;
      sink.flows(timestamp, connectionRecords(attackerConnection(timestamp, port, open ? 'ACCEPT' : 'REJECT', open ? 3 : 1, 44), bastion, true, random));
    }
  }
  // The same host knocks on the EKS API anonymously.
  if (offset >= ACTS.kubernetesProbe.start && offset < ACTS.kubernetesProbe.end && (offset - ACTS.kubernetesProbe.start) % ACTS.kubernetesProbe.everySeconds === 0) {
    const probe = (offset - ACTS.kubernetesProbe.start) / ACTS.kubernetesProbe.everySeconds;
    const timestamp = at(random.int(0, 999));
    sink.eksAudit(timestamp, anonymousProbeMessage(random, timestamp, ATTACKER_IP, probe));
  }
  // Act 2: SSH brute force. The security group first drops it; once someone opens 22 to 0.0.0.0/0 the attempts
  // get through, and the last one turns into a long interactive session.
  if (offset >= ACTS.sshRejected.start && offset < ACTS.sshRejected.end) {
    const timestamp = at(random.int(0, 999));
    sink.flows(timestamp, connectionRecords(attackerConnection(timestamp, 22, 'REJECT', random.int(1, 3), 60), bastion, true, random));
  }
  if (offset >= ACTS.sshAccepted.start && offset < ACTS.sshAccepted.end && (offset - ACTS.sshAccepted.start) % ACTS.sshAccepted.everySeconds === 0) {
    const timestamp = at(random.int(0, 999));
    sink.flows(timestamp, connectionRecords(attackerConnection(timestamp, 22, 'ACCEPT', random.int(18, 30), 140, random.int(2, 4)), bastion, true, random));
  }
  if (offset === ACTS.sshSession.start) {
    const timestamp = at(random.int(0, 999));
    sink.flows(timestamp, connectionRecords(attackerConnection(timestamp, 22, 'ACCEPT', random.int(700, 900), 220, 58), bastion, true, random));
  }
  // Act 3: SQL injection against the shop behind the ALB; the ALB accepts the TCP connection, the WAF blocks the request.
  if (offset >= ACTS.sqlInjection.start && offset < ACTS.sqlInjection.end && (offset - ACTS.sqlInjection.start) % ACTS.sqlInjection.everySeconds === 0) {
    const attempt = (offset - ACTS.sqlInjection.start) / ACTS.sqlInjection.everySeconds;
    const timestamp = at(random.int(0, 999));
    sink.waf(timestamp, sqlInjectionMessage(random, world, timestamp, ATTACKER_IP, ATTACKER_COUNTRY_CODE, attempt));
    const endSeconds = Math.floor(timestamp / 1000);
    const toAlb: Connection = {
      client: { ip: ATTACKER_IP, port: ephemeralPort(random) }, server: { ip: world.loadBalancer.privateIp, port: 443 }, protocol: 6,
      action: 'ACCEPT', packets: random.int(6, 10), bytes: random.int(1800, 2600), startSeconds: endSeconds - 1, endSeconds, trafficPath: 8,
    };
    sink.flows(timestamp, connectionRecords(toAlb, world.loadBalancer, true, random));
  }
  // Act 4: the bastion now mines for the attacker and its role's credentials are used from outside AWS.
  if (offset >= ACTS.mining.start && offset < ACTS.mining.end && (offset - ACTS.mining.start) % ACTS.mining.everySeconds === 0) {
    const timestamp = at(random.int(0, 999));
    const endSeconds = Math.floor(timestamp / 1000);
    const mining: Connection = {
      client: { ip: bastion.privateIp, port: 47810 + cycle % 1000 }, server: { ip: COMMAND_AND_CONTROL_IP, port: MINING_PORT }, protocol: 6,
      action: 'ACCEPT', packets: random.int(30, 60), bytes: random.int(4000, 9000), startSeconds: endSeconds - 9, endSeconds, trafficPath: 8,
    };
    sink.flows(timestamp, connectionRecords(mining, bastion, false, random));
  }
  if (offset >= ACTS.eksDenied.start && offset < ACTS.eksDenied.end && (offset - ACTS.eksDenied.start) % ACTS.eksDenied.everySeconds === 0) {
    const timestamp = at(random.int(0, 999));
    sink.eksAuthenticator(timestamp, deniedAuthenticatorMessage(random, world, timestamp, BASTION_ROLE));
  }

  // GuardDuty reports each activity a few minutes later; a repeat of the story updates the same finding (count + 1).
  const firstSeen = (act: number) => firstCycleStart + act * 1000;
  const seen = (act: number) => cycleStart + act * 1000;
  const finding = (type: string) => ({ type, findingId: stableHex(`${seed}:${type}`, 32), count: cycle + 1 });
  // createdAt is the first cycle's report; updatedAt is this one's.
  const emit = (act: number, input: Omit<FindingInput, 'createdAt' | 'updatedAt'>) => {
    const timestamp = at(random.int(0, 999));
    sink.guardDuty(timestamp, findingEventMessage(random, world, { ...input, createdAt: firstCycleStart + act * 1000, updatedAt: timestamp }));
  };
  switch (offset) {
    case ACTS.findingPortProbe:
      emit(ACTS.findingPortProbe, {
        ...finding('Recon:EC2/PortProbeUnprotectedPort'), resource: instanceResource(world, bastion),
        action: portProbeAction(ATTACKER, [{ port: 22, portName: 'SSH' }], bastion.privateIp),
        eventFirstSeen: firstSeen(ACTS.portScan.start), eventLastSeen: seen(ACTS.portScan.end),
        title: `Unprotected port on EC2 instance ${bastion.instanceId} is being probed.`,
        description: `EC2 instance has an unprotected port which is being probed by a known malicious host.`,
      });
      break;
    case ACTS.findingSshBruteForce:
      emit(ACTS.findingSshBruteForce, {
        ...finding('UnauthorizedAccess:EC2/SSHBruteForce'), resource: instanceResource(world, bastion),
        action: networkConnectionAction(ATTACKER, 'INBOUND', bastion.privateIp, { port: 22, portName: 'SSH' }, { port: ephemeralPort(random), portName: 'Unknown' }),
        eventFirstSeen: firstSeen(ACTS.sshRejected.start), eventLastSeen: seen(ACTS.sshSession.start),
        title: `${ATTACKER_IP} is performing SSH brute force attacks against ${bastion.instanceId}.`,
        description: `${ATTACKER_IP} is performing SSH brute force attacks against ${bastion.instanceId}. Brute force attacks are used to gain unauthorized access to your instance by guessing the SSH password.`,
      });
      break;
    case ACTS.findingCryptoDns:
      emit(ACTS.findingCryptoDns, {
        ...finding('CryptoCurrency:EC2/BitcoinTool.B!DNS'), resource: instanceResource(world, bastion), resourceRole: 'ACTOR',
        action: dnsRequestAction(MINING_POOL_DOMAIN),
        eventFirstSeen: firstSeen(ACTS.mining.start), eventLastSeen: seen(ACTS.findingCryptoDns - 5),
        title: `EC2 instance ${bastion.instanceId} is querying a domain name that is associated with Bitcoin-related activity.`,
        description: `EC2 instance ${bastion.instanceId} is querying a domain name ${MINING_POOL_DOMAIN} that is associated with Bitcoin-related activity.`,
      });
      break;
    case ACTS.findingCredentialExfiltration:
      emit(ACTS.findingCredentialExfiltration, {
        ...finding('UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS'),
        resource: accessKeyResource('ASIA4EXAMPLEBASTION01', `AROA4EXAMPLEBASTION00:${bastion.instanceId}`, BASTION_ROLE, 'AssumedRole'),
        action: awsApiCallAction(COMMAND_AND_CONTROL, 'ListBuckets', 's3.amazonaws.com', 'aws-cli/2.15.30 Python/3.11.8 Linux/5.15.0'),
        eventFirstSeen: firstSeen(ACTS.findingCredentialExfiltration - 10), eventLastSeen: seen(ACTS.findingCredentialExfiltration - 2),
        title: `Credentials for instance role ${BASTION_ROLE} used from external IP address.`,
        description: `Credentials created exclusively for an EC2 instance using instance role ${BASTION_ROLE} have been used from external IP address ${COMMAND_AND_CONTROL_IP}.`,
      });
      break;
  }
}

/** The ports one cycle's scan probes, in order: a seeded shuffle of 1–1024 that always includes 22. */
export function scannedPorts(seed: number, cycle: number): number[] {
  const random = new Random(mixSeed(seed, cycle, 0x9047));
  const ports = Array.from({ length: 1024 }, (_, i) => i + 1);
  for (let i = ports.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [ports[i], ports[j]] = [ports[j] as number, ports[i] as number];
  }
  const scanned = ports.slice(0, SCANNED_PORT_COUNT);
  if (!scanned.includes(22)) scanned[random.int(SCANNED_PORT_COUNT / 3, SCANNED_PORT_COUNT - 1)] = 22;
  return scanned;
}
