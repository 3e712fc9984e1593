// The GuardDuty finding parser: an EventBridge "GuardDuty Finding" event or a bare finding into one Interflow record.
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import { FieldReader, hasKeys, type JsonObject, parseJsonObject, isPresent, quoteValue } from '../json.js';
import { baseRecord } from '../normalize.js';
import { readAction } from './action.js';
import { readResource } from './resource.js';

export type SeverityLabel = 'low' | 'medium' | 'high' | 'critical';

/**
 * AWS's bands (GuardDuty user guide, "Severity levels"): Low 1.0–3.9, Medium 4.0–6.9, High 7.0–8.9,
 * Critical 9.0–10.0 (attack-sequence findings). Values between bands (3.95) fall to the lower one, and
 * the old "reserved" 0–0.9 reads as low. Outside 0–10 there is no label.
 */
export function severityLabel(severity: number): SeverityLabel | undefined {
  if (!(severity >= 0 && severity <= 10)) return undefined;
  if (severity >= 9) return 'critical';
  if (severity >= 7) return 'high';
  if (severity >= 4) return 'medium';
  return 'low';
}

/** Runtime Monitoring: the process that did it and what it touched (`service.runtimeDetails`). */
function readRuntime(reader: FieldReader, runtime: JsonObject, path: string): JsonObject {
  const out: JsonObject = {};
  const process = reader.object(runtime.process, 'process', path);
  if (process !== undefined) {
    const at = `${path}.process`;
    { const value = reader.string(process.name, 'name', at); if (isPresent(value)) out.process_name = value; }
    { const value = reader.string(process.executablePath, 'executablePath', at); if (isPresent(value)) out.executable_path = value; }
    { const value = reader.string(process.executableSha256, 'executableSha256', at); if (isPresent(value)) out.executable_sha256 = value; }
    { const value = reader.integer(process.pid, 'pid', at); if (isPresent(value)) out.pid = value; }
    { const value = reader.string(process.user, 'user', at); if (isPresent(value)) out.user = value; }
    { const value = reader.integer(process.userId, 'userId', at); if (isPresent(value)) out.user_id = value; }
    { const value = reader.string(process.pwd, 'pwd', at); if (isPresent(value)) out.pwd = value; }
  }
  const context = reader.object(runtime.context, 'context', path);
  if (context !== undefined) {
    const at = `${path}.context`;
    { const value = reader.string(context.scriptPath, 'scriptPath', at); if (isPresent(value)) out.script_path = value; }
    { const value = reader.string(context.threatFilePath, 'threatFilePath', at); if (isPresent(value)) out.threat_file_path = value; }
    { const value = reader.string(context.toolName, 'toolName', at); if (isPresent(value)) out.tool_name = value; }
    { const value = reader.string(context.commandLineExample, 'commandLineExample', at); if (isPresent(value)) out.command_line_example = value; }
  }
  return out;
}

/** Reads the finding object (`detail` of the envelope, or the whole message) into `record` and `guardduty`. */
function readFinding(reader: FieldReader, finding: JsonObject, prefix: string, record: InterflowRecord, guardduty: JsonObject): void {
  const type = reader.requiredString(finding.type, 'type', prefix);
  if (type !== undefined) {
    record.event_name = type;
    // ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact
    const colon = type.indexOf(':');
    if (colon > 0) guardduty.threat_purpose = type.slice(0, colon);
  }
  const rawSeverity = finding.severity;
  const severity = reader.number(finding.severity, 'severity', prefix);
  if (severity !== undefined) {
    record.severity = severity;
    const label = severityLabel(severity);
    if (label === undefined) reader.problem(`${prefix === '' ? '' : `${prefix}.`}severity: ${severity} is outside GuardDuty's 0–10 range`);
    else record.severity_label = label;
  } else if (rawSeverity === undefined || rawSeverity === null) {
    reader.missing(prefix, 'severity');
  }
  { const value = reader.requiredString(finding.id, 'id', prefix); if (isPresent(value)) guardduty.id = value; }
  { const value = reader.string(finding.arn, 'arn', prefix); if (isPresent(value)) guardduty.arn = value; }
  { const value = reader.string(finding.title, 'title', prefix); if (isPresent(value)) guardduty.title = value; }
  { const value = reader.string(finding.description, 'description', prefix); if (isPresent(value)) guardduty.description = value; }
  const accountId = reader.string(finding.accountId, 'accountId', prefix);
  const region = reader.string(finding.region, 'region', prefix);
  { const value = accountId; if (isPresent(value)) guardduty.account_id = value; }
  { const value = region; if (isPresent(value)) guardduty.region = value; }
  { const value = reader.string(finding.partition, 'partition', prefix); if (isPresent(value)) guardduty.partition = value; }
  { const value = reader.string(finding.schemaVersion, 'schemaVersion', prefix); if (isPresent(value)) guardduty.schema_version = value; }
  { const value = reader.isoTime(finding.createdAt, 'createdAt', prefix); if (isPresent(value)) guardduty.created_at = value; }
  { const value = reader.isoTime(finding.updatedAt, 'updatedAt', prefix); if (isPresent(value)) guardduty.updated_at = value; }
  { const value = reader.number(finding.confidence, 'confidence', prefix); if (isPresent(value)) guardduty.confidence = value; }
  { const value = reader.string(finding.associatedAttackSequenceArn, 'associatedAttackSequenceArn', prefix); if (isPresent(value)) guardduty.associated_attack_sequence_arn = value; }
  // The finding's account and Region are the monitored ones; the context's (the log group's) win when known.
  if (record.aws.account_id === undefined && accountId !== undefined) record.aws.account_id = accountId;
  if (record.aws.region === undefined && region !== undefined) record.aws.region = region;

  const resource = reader.object(finding.resource, 'resource', prefix);
  if (resource !== undefined) {
    const read = readResource(reader, resource, prefix === '' ? 'resource' : `${prefix}.resource`);
    { const value = read.resourceType; if (isPresent(value)) guardduty.resource_type = value; }
    if (hasKeys(read.resource)) guardduty.resource = read.resource;
  }
  const service = reader.object(finding.service, 'service', prefix);
  if (service === undefined) return;
  const at = prefix === '' ? 'service' : `${prefix}.service`;
  { const value = reader.integer(service.count, 'count', at); if (isPresent(value)) guardduty.count = value; }
  { const value = reader.isoTime(service.eventFirstSeen, 'eventFirstSeen', at); if (isPresent(value)) guardduty.first_seen = value; }
  { const value = reader.isoTime(service.eventLastSeen, 'eventLastSeen', at); if (isPresent(value)) guardduty.last_seen = value; }
  { const value = reader.boolean(service.archived, 'archived', at); if (isPresent(value)) guardduty.archived = value; }
  { const value = reader.string(service.detectorId, 'detectorId', at); if (isPresent(value)) guardduty.detector_id = value; }
  { const value = reader.string(service.resourceRole, 'resourceRole', at); if (isPresent(value)) guardduty.resource_role = value; }
  { const value = reader.string(service.featureName, 'featureName', at); if (isPresent(value)) guardduty.feature_name = value; }
  const info = reader.object(service.additionalInfo, 'additionalInfo', at);
  if (info !== undefined) {
    // CreateSampleFindings marks its findings; responders must be able to filter them out.
    if (info.sample === true) guardduty.sample = true;
    if (typeof info.threatListName === 'string') guardduty.threat_list_name = info.threatListName;
    if (typeof info.threatName === 'string') guardduty.threat_names = [info.threatName];
  }
  const evidence = reader.object(service.evidence, 'evidence', at);
  if (evidence !== undefined) {
    const details = reader.array(evidence.threatIntelligenceDetails, 'threatIntelligenceDetails', `${at}.evidence`);
    if (details !== undefined) {
      const names: string[] = [];
      for (let i = 0; i < details.length; i++) {
        const detail = reader.objectAt(details, i, `${at}.evidence.threatIntelligenceDetails`);
        if (detail === undefined) continue;
        const detailPath = `${at}.evidence.threatIntelligenceDetails[${i}]`;
        if (guardduty.threat_list_name === undefined) { const value = reader.string(detail.threatListName, 'threatListName', detailPath); if (isPresent(value)) guardduty.threat_list_name = value; }
        for (const name of reader.strings(detail.threatNames, 'threatNames', detailPath) ?? []) if (!names.includes(name)) names.push(name);
      }
      if (names.length > 0) guardduty.threat_names = names;
    }
  }
  const runtime = reader.object(service.runtimeDetails, 'runtimeDetails', at);
  if (runtime !== undefined) {
    const read = readRuntime(reader, runtime, `${at}.runtimeDetails`);
    if (hasKeys(read)) guardduty.runtime = read;
  }
  const action = reader.object(service.action, 'action', at);
  if (action !== undefined) {
    const read = readAction(reader, action, `${at}.action`);
    { const value = read.actionType; if (isPresent(value)) guardduty.action_type = value; }
    if (hasKeys(read.action)) guardduty.action = read.action;
    if (read.remoteIp !== undefined && read.remoteIp !== '') record.srcip = read.remoteIp;
  }
}

/** Reads one GuardDuty event. Never throws; problems end up in `parse_error`, the message is kept as is. */
export function parseGuardDutyEvent(event: CloudWatchEvent, context: ParseContext): InterflowRecord {
  const record = baseRecord(event, context, 'guardduty');
  const parsed = parseJsonObject(event.message);
  if (!parsed.ok) {
    record.parse_error = parsed.error;
    return record;
  }
  const document = parsed.value;
  const reader = new FieldReader();
  const guardduty: JsonObject = {};

  // The EventBridge envelope carries `detail-type`; a bare finding (GetFindings shape) does not.
  if (document['detail-type'] !== undefined || (document.detail !== undefined && document.source !== undefined)) {
    const detailType = reader.string(document['detail-type'], 'detail-type', '');
    const source = reader.string(document.source, 'source', '');
    { const value = detailType; if (isPresent(value)) guardduty.detail_type = value; }
    { const value = reader.string(document.id, 'id', ''); if (isPresent(value)) guardduty.event_id = value; }
    { const value = reader.isoTime(document.time, 'time', ''); if (isPresent(value)) guardduty.event_time = value; }
    if (source !== undefined && source !== 'aws.guardduty') reader.problem(`source: ${quoteValue(source)} is not "aws.guardduty"`);
    if (detailType !== 'GuardDuty Finding') {
      // Health, malware-scan and other GuardDuty events share the bus; they are not findings.
      reader.problem(detailType === undefined ? 'missing field detail-type' : `detail-type: ${quoteValue(detailType)} is not "GuardDuty Finding"; only findings are read`);
      if (detailType !== undefined) record.event_name = detailType;
    } else {
      const detail = reader.requiredObject(document.detail, 'detail', '');
      if (detail !== undefined) readFinding(reader, detail, 'detail', record, guardduty);
    }
    const account = reader.string(document.account, 'account', '');
    const region = reader.string(document.region, 'region', '');
    if (record.aws.account_id === undefined && account !== undefined) record.aws.account_id = account;
    if (record.aws.region === undefined && region !== undefined) record.aws.region = region;
  } else {
    readFinding(reader, document, '', record, guardduty);
  }

  if (hasKeys(guardduty)) record.guardduty = guardduty;
  const problems = reader.summary();
  if (problems !== undefined) record.parse_error = problems;
  return record;
}
