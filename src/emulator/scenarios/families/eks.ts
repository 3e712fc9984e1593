// EKS control-plane logs: Kubernetes audit events (JSON) and aws-iam-authenticator lines (logfmt).
import type { Random } from '../random.js';
import { ADMIN_OFFICE_IP, type World } from '../world.js';

export function eksLogGroup(world: World): string {
  return `/aws/eks/${world.eksClusterName}/cluster`;
}
export const AUDIT_STREAM = 'kube-apiserver-audit-8f1e2d3c4b5a69788796a5b4c3d2e1f0';
export const AUTHENTICATOR_STREAM = 'authenticator-8f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** Where the managed control plane's own components appear to call from (its ENIs in the demo subnets). */
const CONTROL_PLANE_IP = '10.0.2.200';

/** RFC 3339 with microseconds, as the API server writes audit timestamps. */
export function microsecondTime(milliseconds: number, random: Random): string {
  const iso = new Date(milliseconds).toISOString();
  return `${iso.slice(0, 23)}${String(random.int(0, 999)).padStart(3, '0')}Z`;
}

export interface AuditInput {
  timestamp: number;
  verb: string;
  requestUri: string;
  user: Record<string, unknown>;
  sourceIp: string;
  userAgent: string;
  objectRef?: Record<string, unknown>;
  code: number;
  decision: 'allow' | 'forbid';
  reason: string;
  status?: Record<string, unknown>;
}

export function auditMessage(random: Random, input: AuditInput): string {
  const received = microsecondTime(input.timestamp - random.int(1, 40), random);
  const event = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: random.uuid(),
    stage: 'ResponseComplete',
    requestURI: input.requestUri,
    verb: input.verb,
    user: input.user,
    sourceIPs: [input.sourceIp],
    userAgent: input.userAgent,
    ...(input.objectRef ? { objectRef: input.objectRef } : {}),
    responseStatus: { metadata: {}, code: input.code, ...(input.status ?? {}) },
    requestReceivedTimestamp: received,
    stageTimestamp: microsecondTime(input.timestamp, random),
    annotations: { 'authorization.k8s.io/decision': input.decision, 'authorization.k8s.io/reason': input.reason },
  };
  return JSON.stringify(event);
}

function adminUser(world: World): Record<string, unknown> {
  return {
    username: 'kubernetes-admin',
    uid: `aws-iam-authenticator:${world.accountId}:AROA4EXAMPLEADMIN0ROLE`,
    groups: ['system:masters', 'system:authenticated'],
    extra: {
      accessKeyId: ['ASIA4EXAMPLEADMIN0KEY'],
      arn: [`arn:aws:sts::${world.accountId}:assumed-role/DemoEksAdmin/alice`],
      canonicalArn: [`arn:aws:iam::${world.accountId}:role/DemoEksAdmin`],
      principalId: ['AROA4EXAMPLEADMIN0ROLE'],
      sessionName: ['alice'],
    },
  };
}

function nodeUser(world: World, nodeIp: string): Record<string, unknown> {
  return {
    username: `system:node:ip-${nodeIp.replaceAll('.', '-')}.${world.region === 'us-east-1' ? 'ec2.internal' : `${world.region}.compute.internal`}`,
    uid: `aws-iam-authenticator:${world.accountId}:AROA4EXAMPLENODE0ROLE`,
    groups: ['system:bootstrappers', 'system:nodes', 'system:authenticated'],
  };
}

const KUBECTL = 'kubectl/v1.29.3 (linux/amd64) kubernetes/6813625';

/** Routine control-plane traffic: lease renewals, kubelet status, controllers watching, an admin using kubectl. */
export function backgroundAuditMessage(random: Random, world: World, timestamp: number): string {
  const kind = random.weighted([['lease', 35], ['kubelet', 30], ['watch', 20], ['admin', 15]] as const);
  const allowRbac = (subject: string) => `RBAC: allowed by ClusterRoleBinding "${subject}" of ClusterRole "${subject}" to User "${subject}"`;
  switch (kind) {
    case 'lease':
      return auditMessage(random, {
        timestamp, verb: 'update', requestUri: '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kube-controller-manager?timeout=5s',
        user: { username: 'system:kube-controller-manager', groups: ['system:authenticated'] }, sourceIp: CONTROL_PLANE_IP,
        userAgent: 'kube-controller-manager/v1.29.4 (linux/amd64) kubernetes/f7d5c2e/leader-election',
        objectRef: { resource: 'leases', namespace: 'kube-system', name: 'kube-controller-manager', apiGroup: 'coordination.k8s.io', apiVersion: 'v1' },
        code: 200, decision: 'allow', reason: allowRbac('system:kube-controller-manager'),
      });
    case 'kubelet': {
      const node = random.pick(world.web).privateIp;
      const user = nodeUser(world, node);
      const nodeName = String(user['username']).slice('system:node:'.length);
      return auditMessage(random, {
        timestamp, verb: 'patch', requestUri: `/api/v1/nodes/${nodeName}/status?timeout=10s`, user, sourceIp: node,
        userAgent: 'kubelet/v1.29.3 (linux/amd64) kubernetes/6813625', code: 200, decision: 'allow', reason: '',
        objectRef: { resource: 'nodes', subresource: 'status', name: nodeName, apiVersion: 'v1' },
      });
    }
    case 'watch':
      return auditMessage(random, {
        timestamp, verb: 'watch', requestUri: '/apis/discovery.k8s.io/v1/endpointslices?allowWatchBookmarks=true&watch=true',
        user: { username: 'system:serviceaccount:kube-system:coredns', uid: 'c3a8e2f1-6b7d-4e9a-8f0c-1d2e3f4a5b6c', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] },
        sourceIp: world.web[1].privateIp, userAgent: 'coredns/v0.0.0 (linux/amd64) kubernetes/$Format',
        objectRef: { resource: 'endpointslices', apiGroup: 'discovery.k8s.io', apiVersion: 'v1' },
        code: 200, decision: 'allow', reason: 'RBAC: allowed by ClusterRoleBinding "system:coredns" of ClusterRole "system:coredns" to ServiceAccount "coredns/kube-system"',
      });
    default: {
      const resource = random.pick(['pods', 'deployments', 'services', 'configmaps']);
      const group = resource === 'deployments' ? '/apis/apps/v1' : '/api/v1';
      return auditMessage(random, {
        timestamp, verb: random.pick(['list', 'get', 'list']), requestUri: `${group}/namespaces/shop/${resource}?limit=500`,
        user: adminUser(world), sourceIp: ADMIN_OFFICE_IP, userAgent: KUBECTL,
        objectRef: { resource, namespace: 'shop', apiGroup: resource === 'deployments' ? 'apps' : '', apiVersion: 'v1' },
        code: 200, decision: 'allow', reason: '',
      });
    }
  }
}

/** The story's anonymous API probes: `/version` is public, everything else is forbidden. */
export function anonymousProbeMessage(random: Random, timestamp: number, sourceIp: string, probe: number): string {
  const anonymous = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
  if (probe % 3 === 0) {
    return auditMessage(random, {
      timestamp, verb: 'get', requestUri: '/version', user: anonymous, sourceIp, userAgent: 'python-requests/2.31.0', code: 200, decision: 'allow',
      reason: 'RBAC: allowed by ClusterRoleBinding "system:public-info-viewer" of ClusterRole "system:public-info-viewer" to Group "system:unauthenticated"',
    });
  }
  const path = probe % 3 === 1 ? '/api/v1/namespaces/kube-system/secrets' : '/api/v1/pods';
  const resource = path.endsWith('secrets') ? 'secrets' : 'pods';
  return auditMessage(random, {
    timestamp, verb: 'list', requestUri: path, user: anonymous, sourceIp, userAgent: 'python-requests/2.31.0',
    objectRef: { resource, ...(resource === 'secrets' ? { namespace: 'kube-system' } : {}), apiVersion: 'v1' },
    code: 403, decision: 'forbid', reason: '',
    status: { status: 'Failure', message: `${resource} is forbidden: User "system:anonymous" cannot list resource "${resource}" in API group ""${resource === 'secrets' ? ' in the namespace "kube-system"' : ' at the cluster scope'}`, reason: 'Forbidden' },
  });
}

function logfmtTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A successful token review: the admin role or a node role. */
export function backgroundAuthenticatorMessage(random: Random, world: World, timestamp: number): string {
  const admin = random.chance(0.3);
  const sts = `sts.${world.region}.amazonaws.com`;
  const client = `127.0.0.1:${random.int(32768, 60999)}`;
  if (admin) {
    return `time="${logfmtTime(timestamp)}" level=info msg="access granted" arn="arn:aws:iam::${world.accountId}:role/DemoEksAdmin" client="${client}" groups="[system:masters]" method=POST path=/authenticate stsendpoint=${sts} uid="aws-iam-authenticator:${world.accountId}:AROA4EXAMPLEADMIN0ROLE" username="kubernetes-admin"`;
  }
  const node = random.pick(world.web).privateIp.replaceAll('.', '-');
  return `time="${logfmtTime(timestamp)}" level=info msg="access granted" arn="arn:aws:iam::${world.accountId}:role/DemoNodeInstanceRole" client="${client}" groups="[system:bootstrappers system:nodes]" method=POST path=/authenticate stsendpoint=${sts} uid="aws-iam-authenticator:${world.accountId}:AROA4EXAMPLENODE0ROLE" username="system:node:ip-${node}.ec2.internal"`;
}

/** The story: the stolen bastion role is not mapped in aws-auth, so the authenticator refuses it. */
export function deniedAuthenticatorMessage(random: Random, world: World, timestamp: number, roleName: string): string {
  const arn = `arn:aws:iam::${world.accountId}:role/${roleName}`;
  return `time="${logfmtTime(timestamp)}" level=warning msg="access denied" arn="${arn}" client="127.0.0.1:${random.int(32768, 60999)}" error="ARN is not mapped: ${arn}" method=POST path=/authenticate`;
}
