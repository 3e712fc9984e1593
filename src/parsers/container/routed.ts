// Log-router records: ECS FireLens (`log`, `container_*`, `ecs_*`) and Fluent Bit/Fluentd EKS application logs (`kubernetes`).
import type { InterflowRecord } from '../../core/record.js';
import { readKubernetesBlock } from './insights.js';
import { hasFields, isObject, objectAt, put, stringAt, type JsonObject } from './values.js';

export function isFireLensRecord(object: JsonObject): boolean {
  return typeof object.ecs_task_arn === 'string' || typeof object.ecs_cluster === 'string' || (typeof object.container_name === 'string' && 'log' in object);
}

export function isKubernetesApplicationRecord(object: JsonObject): boolean {
  return isObject(object.kubernetes) && ('log' in object || 'message' in object);
}

/** The last segment of `arn:aws:ecs:region:account:task/cluster/task-id` (or the older `task/task-id`). */
export function taskIdFromArn(taskArn: string): string | undefined {
  if (!taskArn.startsWith('arn:') || !taskArn.includes(':task/')) return undefined;
  const id = taskArn.slice(taskArn.lastIndexOf('/') + 1);
  return id === '' ? undefined : id;
}

export function readFireLensRecord(record: InterflowRecord, object: JsonObject): string | undefined {
  const container: JsonObject = {};
  put(container, 'name', stringAt(object, 'container_name') ?? stringAt(object, 'ecs_container_name'));
  put(container, 'id', stringAt(object, 'container_id'));
  put(container, 'stream', stringAt(object, 'source'));
  if (hasFields(container)) record.container = container;

  const ecs: JsonObject = {};
  put(ecs, 'cluster', stringAt(object, 'ecs_cluster'));
  const taskArn = stringAt(object, 'ecs_task_arn');
  put(ecs, 'task_arn', taskArn);
  put(ecs, 'task_id', taskArn === undefined ? undefined : taskIdFromArn(taskArn));
  const family = stringAt(object, 'ecs_task_definition_family');
  const version = stringAt(object, 'ecs_task_definition_version');
  put(ecs, 'task_definition', stringAt(object, 'ecs_task_definition') ?? (family && version ? `${family}:${version}` : family));
  put(ecs, 'ec2_instance_id', stringAt(object, 'ec2_instance_id'));
  if (hasFields(ecs)) record.ecs = ecs;
  return readApplicationLine(record, object);
}

export function readKubernetesApplicationRecord(record: InterflowRecord, object: JsonObject): string | undefined {
  const block = objectAt(object, 'kubernetes');
  if (block !== undefined) readKubernetesBlock(record, block);
  const stream = stringAt(object, 'stream');
  if (stream !== undefined) record.container = { ...(record.container as JsonObject | undefined), stream };
  return readApplicationLine(record, object);
}

/**
 * `log` is the line the application wrote. When it is itself JSON (double-encoded by the router), its level is
 * exposed too; the line stays as written.
 */
function readApplicationLine(record: InterflowRecord, object: JsonObject): string | undefined {
  const line = object.log ?? object.message;
  if (line === undefined) return undefined;
  if (typeof line !== 'string') return 'log router record: log is not a string';
  record.log = line;
  if (line.startsWith('{') && line.endsWith('}')) {
    try {
      const inner: unknown = JSON.parse(line);
      if (isObject(inner)) readCommonKeys(record, inner, false);
    } catch {
      // Not JSON after all: the line is kept as text, which is what it is.
    }
  }
  return undefined;
}

/** The few keys most JSON application logs share: a level and a message text. */
export function readCommonKeys(record: InterflowRecord, object: JsonObject, withText: boolean): void {
  const level = stringAt(object, 'level') ?? stringAt(object, 'severity') ?? stringAt(object, 'lvl') ?? stringAt(object, 'log.level');
  if (level !== undefined && level.length <= 32) record.level = level.toLowerCase();
  if (withText) put(record, 'log', stringAt(object, 'msg') ?? stringAt(object, 'message') ?? stringAt(object, 'log'));
}
