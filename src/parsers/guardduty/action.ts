// GuardDuty `service.action`: per action type, the remote party, ports, protocol, domain, API call and Kubernetes/RDS details.
import { type FieldReader, type JsonObject, put } from '../json.js';

/** What the action adds to the record: `guardduty.action` and the remote IP for `srcip`. */
export interface ActionSummary {
  action: JsonObject;
  remoteIp?: string;
}

/**
 * `remoteIpDetails` flattened into `remote_*` fields of `target`. Returns the IP (v4 first).
 * `organization.asn` is a string in the API model but a number in older findings: kept as a string.
 */
function readRemoteIp(reader: FieldReader, parent: JsonObject, path: string, target: JsonObject): string | undefined {
  const details = reader.object(parent, 'remoteIpDetails', path);
  if (details === undefined) return undefined;
  const at = `${path}.remoteIpDetails`;
  const ipV4 = reader.string(details, 'ipAddressV4', at);
  const ipV6 = reader.string(details, 'ipAddressV6', at);
  put(target, 'remote_ip', ipV4 ?? ipV6);
  if (ipV4 !== undefined) put(target, 'remote_ipv6', ipV6);
  const country = reader.object(details, 'country', at);
  if (country !== undefined) {
    put(target, 'remote_country', reader.string(country, 'countryName', `${at}.country`));
    put(target, 'remote_country_code', reader.string(country, 'countryCode', `${at}.country`));
  }
  const city = reader.object(details, 'city', at);
  if (city !== undefined) put(target, 'remote_city', reader.string(city, 'cityName', `${at}.city`));
  const organization = reader.object(details, 'organization', at);
  if (organization !== undefined) {
    const asn = organization.asn;
    if (typeof asn === 'string') target.remote_asn = asn;
    else if (typeof asn === 'number' && Number.isSafeInteger(asn)) target.remote_asn = String(asn);
    else if (asn !== undefined && asn !== null) reader.problem(`${at}.organization.asn: expected a string or an integer`);
    put(target, 'remote_asn_org', reader.string(organization, 'asnOrg', `${at}.organization`));
    put(target, 'remote_org', reader.string(organization, 'org', `${at}.organization`));
    put(target, 'remote_isp', reader.string(organization, 'isp', `${at}.organization`));
  }
  const geo = reader.object(details, 'geoLocation', at);
  if (geo !== undefined) {
    put(target, 'remote_lat', reader.number(geo, 'lat', `${at}.geoLocation`));
    put(target, 'remote_lon', reader.number(geo, 'lon', `${at}.geoLocation`));
  }
  return ipV4 ?? ipV6;
}

/** `localPortDetails` / `remotePortDetails` → `<side>_port`, `<side>_port_name`. */
function readPort(reader: FieldReader, parent: JsonObject, key: string, path: string, side: 'local' | 'remote', target: JsonObject): void {
  const details = reader.object(parent, key, path);
  if (details === undefined) return;
  put(target, `${side}_port`, reader.integer(details, 'port', `${path}.${key}`));
  put(target, `${side}_port_name`, reader.string(details, 'portName', `${path}.${key}`));
}

function readLocalIp(reader: FieldReader, parent: JsonObject, path: string, target: JsonObject): void {
  const details = reader.object(parent, 'localIpDetails', path);
  if (details === undefined) return;
  const ipV4 = reader.string(details, 'ipAddressV4', `${path}.localIpDetails`);
  const ipV6 = reader.string(details, 'ipAddressV6', `${path}.localIpDetails`);
  put(target, 'local_ip', ipV4 ?? ipV6);
  if (ipV4 !== undefined) put(target, 'local_ipv6', ipV6);
}

function readNetworkConnection(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  put(out, 'direction', reader.string(details, 'connectionDirection', path));
  put(out, 'protocol', reader.string(details, 'protocol', path));
  put(out, 'blocked', reader.boolean(details, 'blocked', path));
  put(out, 'local_network_interface', reader.string(details, 'localNetworkInterface', path));
  readLocalIp(reader, details, path, out);
  readPort(reader, details, 'localPortDetails', path, 'local', out);
  readPort(reader, details, 'remotePortDetails', path, 'remote', out);
  return readRemoteIp(reader, details, path, out);
}

/** PORT_PROBE: several probing hosts are possible; the first one's details are also flattened into the action. */
function readPortProbe(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  put(out, 'blocked', reader.boolean(details, 'blocked', path));
  const probes = reader.array(details, 'portProbeDetails', path);
  if (probes === undefined) return undefined;
  const remoteIps: string[] = [];
  const localPorts: number[] = [];
  const list: JsonObject[] = [];
  for (let i = 0; i < probes.length; i++) {
    const probe = reader.objectAt(probes, i, `${path}.portProbeDetails`);
    if (probe === undefined) continue;
    const at = `${path}.portProbeDetails[${i}]`;
    const entry: JsonObject = {};
    readLocalIp(reader, probe, at, entry);
    readPort(reader, probe, 'localPortDetails', at, 'local', entry);
    const ip = readRemoteIp(reader, probe, at, entry);
    if (ip !== undefined && !remoteIps.includes(ip)) remoteIps.push(ip);
    const port = entry.local_port;
    if (typeof port === 'number' && !localPorts.includes(port)) localPorts.push(port);
    list.push(entry);
  }
  const first = list[0];
  if (first !== undefined) for (const key of Object.keys(first)) out[key] = first[key];
  put(out, 'remote_ips', remoteIps);
  put(out, 'local_ports', localPorts);
  put(out, 'port_probes', list);
  return remoteIps[0];
}

function readDnsRequest(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): undefined {
  put(out, 'domain', reader.string(details, 'domain', path));
  put(out, 'domain_with_suffix', reader.string(details, 'domainWithSuffix', path));
  put(out, 'protocol', reader.string(details, 'protocol', path));
  put(out, 'blocked', reader.boolean(details, 'blocked', path));
  put(out, 'vpc_owner_account_id', reader.string(details, 'vpcOwnerAccountId', path));
  return undefined;
}

function readAwsApiCall(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  put(out, 'api', reader.string(details, 'api', path));
  put(out, 'service_name', reader.string(details, 'serviceName', path));
  put(out, 'caller_type', reader.string(details, 'callerType', path));
  put(out, 'error_code', reader.string(details, 'errorCode', path));
  put(out, 'user_agent', reader.string(details, 'userAgent', path));
  const domain = reader.object(details, 'domainDetails', path);
  if (domain !== undefined) put(out, 'domain', reader.string(domain, 'domain', `${path}.domainDetails`));
  const account = reader.object(details, 'remoteAccountDetails', path);
  if (account !== undefined) {
    put(out, 'remote_account_id', reader.string(account, 'accountId', `${path}.remoteAccountDetails`));
    put(out, 'remote_account_affiliated', reader.boolean(account, 'affiliated', `${path}.remoteAccountDetails`));
  }
  // A map of resource type → id ("AWS::S3::Bucket": "name"); stored as a list so type names never become field names.
  const affected = reader.object(details, 'affectedResources', path);
  if (affected !== undefined) {
    const resources: JsonObject[] = [];
    for (const type of Object.keys(affected)) {
      const id = affected[type];
      if (typeof id === 'string') resources.push({ type, id });
      else if (id !== null) reader.problem(`${path}.affectedResources: expected string values`);
    }
    put(out, 'affected_resources', resources);
  }
  return readRemoteIp(reader, details, path, out);
}

function readKubernetesApiCall(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  put(out, 'verb', reader.string(details, 'verb', path));
  put(out, 'request_uri', reader.string(details, 'requestUri', path));
  put(out, 'resource', reader.string(details, 'resource', path));
  put(out, 'subresource', reader.string(details, 'subresource', path));
  put(out, 'namespace', reader.string(details, 'namespace', path));
  put(out, 'resource_name', reader.string(details, 'resourceName', path));
  put(out, 'user_agent', reader.string(details, 'userAgent', path));
  put(out, 'status_code', reader.integer(details, 'statusCode', path));
  put(out, 'parameters', reader.string(details, 'parameters', path));
  const sourceIps = reader.strings(details, 'sourceIPs', path);
  put(out, 'source_ips', sourceIps);
  return readRemoteIp(reader, details, path, out) ?? sourceIps?.[0];
}

function readRdsLoginAttempt(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  // The API model spells this one member with a capital L.
  const key = details.LoginAttributes === undefined ? 'loginAttributes' : 'LoginAttributes';
  const attributes = reader.array(details, key, path);
  if (attributes !== undefined) {
    const list: JsonObject[] = [];
    for (let i = 0; i < attributes.length; i++) {
      const item = reader.objectAt(attributes, i, `${path}.${key}`);
      if (item === undefined) continue;
      const at = `${path}.${key}[${i}]`;
      const entry: JsonObject = {};
      put(entry, 'user', reader.string(item, 'user', at));
      put(entry, 'application', reader.string(item, 'application', at));
      put(entry, 'failed_login_attempts', reader.integer(item, 'failedLoginAttempts', at));
      put(entry, 'successful_login_attempts', reader.integer(item, 'successfulLoginAttempts', at));
      list.push(entry);
    }
    put(out, 'login_attributes', list);
  }
  return readRemoteIp(reader, details, path, out);
}

function readKubernetesPermissionChecked(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): undefined {
  put(out, 'verb', reader.string(details, 'verb', path));
  put(out, 'resource', reader.string(details, 'resource', path));
  put(out, 'namespace', reader.string(details, 'namespace', path));
  put(out, 'allowed', reader.boolean(details, 'allowed', path));
  return undefined;
}

function readKubernetesRole(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): undefined {
  put(out, 'role_kind', reader.string(details, 'kind', path));
  put(out, 'role_name', reader.string(details, 'name', path));
  put(out, 'role_uid', reader.string(details, 'uid', path));
  put(out, 'role_ref_name', reader.string(details, 'roleRefName', path));
  put(out, 'role_ref_kind', reader.string(details, 'roleRefKind', path));
  return undefined;
}

type ActionReader = (reader: FieldReader, details: JsonObject, path: string, out: JsonObject) => string | undefined;

/** Each action type's sub-object key and its reader. */
const actionReaders: ReadonlyArray<[string, ActionReader]> = [
  ['networkConnectionAction', readNetworkConnection],
  ['portProbeAction', readPortProbe],
  ['dnsRequestAction', readDnsRequest],
  ['awsApiCallAction', readAwsApiCall],
  ['kubernetesApiCallAction', readKubernetesApiCall],
  ['rdsLoginAttemptAction', readRdsLoginAttempt],
  ['kubernetesPermissionCheckedDetails', readKubernetesPermissionChecked],
  ['kubernetesRoleBindingDetails', readKubernetesRole],
  ['kubernetesRoleDetails', readKubernetesRole],
];

/** Reads `service.action` (its type comes from `actionType`; whichever sub-objects are present are read). */
export function readAction(reader: FieldReader, action: JsonObject, path: string): ActionSummary & { actionType?: string } {
  const out: JsonObject = {};
  const actionType = reader.string(action, 'actionType', path);
  let remoteIp: string | undefined;
  for (const [key, read] of actionReaders) {
    const details = reader.object(action, key, path);
    if (details === undefined) continue;
    remoteIp ??= read(reader, details, `${path}.${key}`, out);
  }
  const summary: ActionSummary & { actionType?: string } = { action: out };
  if (remoteIp !== undefined) summary.remoteIp = remoteIp;
  if (actionType !== undefined) summary.actionType = actionType;
  return summary;
}
