// The AWS WAF (WAFv2, formatVersion 1) web ACL log parser: one JSON log object into one Interflow record.
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import { FieldReader, type JsonObject, parseJsonObject, isPresent, quoteValue } from '../json.js';
import { baseRecord } from '../normalize.js';
import { splitWebAclArn } from './arn.js';
import { readMatchDetails, readRuleLists, readTokenResponse } from './rules.js';

/** The terminating actions WAF logs; COUNT is never one (it only appears among non-terminating matches). */
const terminatingActions = new Set(['ALLOW', 'BLOCK', 'CAPTCHA', 'CHALLENGE']);

/** WAF writes `-` (country, httpSourceName) and the string `null` (requestId) for unknown values. */
function known(value: string | undefined): string | undefined {
  return value === undefined || value === '-' || value === 'null' || value === '' ? undefined : value;
}

/**
 * Whether a header name is `lowercase` (ASCII letters and `-`) in any ASCII case, without allocating a lowered copy.
 * Gives the same answer as `name.toLowerCase() === lowercase` for the names compared here: the only non-ASCII
 * characters that lowercase to ASCII are U+212A (to `k`, in none of them) and U+0130 (to two characters).
 */
function isHeaderName(name: string, lowercase: string): boolean {
  if (name.length !== lowercase.length) return false;
  for (let i = 0; i < lowercase.length; i++) {
    const actual = name.charCodeAt(i);
    const expected = lowercase.charCodeAt(i);
    // expected >= 97: only a letter (a-z) may match its capital (expected - 32).
    if (actual !== expected && (actual + 32 !== expected || expected < 97)) return false;
  }
  return true;
}

function readHttpRequest(reader: FieldReader, request: JsonObject, record: InterflowRecord): void {
  const http: JsonObject = {};
  const prefix = 'httpRequest';
  const clientIp = reader.requiredString(request.clientIp, 'clientIp', prefix);
  if (clientIp !== undefined && clientIp !== '') record.srcip = clientIp;
  { const value = known(reader.string(request.httpMethod, 'httpMethod', prefix)); if (value !== undefined) http.method = value; }
  { const value = reader.string(request.uri, 'uri', prefix); if (value !== undefined) http.uri = value; }
  { const value = reader.string(request.args, 'args', prefix); if (value !== undefined) http.args = value; }
  { const value = reader.string(request.httpVersion, 'httpVersion', prefix); if (value !== undefined) http.version = value; }
  { const value = known(reader.string(request.requestId, 'requestId', prefix)); if (value !== undefined) http.request_id = value; }
  { const value = known(reader.string(request.country, 'country', prefix)); if (value !== undefined) http.country = value; }
  { const value = reader.string(request.scheme, 'scheme', prefix); if (value !== undefined) http.scheme = value; }
  { const value = reader.string(request.fragment, 'fragment', prefix); if (value !== undefined) http.fragment = value; }
  let host = known(reader.string(request.host, 'host', prefix));

  const headers = reader.array(request.headers, 'headers', prefix);
  if (headers !== undefined && headers.length > 0) {
    const out: JsonObject[] = [];
    let userAgent: string | undefined;
    let headerHost: string | undefined;
    let forwardedFor: string | undefined;
    let referer: string | undefined;
    for (let i = 0; i < headers.length; i++) {
      const header = reader.objectAt(headers, i, 'httpRequest.headers');
      if (header === undefined) continue;
      const name = reader.stringAt(header.name, 'httpRequest.headers', i, 'name');
      // A header without a value occurs in AWS's own example; keep the name.
      const value = reader.stringAt(header.value, 'httpRequest.headers', i, 'value');
      if (name === undefined) continue;
      out.push(value === undefined ? { name } : { name, value });
      if (value === undefined) continue;
      // Header names keep the client's case; the length decides which name to compare against.
      switch (name.length) {
        case 4:
          if (headerHost === undefined && isHeaderName(name, 'host')) headerHost = value;
          break;
        case 7:
          if (referer === undefined && isHeaderName(name, 'referer')) referer = value;
          break;
        case 10:
          if (userAgent === undefined && isHeaderName(name, 'user-agent')) userAgent = value;
          break;
        case 15:
          if (forwardedFor === undefined && isHeaderName(name, 'x-forwarded-for')) forwardedFor = value;
          break;
      }
    }
    host ??= headerHost;
    { const value = userAgent; if (value !== undefined) http.user_agent = value; }
    { const value = forwardedFor; if (value !== undefined) http.x_forwarded_for = value; }
    { const value = referer; if (value !== undefined) http.referer = value; }
    { const value = out; if (value.length > 0) http.headers = value; }
  }
  { const value = host; if (value !== undefined) http.host = value; }
  record.http = http;
}

/** Reads one WAF log event. Never throws; problems end up in `parse_error`, the message is kept as is. */
export function parseWafEvent(event: CloudWatchEvent, context: ParseContext): InterflowRecord {
  const record = baseRecord(event, context, 'waf');
  const parsed = parseJsonObject(event.message);
  if (!parsed.ok) {
    record.parse_error = parsed.error;
    return record;
  }
  const log = parsed.value;
  const reader = new FieldReader();
  const waf: JsonObject = {};

  const action = reader.requiredString(log.action, 'action', '');
  if (action !== undefined) {
    record.action = action;
    if (!terminatingActions.has(action)) reader.problem(`action: ${quoteValue(action)} is not a terminating WAF action (ALLOW, BLOCK, CAPTCHA or CHALLENGE)`);
  }

  const request = reader.requiredObject(log.httpRequest, 'httpRequest', '');
  if (request !== undefined) readHttpRequest(reader, request, record);

  { const value = reader.integer(log.timestamp, 'timestamp', ''); if (value !== undefined) waf.timestamp = value; }
  { const value = reader.integer(log.formatVersion, 'formatVersion', ''); if (value !== undefined) waf.format_version = value; }
  const webAclId = reader.requiredString(log.webaclId, 'webaclId', '');
  if (webAclId !== undefined) {
    waf.webacl_id = webAclId;
    const arn = splitWebAclArn(webAclId);
    if (arn !== undefined) {
      waf.webacl_name = arn.name;
      waf.webacl_scope = arn.scope;
      // The log group lives in the web ACL's account and Region; fill them when the context does not know them.
      if (record.aws.region === undefined && arn.region !== '') record.aws.region = arn.region;
      if (record.aws.account_id === undefined) record.aws.account_id = arn.accountId;
    }
  }
  { const value = reader.string(log.terminatingRuleId, 'terminatingRuleId', ''); if (value !== undefined) waf.terminating_rule_id = value; }
  { const value = reader.string(log.terminatingRuleType, 'terminatingRuleType', ''); if (value !== undefined) waf.terminating_rule_type = value; }
  { const value = readMatchDetails(reader, log.terminatingRuleMatchDetails, 'terminatingRuleMatchDetails', ''); if (isPresent(value)) waf.terminating_rule_match_details = value; }

  const lists = readRuleLists(reader, log);
  { const value = lists.terminatingGroupRule; if (value !== undefined) waf.terminating_group_rule = value; }
  { const value = lists.nonTerminatingRuleIds; if (value.length > 0) waf.non_terminating_rule_ids = value; }
  { const value = lists.nonTerminatingRules; if (value.length > 0) waf.non_terminating_rules = value; }
  { const value = lists.ruleGroupIds; if (value.length > 0) waf.rule_group_ids = value; }
  { const value = lists.excludedRuleIds; if (value.length > 0) waf.excluded_rule_ids = value; }
  { const value = lists.rateBasedRuleIds; if (value.length > 0) waf.rate_based_rule_ids = value; }
  { const value = lists.rateBasedRules; if (value.length > 0) waf.rate_based_rules = value; }

  const labels = reader.array(log.labels, 'labels', '');
  if (labels !== undefined && labels.length > 0) {
    const names: string[] = [];
    for (let i = 0; i < labels.length; i++) {
      const label = reader.objectAt(labels, i, 'labels');
      const name = label === undefined ? undefined : reader.stringAt(label.name, 'labels', i, 'name');
      if (name !== undefined) names.push(name);
    }
    { const value = names; if (value.length > 0) waf.labels = value; }
  }

  { const value = reader.integer(log.responseCodeSent, 'responseCodeSent', ''); if (value !== undefined) waf.response_code_sent = value; }
  { const value = readTokenResponse(reader, log.captchaResponse, 'captchaResponse', ''); if (isPresent(value)) waf.captcha_response = value; }
  // The current docs spell it challengeResponse; a translated page shows challengeResponses.
  { const value = (log.challengeResponse === undefined ? readTokenResponse(reader, log.challengeResponses, 'challengeResponses', '') : readTokenResponse(reader, log.challengeResponse, 'challengeResponse', '')); if (isPresent(value)) waf.challenge_response = value; }
  { const value = known(reader.string(log.ja3Fingerprint, 'ja3Fingerprint', '')); if (value !== undefined) waf.ja3_fingerprint = value; }
  { const value = known(reader.string(log.ja4Fingerprint, 'ja4Fingerprint', '')); if (value !== undefined) waf.ja4_fingerprint = value; }
  { const value = reader.strings(log.oversizeFields, 'oversizeFields', ''); if (isPresent(value)) waf.oversize_fields = value; }
  const inserted = reader.array(log.requestHeadersInserted, 'requestHeadersInserted', '');
  if (inserted !== undefined && inserted.length > 0) {
    const headers: JsonObject[] = [];
    for (let i = 0; i < inserted.length; i++) {
      const header = reader.objectAt(inserted, i, 'requestHeadersInserted');
      if (header === undefined) continue;
      const out: JsonObject = {};
      { const value = reader.stringAt(header.name, 'requestHeadersInserted', i, 'name'); if (value !== undefined) out.name = value; }
      { const value = reader.stringAt(header.value, 'requestHeadersInserted', i, 'value'); if (value !== undefined) out.value = value; }
      headers.push(out);
    }
    { const value = headers; if (value.length > 0) waf.request_headers_inserted = value; }
  }
  { const value = known(reader.string(log.httpSourceName, 'httpSourceName', '')); if (value !== undefined) waf.http_source_name = value; }
  { const value = known(reader.string(log.httpSourceId, 'httpSourceId', '')); if (value !== undefined) waf.source_id = value; }
  { const value = reader.integer(log.clientAsn, 'clientAsn', ''); if (value !== undefined) waf.client_asn = value; }
  { const value = reader.integer(log.forwardedAsn, 'forwardedAsn', ''); if (value !== undefined) waf.forwarded_asn = value; }
  { const value = reader.string(log.cfDistributionTenantId, 'cfDistributionTenantId', ''); if (value !== undefined) waf.cf_distribution_tenant_id = value; }
  record.waf = waf;

  const problems = reader.summary();
  if (problems !== undefined) record.parse_error = problems;
  return record;
}
