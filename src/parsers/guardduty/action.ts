// GuardDuty `service.action`: per action type, the remote party, ports, protocol, domain, API call and Kubernetes/RDS details.
import { type FieldReader, type JsonObject , isPresent } from '../json.js';

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
  const details = reader.object(parent.remoteIpDetails, 'remoteIpDetails', path);
  if (details === undefined) return undefined;
  const at = `${path}.remoteIpDetails`;
  const ipV4 = reader.string(details.ipAddressV4, 'ipAddressV4', at);
  const ipV6 = reader.string(details.ipAddressV6, 'ipAddressV6', at);
  { const value = ipV4 ?? ipV6; if (isPresent(value)) target.remote_ip = value; }
  if (ipV4 !== undefined) { const value = ipV6; if (isPresent(value)) target.remote_ipv6 = value; }
  const country = reader.object(details.country, 'country', at);
  if (country !== undefined) {
    { const value = reader.string(country.countryName, 'countryName', `${at}.country`); if (isPresent(value)) target.remote_country = value; }
    { const value = reader.string(country.countryCode, 'countryCode', `${at}.country`); if (isPresent(value)) target.remote_country_code = value; }
  }
  const city = reader.object(details.city, 'city', at);
  if (city !== undefined) { const value = reader.string(city.cityName, 'cityName', `${at}.city`); if (isPresent(value)) target.remote_city = value; }
  const organization = reader.object(details.organization, 'organization', at);
  if (organization !== undefined) {
    const asn = organization.asn;
    if (typeof asn === 'string') target.remote_asn = asn;
    else if (typeof asn === 'number' && Number.isSafeInteger(asn)) target.remote_asn = String(asn);
    else if (asn !== undefined && asn !== null) reader.problem(`${at}.organization.asn: expected a string or an integer`);
    { const value = reader.string(organization.asnOrg, 'asnOrg', `${at}.organization`); if (isPresent(value)) target.remote_asn_org = value; }
    { const value = reader.string(organization.org, 'org', `${at}.organization`); if (isPresent(value)) target.remote_org = value; }
    { const value = reader.string(organization.isp, 'isp', `${at}.organization`); if (isPresent(value)) target.remote_isp = value; }
  }
  const geo = reader.object(details.geoLocation, 'geoLocation', at);
  if (geo !== undefined) {
    { const value = reader.number(geo.lat, 'lat', `${at}.geoLocation`); if (isPresent(value)) target.remote_lat = value; }
    { const value = reader.number(geo.lon, 'lon', `${at}.geoLocation`); if (isPresent(value)) target.remote_lon = value; }
  }
  return ipV4 ?? ipV6;
}

/** `localPortDetails` / `remotePortDetails` → `<side>_port`, `<side>_port_name`. */
function readPort(reader: FieldReader, parent: JsonObject, key: string, path: string, side: 'local' | 'remote', target: JsonObject): void {
  const details = reader.object(parent[key], key, path);
  if (details === undefined) return;
  const at = `${path}.${key}`;
  const port = reader.integer(details.port, 'port', at);
  const portName = reader.string(details.portName, 'portName', at);
  // Named stores (not target[`${side}_port`]) keep the record objects in V8's fast mode.
  if (side === 'local') {
    if (port !== undefined) target.local_port = port;
    if (portName !== undefined) target.local_port_name = portName;
  } else {
    if (port !== undefined) target.remote_port = port;
    if (portName !== undefined) target.remote_port_name = portName;
  }
}

function readLocalIp(reader: FieldReader, parent: JsonObject, path: string, target: JsonObject): void {
  const details = reader.object(parent.localIpDetails, 'localIpDetails', path);
  if (details === undefined) return;
  const ipV4 = reader.string(details.ipAddressV4, 'ipAddressV4', `${path}.localIpDetails`);
  const ipV6 = reader.string(details.ipAddressV6, 'ipAddressV6', `${path}.localIpDetails`);
  { const value = ipV4 ?? ipV6; if (isPresent(value)) target.local_ip = value; }
  if (ipV4 !== undefined) { const value = ipV6; if (isPresent(value)) target.local_ipv6 = value; }
}

function readNetworkConnection(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  { const value = reader.string(details.connectionDirection, 'connectionDirection', path); if (isPresent(value)) out.direction = value; }
  { const value = reader.string(details.protocol, 'protocol', path); if (isPresent(value)) out.protocol = value; }
  { const value = reader.boolean(details.blocked, 'blocked', path); if (isPresent(value)) out.blocked = value; }
  { const value = reader.string(details.localNetworkInterface, 'localNetworkInterface', path); if (isPresent(value)) out.local_network_interface = value; }
  readLocalIp(reader, details, path, out);
  readPort(reader, details, 'localPortDetails', path, 'local', out);
  readPort(reader, details, 'remotePortDetails', path, 'remote', out);
  return readRemoteIp(reader, details, path, out);
}

/** PORT_PROBE: several probing hosts are possible; the first one's details are also flattened into the action. */
function readPortProbe(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  { const value = reader.boolean(details.blocked, 'blocked', path); if (isPresent(value)) out.blocked = value; }
  const probes = reader.array(details.portProbeDetails, 'portProbeDetails', path);
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
  { const value = remoteIps; if (isPresent(value)) out.remote_ips = value; }
  { const value = localPorts; if (isPresent(value)) out.local_ports = value; }
  { const value = list; if (isPresent(value)) out.port_probes = value; }
  return remoteIps[0];
}

function readDnsRequest(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): undefined {
  { const value = reader.string(details.domain, 'domain', path); if (isPresent(value)) out.domain = value; }
  { const value = reader.string(details.domainWithSuffix, 'domainWithSuffix', path); if (isPresent(value)) out.domain_with_suffix = value; }
  { const value = reader.string(details.protocol, 'protocol', path); if (isPresent(value)) out.protocol = value; }
  { const value = reader.boolean(details.blocked, 'blocked', path); if (isPresent(value)) out.blocked = value; }
  { const value = reader.string(details.vpcOwnerAccountId, 'vpcOwnerAccountId', path); if (isPresent(value)) out.vpc_owner_account_id = value; }
  return undefined;
}

function readAwsApiCall(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  { const value = reader.string(details.api, 'api', path); if (isPresent(value)) out.api = value; }
  { const value = reader.string(details.serviceName, 'serviceName', path); if (isPresent(value)) out.service_name = value; }
  { const value = reader.string(details.callerType, 'callerType', path); if (isPresent(value)) out.caller_type = value; }
  { const value = reader.string(details.errorCode, 'errorCode', path); if (isPresent(value)) out.error_code = value; }
  { const value = reader.string(details.userAgent, 'userAgent', path); if (isPresent(value)) out.user_agent = value; }
  const domain = reader.object(details.domainDetails, 'domainDetails', path);
  if (domain !== undefined) { const value = reader.string(domain.domain, 'domain', `${path}.domainDetails`); if (isPresent(value)) out.domain = value; }
  const account = reader.object(details.remoteAccountDetails, 'remoteAccountDetails', path);
  if (account !== undefined) {
    { const value = reader.string(account.accountId, 'accountId', `${path}.remoteAccountDetails`); if (isPresent(value)) out.remote_account_id = value; }
    { const value = reader.boolean(account.affiliated, 'affiliated', `${path}.remoteAccountDetails`); if (isPresent(value)) out.remote_account_affiliated = value; }
  }
  // A map of resource type → id ("AWS::S3::Bucket": "name"); stored as a list so type names never become field names.
  const affected = reader.object(details.affectedResources, 'affectedResources', path);
  if (affected !== undefined) {
    const resources: JsonObject[] = [];
    for (const type of Object.keys(affected)) {
      const id = affected[type];
      if (typeof id === 'string') resources.push({ type, id });
      else if (id !== null) reader.problem(`${path}.affectedResources: expected string values`);
    }
    { const value = resources; if (isPresent(value)) out.affected_resources = value; }
  }
  return readRemoteIp(reader, details, path, out);
}

function readKubernetesApiCall(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  { const value = reader.string(details.verb, 'verb', path); if (isPresent(value)) out.verb = value; }
  { const value = reader.string(details.requestUri, 'requestUri', path); if (isPresent(value)) out.request_uri = value; }
  { const value = reader.string(details.resource, 'resource', path); if (isPresent(value)) out.resource = value; }
  { const value = reader.string(details.subresource, 'subresource', path); if (isPresent(value)) out.subresource = value; }
  { const value = reader.string(details.namespace, 'namespace', path); if (isPresent(value)) out.namespace = value; }
  { const value = reader.string(details.resourceName, 'resourceName', path); if (isPresent(value)) out.resource_name = value; }
  { const value = reader.string(details.userAgent, 'userAgent', path); if (isPresent(value)) out.user_agent = value; }
  { const value = reader.integer(details.statusCode, 'statusCode', path); if (isPresent(value)) out.status_code = value; }
  { const value = reader.string(details.parameters, 'parameters', path); if (isPresent(value)) out.parameters = value; }
  const sourceIps = reader.strings(details.sourceIPs, 'sourceIPs', path);
  { const value = sourceIps; if (isPresent(value)) out.source_ips = value; }
  return readRemoteIp(reader, details, path, out) ?? sourceIps?.[0];
}

function readRdsLoginAttempt(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): string | undefined {
  // The API model spells this one member with a capital L.
  const key = details.LoginAttributes === undefined ? 'loginAttributes' : 'LoginAttributes';
  const attributes = reader.array(details[key], key, path);
  if (attributes !== undefined) {
    const list: JsonObject[] = [];
    for (let i = 0; i < attributes.length; i++) {
      const item = reader.objectAt(attributes, i, `${path}.${key}`);
      if (item === undefined) continue;
      const at = `${path}.${key}[${i}]`;
      const entry: JsonObject = {};
      { const value = reader.string(item.user, 'user', at); if (isPresent(value)) entry.user = value; }
      { const value = reader.string(item.application, 'application', at); if (isPresent(value)) entry.application = value; }
      { const value = reader.integer(item.failedLoginAttempts, 'failedLoginAttempts', at); if (isPresent(value)) entry.failed_login_attempts = value; }
      { const value = reader.integer(item.successfulLoginAttempts, 'successfulLoginAttempts', at); if (isPresent(value)) entry.successful_login_attempts = value; }
      list.push(entry);
    }
    { const value = list; if (isPresent(value)) out.login_attributes = value; }
  }
  return readRemoteIp(reader, details, path, out);
}

function readKubernetesPermissionChecked(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): undefined {
  { const value = reader.string(details.verb, 'verb', path); if (isPresent(value)) out.verb = value; }
  { const value = reader.string(details.resource, 'resource', path); if (isPresent(value)) out.resource = value; }
  { const value = reader.string(details.namespace, 'namespace', path); if (isPresent(value)) out.namespace = value; }
  { const value = reader.boolean(details.allowed, 'allowed', path); if (isPresent(value)) out.allowed = value; }
  return undefined;
}

function readKubernetesRole(reader: FieldReader, details: JsonObject, path: string, out: JsonObject): undefined {
  { const value = reader.string(details.kind, 'kind', path); if (isPresent(value)) out.role_kind = value; }
  { const value = reader.string(details.name, 'name', path); if (isPresent(value)) out.role_name = value; }
  { const value = reader.string(details.uid, 'uid', path); if (isPresent(value)) out.role_uid = value; }
  { const value = reader.string(details.roleRefName, 'roleRefName', path); if (isPresent(value)) out.role_ref_name = value; }
  { const value = reader.string(details.roleRefKind, 'roleRefKind', path); if (isPresent(value)) out.role_ref_kind = value; }
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
  const actionType = reader.string(action.actionType, 'actionType', path);
  let remoteIp: string | undefined;
  for (const [key, read] of actionReaders) {
    const details = reader.object(action[key], key, path);
    if (details === undefined) continue;
    remoteIp ??= read(reader, details, `${path}.${key}`, out);
  }
  const summary: ActionSummary & { actionType?: string } = { action: out };
  if (remoteIp !== undefined) summary.remoteIp = remoteIp;
  if (actionType !== undefined) summary.actionType = actionType;
  return summary;
}
