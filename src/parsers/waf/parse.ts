// The AWS WAF (WAFv2, formatVersion 1) web ACL log parser: one JSON log object into one Interflow record.
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import { FieldReader, type JsonObject, parseJsonObject, put, quoteValue } from '../json.js';
import { baseRecord } from '../normalize.js';
import { readMatchDetails, readRuleLists, readTokenResponse } from './rules.js';

/** The terminating actions WAF logs; COUNT is never one (it only appears among non-terminating matches). */
const terminatingActions = new Set(['ALLOW', 'BLOCK', 'CAPTCHA', 'CHALLENGE']);

/** `arn:aws:wafv2:<region>:<account>:<regional|global>/webacl/<name>/<id>` */
const webAclArnPattern = /^arn:aws[a-z-]*:wafv2:([a-z0-9-]*):(\d{12}):(regional|global)\/webacl\/([^/]+)\/[^/]+$/;

/** WAF writes `-` (country, httpSourceName) and the string `null` (requestId) for unknown values. */
function known(value: string | undefined): string | undefined {
  return value === undefined || value === '-' || value === 'null' || value === '' ? undefined : value;
}

function readHttpRequest(reader: FieldReader, request: JsonObject, record: InterflowRecord): void {
  const http: JsonObject = {};
  const prefix = 'httpRequest';
  const clientIp = reader.requiredString(request, 'clientIp', prefix);
  if (clientIp !== undefined && clientIp !== '') record.srcip = clientIp;
  put(http, 'method', known(reader.string(request, 'httpMethod', prefix)));
  put(http, 'uri', reader.string(request, 'uri', prefix));
  put(http, 'args', reader.string(request, 'args', prefix));
  put(http, 'version', reader.string(request, 'httpVersion', prefix));
  put(http, 'request_id', known(reader.string(request, 'requestId', prefix)));
  put(http, 'country', known(reader.string(request, 'country', prefix)));
  put(http, 'scheme', reader.string(request, 'scheme', prefix));
  put(http, 'fragment', reader.string(request, 'fragment', prefix));
  let host = known(reader.string(request, 'host', prefix));

  const headers = reader.array(request, 'headers', prefix);
  if (headers !== undefined && headers.length > 0) {
    const out: JsonObject[] = [];
    let userAgent: string | undefined;
    let headerHost: string | undefined;
    let forwardedFor: string | undefined;
    let referer: string | undefined;
    for (let i = 0; i < headers.length; i++) {
      const header = reader.objectAt(headers, i, 'httpRequest.headers');
      if (header === undefined) continue;
      const name = reader.string(header, 'name', `httpRequest.headers[${i}]`);
      // A header without a value occurs in AWS's own example; keep the name.
      const value = reader.string(header, 'value', `httpRequest.headers[${i}]`);
      if (name === undefined) continue;
      out.push(value === undefined ? { name } : { name, value });
      if (value === undefined) continue;
      // Header names keep the client's case; compare by length first so most headers cost no lowercasing.
      switch (name.length) {
        case 4:
          if (headerHost === undefined && name.toLowerCase() === 'host') headerHost = value;
          break;
        case 7:
          if (referer === undefined && name.toLowerCase() === 'referer') referer = value;
          break;
        case 10:
          if (userAgent === undefined && name.toLowerCase() === 'user-agent') userAgent = value;
          break;
        case 15:
          if (forwardedFor === undefined && name.toLowerCase() === 'x-forwarded-for') forwardedFor = value;
          break;
      }
    }
    host ??= headerHost;
    put(http, 'user_agent', userAgent);
    put(http, 'x_forwarded_for', forwardedFor);
    put(http, 'referer', referer);
    put(http, 'headers', out);
  }
  put(http, 'host', host);
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

  const action = reader.requiredString(log, 'action', '');
  if (action !== undefined) {
    record.action = action;
    if (!terminatingActions.has(action)) reader.problem(`action: ${quoteValue(action)} is not a terminating WAF action (ALLOW, BLOCK, CAPTCHA or CHALLENGE)`);
  }

  const request = reader.requiredObject(log, 'httpRequest', '');
  if (request !== undefined) readHttpRequest(reader, request, record);

  put(waf, 'timestamp', reader.integer(log, 'timestamp', ''));
  put(waf, 'format_version', reader.integer(log, 'formatVersion', ''));
  const webAclId = reader.requiredString(log, 'webaclId', '');
  if (webAclId !== undefined) {
    waf.webacl_id = webAclId;
    const arn = webAclArnPattern.exec(webAclId);
    if (arn !== null) {
      waf.webacl_name = arn[4];
      waf.webacl_scope = arn[3];
      // The log group lives in the web ACL's account and Region; fill them when the context does not know them.
      if (record.aws.region === undefined && arn[1] !== '') record.aws.region = arn[1];
      if (record.aws.account_id === undefined) record.aws.account_id = arn[2];
    }
  }
  put(waf, 'terminating_rule_id', reader.string(log, 'terminatingRuleId', ''));
  put(waf, 'terminating_rule_type', reader.string(log, 'terminatingRuleType', ''));
  put(waf, 'terminating_rule_match_details', readMatchDetails(reader, log, 'terminatingRuleMatchDetails', ''));

  const lists = readRuleLists(reader, log);
  put(waf, 'terminating_group_rule', lists.terminatingGroupRule);
  put(waf, 'non_terminating_rule_ids', lists.nonTerminatingRuleIds);
  put(waf, 'non_terminating_rules', lists.nonTerminatingRules);
  put(waf, 'rule_group_ids', lists.ruleGroupIds);
  put(waf, 'excluded_rule_ids', lists.excludedRuleIds);
  put(waf, 'rate_based_rule_ids', lists.rateBasedRuleIds);
  put(waf, 'rate_based_rules', lists.rateBasedRules);

  const labels = reader.array(log, 'labels', '');
  if (labels !== undefined && labels.length > 0) {
    const names: string[] = [];
    for (let i = 0; i < labels.length; i++) {
      const label = reader.objectAt(labels, i, 'labels');
      const name = label === undefined ? undefined : reader.string(label, 'name', `labels[${i}]`);
      if (name !== undefined) names.push(name);
    }
    put(waf, 'labels', names);
  }

  put(waf, 'response_code_sent', reader.integer(log, 'responseCodeSent', ''));
  put(waf, 'captcha_response', readTokenResponse(reader, log, 'captchaResponse', ''));
  // The current docs spell it challengeResponse; a translated page shows challengeResponses.
  put(waf, 'challenge_response', readTokenResponse(reader, log, log.challengeResponse === undefined ? 'challengeResponses' : 'challengeResponse', ''));
  put(waf, 'ja3_fingerprint', known(reader.string(log, 'ja3Fingerprint', '')));
  put(waf, 'ja4_fingerprint', known(reader.string(log, 'ja4Fingerprint', '')));
  put(waf, 'oversize_fields', reader.strings(log, 'oversizeFields', ''));
  const inserted = reader.array(log, 'requestHeadersInserted', '');
  if (inserted !== undefined && inserted.length > 0) {
    const headers: JsonObject[] = [];
    for (let i = 0; i < inserted.length; i++) {
      const header = reader.objectAt(inserted, i, 'requestHeadersInserted');
      if (header === undefined) continue;
      const out: JsonObject = {};
      put(out, 'name', reader.string(header, 'name', `requestHeadersInserted[${i}]`));
      put(out, 'value', reader.string(header, 'value', `requestHeadersInserted[${i}]`));
      headers.push(out);
    }
    put(waf, 'request_headers_inserted', headers);
  }
  put(waf, 'http_source_name', known(reader.string(log, 'httpSourceName', '')));
  put(waf, 'source_id', known(reader.string(log, 'httpSourceId', '')));
  put(waf, 'client_asn', reader.integer(log, 'clientAsn', ''));
  put(waf, 'forwarded_asn', reader.integer(log, 'forwardedAsn', ''));
  put(waf, 'cf_distribution_tenant_id', reader.string(log, 'cfDistributionTenantId', ''));
  record.waf = waf;

  const problems = reader.summary();
  if (problems !== undefined) record.parse_error = problems;
  return record;
}
