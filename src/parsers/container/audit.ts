// EKS control-plane audit events (Kubernetes audit.k8s.io Event JSON) into the record's `k8s` object and `srcip`.
import type { InterflowRecord } from '../../core/record.js';
import { isIpAddress, numberAt, objectAt, parseTimeMilliseconds, put, stringAt, stringsAt, type JsonObject } from './values.js';

/** Whether a parsed JSON object is a Kubernetes audit event (`kind: Event`, `apiVersion: audit.k8s.io/…`). */
export function isAuditEvent(object: JsonObject): boolean {
  const apiVersion = object.apiVersion;
  return object.kind === 'Event' && typeof apiVersion === 'string' && apiVersion.startsWith('audit.k8s.io/');
}

/**
 * Fills `k8s` from an audit event. Returns what was malformed (wrong types in fields the event must have), or
 * undefined; whatever could be read is kept either way.
 */
export function readAuditEvent(record: InterflowRecord, event: JsonObject): string | undefined {
  const problems: string[] = [];
  const k8s: JsonObject = {};
  const verb = stringAt(event, 'verb');
  if (verb === undefined) problems.push('verb is missing or not a string');
  put(k8s, 'verb', verb);

  const user = objectAt(event, 'user');
  if (user === undefined) problems.push('user is missing or not an object');
  else {
    put(k8s, 'user', stringAt(user, 'username'));
    put(k8s, 'user_uid', stringAt(user, 'uid'));
    put(k8s, 'groups', stringsAt(user, 'groups'));
    const extra = objectAt(user, 'extra');
    // On EKS the IAM identity behind the Kubernetes user sits in user.extra (arn, canonicalArn, accessKeyId…).
    if (extra !== undefined) {
      put(k8s, 'user_arn', stringsAt(extra, 'arn')?.[0]);
      put(k8s, 'user_canonical_arn', stringsAt(extra, 'canonicalArn')?.[0]);
      put(k8s, 'access_key_id', stringsAt(extra, 'accessKeyId')?.[0]);
      put(k8s, 'session_name', stringsAt(extra, 'sessionName')?.[0]);
    }
  }
  const impersonated = objectAt(event, 'impersonatedUser');
  if (impersonated !== undefined) put(k8s, 'impersonated_user', stringAt(impersonated, 'username'));

  const sourceIps = stringsAt(event, 'sourceIPs');
  put(k8s, 'source_ips', sourceIps);
  // The first source IP is the client; later ones are proxies. Only a real address becomes `srcip`.
  const clientIp = sourceIps?.[0];
  if (clientIp !== undefined && isIpAddress(clientIp)) record.srcip = clientIp;

  put(k8s, 'request_uri', stringAt(event, 'requestURI'));
  put(k8s, 'user_agent', stringAt(event, 'userAgent'));
  put(k8s, 'audit_id', stringAt(event, 'auditID'));
  put(k8s, 'stage', stringAt(event, 'stage'));
  put(k8s, 'level', stringAt(event, 'level'));

  const objectRef = objectAt(event, 'objectRef');
  if (objectRef !== undefined) {
    put(k8s, 'resource', stringAt(objectRef, 'resource'));
    put(k8s, 'subresource', stringAt(objectRef, 'subresource'));
    put(k8s, 'namespace', stringAt(objectRef, 'namespace'));
    put(k8s, 'name', stringAt(objectRef, 'name'));
    put(k8s, 'api_group', stringAt(objectRef, 'apiGroup'));
    put(k8s, 'api_version', stringAt(objectRef, 'apiVersion'));
  }

  const responseStatus = objectAt(event, 'responseStatus');
  if (responseStatus !== undefined) {
    const code = numberAt(responseStatus, 'code');
    if (code !== undefined && Number.isInteger(code)) put(k8s, 'response_code', code);
    else if (responseStatus.code !== undefined) problems.push('responseStatus.code is not an integer');
    put(k8s, 'response_status', stringAt(responseStatus, 'status'));
    put(k8s, 'response_reason', stringAt(responseStatus, 'reason'));
    put(k8s, 'response_message', stringAt(responseStatus, 'message'));
  }

  const annotations = objectAt(event, 'annotations');
  if (annotations !== undefined) {
    put(k8s, 'decision', stringAt(annotations, 'authorization.k8s.io/decision'));
    put(k8s, 'reason', stringAt(annotations, 'authorization.k8s.io/reason'));
  }

  for (const [key, field] of [['requestReceivedTimestamp', 'request_received_time'], ['stageTimestamp', 'stage_time']] as const) {
    const text = event[key];
    if (text === undefined) continue;
    const milliseconds = typeof text === 'string' ? parseTimeMilliseconds(text) : undefined;
    if (milliseconds === undefined) problems.push(`${key} is not an RFC 3339 time`);
    put(k8s, field, milliseconds);
  }

  record.k8s = k8s;
  return problems.length > 0 ? `k8s audit event: ${problems.join('; ')}` : undefined;
}
