// ECS logs: awslogs plain lines, FireLens JSON records and Container Insights performance events.
import type { Random } from '../random.js';
import type { World } from '../world.js';
import { benignClientIp } from './waf.js';

export const WEB_APP_GROUP = '/ecs/web-app';
export const API_SERVICE_GROUP = '/ecs/api-service';

export function containerInsightsGroup(world: World): string {
  return `/aws/ecs/containerinsights/${world.ecsClusterName}/performance`;
}

export interface EcsTask {
  service: 'web-app' | 'api-service';
  taskId: string;
  container: string;
  revision: number;
  containerId: string;
}

/** The demo's running tasks; ids are fixed so streams stay the same across runs. */
export const TASKS: EcsTask[] = [
  { service: 'web-app', taskId: '5f3c1a9e2b7d4c6e8a0b1c2d3e4f5a6b', container: 'web', revision: 12, containerId: 'a4e1b7c9d2f34e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a' },
  { service: 'web-app', taskId: '7a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d', container: 'web', revision: 12, containerId: 'b5f2c8d0e3a45f6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b' },
  { service: 'api-service', taskId: '9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49', container: 'api', revision: 3, containerId: 'c6a3d9e1f4b56a7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c' },
];

export const CONTAINER_INSTANCE_ID = '0d7650e6dec34c1a9200f72098071e8f';
export const CONTAINER_INSIGHTS_STREAM = `AgentTelemetry-${CONTAINER_INSTANCE_ID}`;

/** awslogs names streams `prefix/container/task-id`; the demo's prefix is `ecs`. */
export function awslogsStreamName(task: EcsTask): string {
  return `ecs/${task.container}/${task.taskId}`;
}

/** FireLens streams: the `cloudwatch_logs` output's prefix plus the Fluent Bit tag `{container}-firelens-{task}`. */
export function firelensStreamName(task: EcsTask): string {
  return `firelens/${task.container}-firelens-${task.taskId}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function commonLogTime(milliseconds: number): string {
  const d = new Date(milliseconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

const PATHS = ['/', '/products', '/products/1042', '/products/2210', '/cart', '/search?q=shoes', '/account', '/healthz'];

/** One stdout line of the nginx-fronted web app: access log lines, and now and then an application line. */
export function webAppLine(random: Random, world: World, timestamp: number): string {
  if (random.chance(0.2)) {
    const iso = new Date(timestamp).toISOString();
    return random.pick([
      `${iso} INFO  [checkout] order placed order_id=${random.int(100000, 999999)} items=${random.int(1, 6)} total_cents=${random.int(999, 48000)}`,
      `${iso} INFO  [session] login succeeded user_id=${random.int(1000, 9999)}`,
      `${iso} WARN  [inventory] stock low sku=SKU-${random.int(1000, 9999)} remaining=${random.int(0, 4)}`,
      `${iso} ERROR [payments] upstream timeout after 3000 ms provider=examplepay attempt=${random.int(1, 3)}`,
    ]);
  }
  const path = random.pick(PATHS);
  const status = path === '/account' && random.chance(0.3) ? 302 : random.chance(0.03) ? 500 : 200;
  const client = benignClientIp(random);
  return `${world.loadBalancer.privateIp} - - [${commonLogTime(timestamp)}] "GET ${path} HTTP/1.1" ${status} ${random.int(180, 48000)} "-" "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0" "${client}"`;
}

/** One FireLens record: Fluent Bit's wrapper around the API's own JSON log line (double-encoded in `log`). */
export function firelensMessage(random: Random, world: World, timestamp: number, task: EcsTask): string {
  const status = random.weighted([[200, 85], [201, 6], [404, 5], [500, 2], [401, 2]] as const);
  const appLine = {
    level: status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info',
    time: new Date(timestamp).toISOString(),
    msg: 'request completed',
    method: random.pick(['GET', 'GET', 'POST', 'PUT']),
    path: random.pick(['/api/v1/cart', '/api/v1/products', '/api/v1/orders', '/api/v1/session']),
    status,
    duration_ms: random.int(2, 350),
    remote_ip: benignClientIp(random),
    request_id: random.uuid(),
  };
  return JSON.stringify({
    source: status >= 500 ? 'stderr' : 'stdout',
    log: JSON.stringify(appLine),
    container_id: task.containerId,
    container_name: `/ecs-${task.service}-${task.revision}-${task.container}-e4f8a2b6c0d1a3b5c701`,
    ecs_cluster: world.ecsClusterName,
    ecs_task_arn: `arn:aws:ecs:${world.region}:${world.accountId}:task/${world.ecsClusterName}/${task.taskId}`,
    ecs_task_definition: `${task.service}:${task.revision}`,
    ec2_instance_id: world.batch.instanceId,
  });
}

/** The performance events Container Insights writes once a minute: one per task, container, service and the cluster. */
export function containerInsightsMessages(random: Random, world: World, timestamp: number): string[] {
  const minute = Math.floor(timestamp / 60_000) * 60_000;
  const identity = { ClusterName: world.ecsClusterName, AccountID: world.accountId, Region: world.region };
  const messages: string[] = [];
  for (const task of TASKS) {
    const cpu = Math.round(random.float() * 400) / 10;
    const memory = random.int(120, 480);
    const network = {
      NetworkRxBytes: random.int(1000, 900000), NetworkRxDropped: 0, NetworkRxErrors: 0, NetworkRxPackets: random.int(10, 900),
      NetworkTxBytes: random.int(1000, 900000), NetworkTxDropped: 0, NetworkTxErrors: 0, NetworkTxPackets: random.int(10, 900),
    };
    messages.push(JSON.stringify({
      Version: '0', Type: 'Task', TaskId: task.taskId, TaskDefinitionFamily: task.service, TaskDefinitionRevision: String(task.revision),
      ContainerInstanceId: CONTAINER_INSTANCE_ID, EC2InstanceId: world.batch.instanceId, ServiceName: task.service, ...identity,
      AvailabilityZone: world.availabilityZone, KnownStatus: 'RUNNING', LaunchType: 'EC2', Timestamp: minute,
      CpuUtilized: cpu, CpuReserved: 512, MemoryUtilized: memory, MemoryReserved: 1024, StorageReadBytes: 0, StorageWriteBytes: random.int(0, 40960), ...network,
      CloudWatchMetrics: [{ Namespace: 'ECS/ContainerInsights', Metrics: [{ Name: 'CpuUtilized', Unit: 'None' }, { Name: 'MemoryUtilized', Unit: 'Megabytes' }], Dimensions: [['ClusterName'], ['ClusterName', 'TaskDefinitionFamily']] }],
    }));
    messages.push(JSON.stringify({
      Version: '0', Type: 'Container', ContainerName: task.container, TaskId: task.taskId, TaskDefinitionFamily: task.service,
      TaskDefinitionRevision: String(task.revision), ContainerInstanceId: CONTAINER_INSTANCE_ID, EC2InstanceId: world.batch.instanceId,
      ServiceName: task.service, ClusterName: world.ecsClusterName, Image: `${world.accountId}.dkr.ecr.${world.region}.amazonaws.com/${task.service}:1.${task.revision}.0`,
      ContainerKnownStatus: 'RUNNING', Timestamp: minute, CpuUtilized: cpu, CpuReserved: 512, MemoryUtilized: memory, MemoryReserved: 1024,
      StorageReadBytes: 0, StorageWriteBytes: 0, ...network,
    }));
  }
  for (const service of ['web-app', 'api-service']) {
    const count = TASKS.filter((task) => task.service === service).length;
    messages.push(JSON.stringify({
      Version: '0', Type: 'Service', ServiceName: service, ...identity, Timestamp: minute,
      DesiredTaskCount: count, RunningTaskCount: count, PendingTaskCount: 0, DeploymentCount: 1, TaskSetCount: 0,
      CpuUtilized: Math.round(random.float() * 800) / 10, CpuReserved: 512 * count, MemoryUtilized: random.int(200, 900), MemoryReserved: 1024 * count,
    }));
  }
  messages.push(JSON.stringify({
    Version: '0', Type: 'Cluster', ...identity, Timestamp: minute, ContainerInstanceCount: 1, TaskCount: TASKS.length, ServiceCount: 2,
    CpuUtilized: Math.round(random.float() * 1200) / 10, CpuReserved: 512 * TASKS.length, MemoryUtilized: random.int(400, 1400), MemoryReserved: 1024 * TASKS.length,
  }));
  return messages;
}
