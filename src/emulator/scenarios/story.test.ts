// The attack story is present and consistent across families: the same attacker, instance and times everywhere.
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogsService, type StoredEventView } from '../logs/index.js';
import { CUSTOM_VPC_FLOW_FORMAT, DEFAULT_VPC_FLOW_FORMAT, formatFields } from './families/vpcflow.js';
import { startScenario } from './index.js';
import { ACTS, STORY_CYCLE_SECONDS, STORY_DELAY_SECONDS } from './story.js';
import { ATTACKER_IP, buildWorld, COMMAND_AND_CONTROL_IP } from './world.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0, 500);
// Two story cycles: the first starts one minute into the timeline, the second twenty minutes later.
const START = NOW - 45 * 60_000;
const world = buildWorld('123456789012', 'us-east-1');
const bastion = world.bastion;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stored: StoredEventView[] = [];
const group = (name: string) => stored.filter((event) => event.logGroupName === name);

function flows(groupName: string, format: string) {
  const names = formatFields(format);
  return group(groupName).map((event) => {
    const values = event.message.split(' ');
    return { event, ...Object.fromEntries(names.map((name, i) => [name, values[i] as string])) } as Record<string, string> & { event: StoredEventView };
  });
}

beforeAll(() => {
  const logs = createLogsService({ clock: () => NOW });
  const scenario = startScenario('demo', logs, { accountId: '123456789012', region: 'us-east-1', seed: 1, eventsPerSecond: 10, clock: () => NOW, startTime: START });
  scenario.tick(NOW);
  stored = [...logs.exportEvents()];
});

describe('the attack story', () => {
  it('shows the port scan as many REJECTed flows from the attacker to different ports of the bastion', () => {
    const scan = flows('vpc-flow', DEFAULT_VPC_FLOW_FORMAT).filter((f) => f.srcaddr === ATTACKER_IP && f.action === 'REJECT' && f.dstport !== '22');
    expect(scan.every((f) => f.dstaddr === bastion.privateIp && f.event.logStreamName === `${bastion.eniId}-all`)).toBe(true);
    const ports = new Set(scan.map((f) => f.dstport));
    expect(ports.size).toBeGreaterThanOrEqual(200);
    // The custom-format group tells the same story, with the direction spelled out.
    const custom = flows('vpc-flow-custom', CUSTOM_VPC_FLOW_FORMAT).filter((f) => f.srcaddr === ATTACKER_IP && f.action === 'REJECT');
    expect(custom.length).toBeGreaterThanOrEqual(scan.length);
    expect(custom.every((f) => f['flow-direction'] === 'ingress' && f['instance-id'] === bastion.instanceId)).toBe(true);
  });

  it('shows the SSH brute force REJECTed first and then a few ACCEPTed, ending in a long session', () => {
    const firstCycleStart = Math.ceil(START / 1000) * 1000 + STORY_DELAY_SECONDS * 1000;
    const bruteForceStart = firstCycleStart + ACTS.sshRejected.start * 1000;
    const bruteForceEnd = firstCycleStart + (ACTS.sshSession.start + 1) * 1000;
    const ssh = flows('vpc-flow', DEFAULT_VPC_FLOW_FORMAT)
      .filter((f) => f.srcaddr === ATTACKER_IP && f.dstport === '22' && f.event.timestamp >= bruteForceStart && f.event.timestamp < bruteForceEnd)
      .sort((a, b) => a.event.timestamp - b.event.timestamp);
    const rejected = ssh.filter((f) => f.action === 'REJECT');
    const accepted = ssh.filter((f) => f.action === 'ACCEPT');
    expect(rejected.length).toBeGreaterThanOrEqual(100);
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...rejected.map((f) => f.event.timestamp))).toBeLessThan(Math.min(...accepted.map((f) => f.event.timestamp)));
    expect(Number(accepted[accepted.length - 1]!.bytes)).toBeGreaterThan(100_000);
  });

  it('shows the SQL injection BLOCKed by the WAF SQLi rule, from the same IP, with its TCP connections to the ALB', () => {
    const blocked = group('aws-waf-logs-demo').map((event) => JSON.parse(event.message) as Json)
      .filter((record) => record.httpRequest.clientIp === ATTACKER_IP);
    expect(blocked.length).toBeGreaterThanOrEqual(50);
    for (const record of blocked) {
      expect(record.action).toBe('BLOCK');
      expect(record.terminatingRuleId).toBe('SQLInjectionBlock');
      expect(record.terminatingRuleMatchDetails[0].conditionType).toBe('SQL_INJECTION');
    }
    const toAlb = flows('vpc-flow', DEFAULT_VPC_FLOW_FORMAT).filter((f) => f.srcaddr === ATTACKER_IP && f.dstaddr === world.loadBalancer.privateIp && f.dstport === '443');
    expect(toAlb.length).toBe(blocked.length);
  });

  it('has GuardDuty name the same instance and IPs, after the activity, and count the repeat of the story', () => {
    const findings = group('/aws/events/guardduty').map((event) => ({ event, detail: (JSON.parse(event.message) as Json).detail as Json }));
    const byType = (type: string) => findings.filter((f) => f.detail.type === type && JSON.stringify(f.detail).includes(ATTACKER_IP));
    const probes = byType('Recon:EC2/PortProbeUnprotectedPort');
    const bruteForce = byType('UnauthorizedAccess:EC2/SSHBruteForce');
    expect(probes).toHaveLength(2);
    expect(bruteForce).toHaveLength(2);
    for (const { detail } of [...probes, ...bruteForce]) expect(detail.resource.instanceDetails.instanceId).toBe(bastion.instanceId);
    expect(bruteForce[0]!.detail.service.action.networkConnectionAction.remoteIpDetails.ipAddressV4).toBe(ATTACKER_IP);
    // The same finding is updated, not duplicated: one id, count 1 then 2, createdAt fixed, updatedAt moving.
    expect(bruteForce[1]!.detail.id).toBe(bruteForce[0]!.detail.id);
    expect(bruteForce.map((f) => f.detail.service.count)).toEqual([1, 2]);
    expect(bruteForce[1]!.detail.createdAt).toBe(bruteForce[0]!.detail.createdAt);
    expect(Date.parse(bruteForce[1]!.detail.updatedAt) - Date.parse(bruteForce[0]!.detail.updatedAt)).toBeGreaterThan((STORY_CYCLE_SECONDS - 5) * 1000);
    // Each finding comes after the first flow it reports on.
    const firstScanFlow = Math.min(...flows('vpc-flow', DEFAULT_VPC_FLOW_FORMAT).filter((f) => f.srcaddr === ATTACKER_IP).map((f) => f.event.timestamp));
    expect(probes[0]!.event.timestamp).toBeGreaterThan(firstScanFlow);
    expect(Date.parse(probes[0]!.detail.service.eventFirstSeen)).toBeLessThanOrEqual(firstScanFlow + 1000);

    const after = findings.filter((f) => JSON.stringify(f.detail).includes(COMMAND_AND_CONTROL_IP) || f.detail.type === 'CryptoCurrency:EC2/BitcoinTool.B!DNS');
    expect(new Set(after.map((f) => f.detail.type))).toEqual(new Set(['CryptoCurrency:EC2/BitcoinTool.B!DNS', 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS']));
    const mining = flows('vpc-flow', DEFAULT_VPC_FLOW_FORMAT).filter((f) => f.srcaddr === bastion.privateIp && f.dstaddr === COMMAND_AND_CONTROL_IP);
    expect(mining.length).toBeGreaterThan(10);
  });

  it('has the attacker probe the EKS API anonymously and the stolen role refused by the authenticator', () => {
    const eks = group('/aws/eks/demo-cluster/cluster');
    const probes = eks.filter((event) => event.logStreamName.startsWith('kube-apiserver-audit-')).map((event) => JSON.parse(event.message) as Json)
      .filter((record) => record.sourceIPs[0] === ATTACKER_IP);
    expect(probes.length).toBeGreaterThanOrEqual(3);
    expect(probes.every((record) => record.user.username === 'system:anonymous')).toBe(true);
    expect(probes.some((record) => record.responseStatus.code === 403)).toBe(true);
    expect(eks.some((event) => event.message.includes('msg="access denied"') && event.message.includes('role/bastion-role'))).toBe(true);
  });
});
