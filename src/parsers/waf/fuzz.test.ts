// Property test: 100,000 generated WAF logs, valid and damaged, each give exactly one record with the message intact.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWaf } from './index.js';
import { applyMutation, contractViolation, mutationArbitrary } from './testdata/json-mutations.js';

const text = fc.string({ maxLength: 12 });
const ruleId = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
const matchDetail = fc.record({
  conditionType: fc.constantFrom('SQL_INJECTION', 'XSS'),
  sensitivityLevel: fc.constantFrom('LOW', 'HIGH'),
  location: fc.constantFrom('HEADER', 'QUERY_STRING', 'URI', 'BODY', 'UNKNOWN'),
  matchedData: fc.array(text, { maxLength: 3 }),
}, { requiredKeys: ['conditionType', 'location'] });
const tokenResponse = fc.record({
  responseCode: fc.constantFrom(0, 202, 405),
  solveTimestamp: fc.integer({ min: 0, max: 2_000_000_000 }),
  failureReason: fc.constantFrom('TOKEN_MISSING', 'TOKEN_EXPIRED', 'TOKEN_INVALID'),
}, { requiredKeys: ['responseCode'] });
const nonTerminating = fc.record({
  ruleId,
  action: fc.constantFrom('COUNT', 'CAPTCHA', 'CHALLENGE'),
  overriddenAction: fc.constantFrom('BLOCK', 'COUNT'),
  ruleMatchDetails: fc.oneof(fc.constant(null), fc.array(matchDetail, { maxLength: 1 })),
  captchaResponse: tokenResponse,
}, { requiredKeys: ['ruleId', 'action'] });

/** Documents in the shape AWS documents (formatVersion 1), with optional parts present or not. */
const wafLog = fc.record({
  timestamp: fc.integer({ min: 0, max: 4_000_000_000_000 }),
  formatVersion: fc.constant(1),
  webaclId: fc.tuple(fc.constantFrom('us-east-1', 'eu-west-1'), ruleId).map(([region, name]) => `arn:aws:wafv2:${region}:123456789012:regional/webacl/${name}/abc`),
  terminatingRuleId: ruleId,
  terminatingRuleType: fc.constantFrom('REGULAR', 'RATE_BASED', 'GROUP', 'MANAGED_RULE_GROUP'),
  action: fc.constantFrom('ALLOW', 'BLOCK', 'CAPTCHA', 'CHALLENGE'),
  terminatingRuleMatchDetails: fc.array(matchDetail, { maxLength: 2 }),
  httpSourceName: fc.constantFrom('ALB', 'CF', 'APIGW', '-'),
  httpSourceId: text,
  ruleGroupList: fc.array(fc.record({
    ruleGroupId: ruleId,
    terminatingRule: fc.oneof(fc.constant(null), fc.record({ ruleId, action: fc.constantFrom('BLOCK', 'ALLOW'), ruleMatchDetails: fc.constant(null) })),
    nonTerminatingMatchingRules: fc.array(nonTerminating, { maxLength: 2 }),
    excludedRules: fc.oneof(fc.constant(null), fc.array(fc.record({ exclusionType: fc.constant('EXCLUDED_AS_COUNT'), ruleId }), { maxLength: 2 })),
  }), { maxLength: 2 }),
  rateBasedRuleList: fc.array(fc.record({
    rateBasedRuleId: ruleId,
    rateBasedRuleName: ruleId,
    limitKey: fc.constantFrom('IP', 'FORWARDED_IP', 'CUSTOMKEYS', 'CONSTANT'),
    maxRateAllowed: fc.integer({ min: 10, max: 2_000_000_000 }),
    evaluationWindowSec: fc.constantFrom('60', '120', '300', '600'),
    limitValue: fc.ipV4(),
  }, { requiredKeys: ['rateBasedRuleId', 'limitKey', 'maxRateAllowed'] }), { maxLength: 1 }),
  nonTerminatingMatchingRules: fc.array(nonTerminating, { maxLength: 2 }),
  requestHeadersInserted: fc.oneof(fc.constant(null), fc.array(fc.record({ name: text, value: text }), { maxLength: 1 })),
  responseCodeSent: fc.oneof(fc.constant(null), fc.constantFrom(200, 403, 405, 429)),
  httpRequest: fc.record({
    clientIp: fc.oneof(fc.ipV4(), fc.ipV6()),
    country: fc.constantFrom('US', 'DE', '-'),
    headers: fc.array(fc.record({ name: fc.oneof(fc.constantFrom('Host', 'User-Agent', 'user-agent', 'Referer', 'X-Forwarded-For'), text), value: fc.string({ unit: 'binary', maxLength: 16 }) }), { maxLength: 4 }),
    uri: text,
    args: text,
    httpVersion: fc.constantFrom('HTTP/1.1', 'HTTP/2.0'),
    httpMethod: fc.constantFrom('GET', 'POST', 'REDACTED'),
    requestId: fc.oneof(fc.constant('null'), text),
  }, { requiredKeys: ['clientIp'] }),
  labels: fc.array(fc.record({ name: text }), { maxLength: 3 }),
  captchaResponse: tokenResponse,
  challengeResponse: tokenResponse,
  oversizeFields: fc.array(fc.constantFrom('REQUEST_BODY', 'REQUEST_JSON_BODY', 'REQUEST_HEADERS', 'REQUEST_COOKIES'), { maxLength: 2 }),
  ja3Fingerprint: fc.stringMatching(/^[0-9a-f]{32}$/),
  ja4Fingerprint: text,
}, { requiredKeys: ['timestamp', 'formatVersion', 'webaclId', 'terminatingRuleId', 'terminatingRuleType', 'action', 'httpRequest'] });

describe('parseWaf on generated and damaged input', () => {
  it('never throws, returns one record per message, keeps the message, and reads undamaged logs cleanly', () => {
    // Generating rich documents is the slow part, so 2,000 of them are each damaged many ways (100,000 inputs in all).
    const poolSeed = Date.now();
    const pool = fc.sample(wafLog, { numRuns: 2_000, seed: poolSeed });
    const texts = pool.map((document) => JSON.stringify(document));
    fc.assert(
      fc.property(fc.nat(pool.length - 1), mutationArbitrary, (index, mutation) => {
        const document = pool[index]!;
        const message = applyMutation(texts[index]!, mutation);
        const record = parseWaf({ timestamp: 1, message }, {});
        const violation = contractViolation(record, message, 'aws_cloudwatch_waf');
        if (violation !== undefined) throw new Error(`${violation} (pool seed ${poolSeed})`);
        if (mutation.kind === 'none') {
          if (record.parse_error !== undefined) throw new Error(`valid log rejected: ${record.parse_error} (pool seed ${poolSeed})`);
          if (record.action !== document.action || record.srcip !== document.httpRequest.clientIp) throw new Error(`valid log misread (pool seed ${poolSeed})`);
        }
      }),
      { numRuns: 100_000 },
    );
    expect(pool).toHaveLength(2_000);
  }, 60_000);
});
