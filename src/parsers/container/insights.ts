// Container Insights performance events (ECS and EKS `Type`: Container, Task, Node, Pod…) into `container_insights`.
import type { InterflowRecord } from '../../core/record.js';
import { hasFields, isObject, numberAt, objectAt, put, snakeCase, stringAt, type JsonObject } from './values.js';

/** Performance events carry `Version: "0"`, a string `Type` and the cluster's name. */
export function isContainerInsightsEvent(object: JsonObject): boolean {
  return object.Version === '0' && typeof object.Type === 'string' && typeof object.ClusterName === 'string';
}

/** Identity fields: strings copied under their snake_case names. Everything numeric is a metric. */
const identityKeys = [
  'NodeName', 'InstanceId', 'InstanceType', 'AutoScalingGroupName', 'Namespace', 'PodName', 'Service', 'ServiceName',
  'TaskId', 'TaskDefinitionFamily', 'TaskDefinitionRevision', 'ContainerInstanceId', 'EC2InstanceId', 'ContainerName',
  'LaunchType', 'AccountID', 'Region', 'AvailabilityZone', 'Image', 'KnownStatus', 'ContainerKnownStatus', 'EBSVolumeId',
  'device', 'fstype', 'interface',
];
const skippedMetricKeys = new Set(['Timestamp', 'Version']);

export function readContainerInsightsEvent(record: InterflowRecord, event: JsonObject): string | undefined {
  const insights: JsonObject = {};
  const kubernetes = objectAt(event, 'kubernetes');
  const isEks = kubernetes !== undefined || Array.isArray(event.Sources) || typeof event.NodeName === 'string';
  put(insights, 'platform', isEks ? 'eks' : 'ecs');
  put(insights, 'type', stringAt(event, 'Type'));
  put(insights, 'cluster', stringAt(event, 'ClusterName'));
  const timestamp = numberAt(event, 'Timestamp');
  put(insights, 'timestamp', timestamp);
  for (const key of identityKeys) put(insights, snakeCase(key), stringAt(event, key));

  const metrics: JsonObject = {};
  for (const key of Object.keys(event)) {
    const value = event[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || skippedMetricKeys.has(key)) continue;
    // PullStartedAt, CreatedAt…: epoch-ms times of the task, not measurements.
    if (key.endsWith('At')) put(insights, snakeCase(key), value);
    else if (key !== '__proto__') metrics[snakeCase(key)] = value;
  }
  if (hasFields(metrics)) insights.metrics = metrics;
  record.container_insights = insights;

  if (isEks) {
    if (kubernetes !== undefined) readKubernetesBlock(record, kubernetes);
  } else {
    const ecs: JsonObject = {};
    put(ecs, 'cluster', stringAt(event, 'ClusterName'));
    put(ecs, 'task_id', stringAt(event, 'TaskId'));
    const family = stringAt(event, 'TaskDefinitionFamily');
    const revision = stringAt(event, 'TaskDefinitionRevision');
    if (family !== undefined) put(ecs, 'task_definition', revision === undefined ? family : `${family}:${revision}`);
    put(ecs, 'service', stringAt(event, 'ServiceName'));
    record.ecs = ecs;
    const containerName = stringAt(event, 'ContainerName');
    if (containerName !== undefined) record.container = { name: containerName };
  }
  return event.Timestamp !== undefined && timestamp === undefined ? 'container insights event: Timestamp is not a number' : undefined;
}

/** The Fluent Bit / agent `kubernetes` block: pod, namespace, container, host, labels. Shared with application logs. */
export function readKubernetesBlock(record: InterflowRecord, block: JsonObject): void {
  const kubernetes: JsonObject = {};
  for (const key of ['pod_name', 'namespace_name', 'container_name', 'host', 'pod_id', 'service_name', 'container_image', 'docker_id', 'container_id']) {
    put(kubernetes, key, stringAt(block, key));
  }
  const docker = objectAt(block, 'docker');
  const containerId = stringAt(block, 'docker_id') ?? stringAt(block, 'container_id') ?? (docker && stringAt(docker, 'container_id'));
  const labels = block.labels;
  if (isObject(labels)) {
    const stringLabels: JsonObject = {};
    for (const key of Object.keys(labels)) if (typeof labels[key] === 'string' && key !== '__proto__') stringLabels[key] = labels[key];
    if (hasFields(stringLabels)) kubernetes.labels = stringLabels;
  }
  if (hasFields(kubernetes)) record.kubernetes = kubernetes;
  const container: JsonObject = {};
  put(container, 'name', kubernetes.container_name);
  put(container, 'id', containerId);
  if (hasFields(container)) record.container = container;
}
