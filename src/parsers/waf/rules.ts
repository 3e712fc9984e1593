// WAF rule evaluation details: match details, non-terminating (COUNT/CAPTCHA/CHALLENGE) matches, rule groups and rate-based rules.
import { type FieldReader, type JsonObject, put } from '../json.js';

/** `terminatingRuleMatchDetails` / `ruleMatchDetails` entries (only SQLi/XSS statements report them). */
export function readMatchDetails(reader: FieldReader, object: JsonObject, key: string, prefix: string): JsonObject[] | undefined {
  const list = reader.array(object, key, prefix);
  if (list === undefined || list.length === 0) return undefined;
  const path = prefix === '' ? key : `${prefix}.${key}`;
  const out: JsonObject[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = reader.objectAt(list, i, path);
    if (item === undefined) continue;
    const detail: JsonObject = {};
    const itemPath = `${path}[${i}]`;
    put(detail, 'condition_type', reader.string(item, 'conditionType', itemPath));
    put(detail, 'location', reader.string(item, 'location', itemPath));
    put(detail, 'sensitivity_level', reader.string(item, 'sensitivityLevel', itemPath));
    put(detail, 'matched_data', reader.strings(item, 'matchedData', itemPath));
    out.push(detail);
  }
  return out;
}

/** `captchaResponse` / `challengeResponse`: `{responseCode, solveTimestamp (epoch s), failureReason?}`. */
export function readTokenResponse(reader: FieldReader, object: JsonObject, key: string, prefix: string): JsonObject | undefined {
  const response = reader.object(object, key, prefix);
  if (response === undefined) return undefined;
  const path = prefix === '' ? key : `${prefix}.${key}`;
  const out: JsonObject = {};
  put(out, 'response_code', reader.integer(response, 'responseCode', path));
  const solveSeconds = reader.integer(response, 'solveTimestamp', path);
  // Every time on a record is in ms; WAF writes this one in epoch seconds.
  // 0 means never solved (a missing token); it is not a time.
  if (solveSeconds !== undefined && solveSeconds > 0) out.solve_time = solveSeconds * 1000;
  put(out, 'failure_reason', reader.string(response, 'failureReason', path));
  return out;
}

/** What the rule evaluation lists add to `waf.*`. */
export interface RuleLists {
  nonTerminatingRuleIds: string[];
  nonTerminatingRules: JsonObject[];
  ruleGroupIds: string[];
  excludedRuleIds: string[];
  terminatingGroupRule?: JsonObject;
  rateBasedRuleIds: string[];
  rateBasedRules: JsonObject[];
}

/** Appends the entries of a `nonTerminatingMatchingRules` array (top level, or inside one rule group). */
function readNonTerminating(reader: FieldReader, list: unknown[], path: string, ruleGroupId: string | undefined, lists: RuleLists): void {
  for (let i = 0; i < list.length; i++) {
    const item = reader.objectAt(list, i, path);
    if (item === undefined) continue;
    const itemPath = `${path}[${i}]`;
    const ruleId = reader.string(item, 'ruleId', itemPath);
    const rule: JsonObject = {};
    put(rule, 'rule_id', ruleId);
    put(rule, 'action', reader.string(item, 'action', itemPath));
    put(rule, 'overridden_action', reader.string(item, 'overriddenAction', itemPath));
    put(rule, 'rule_group_id', ruleGroupId);
    put(rule, 'rule_match_details', readMatchDetails(reader, item, 'ruleMatchDetails', itemPath));
    put(rule, 'captcha_response', readTokenResponse(reader, item, 'captchaResponse', itemPath));
    put(rule, 'challenge_response', readTokenResponse(reader, item, 'challengeResponse', itemPath));
    if (ruleId !== undefined) lists.nonTerminatingRuleIds.push(ruleId);
    lists.nonTerminatingRules.push(rule);
  }
}

function readRuleGroup(reader: FieldReader, group: JsonObject, path: string, lists: RuleLists): void {
  const ruleGroupId = reader.string(group, 'ruleGroupId', path);
  if (ruleGroupId !== undefined) lists.ruleGroupIds.push(ruleGroupId);
  const terminating = reader.object(group, 'terminatingRule', path);
  if (terminating !== undefined && lists.terminatingGroupRule === undefined) {
    const rule: JsonObject = {};
    const rulePath = `${path}.terminatingRule`;
    put(rule, 'rule_group_id', ruleGroupId);
    put(rule, 'rule_id', reader.string(terminating, 'ruleId', rulePath));
    put(rule, 'action', reader.string(terminating, 'action', rulePath));
    put(rule, 'overridden_action', reader.string(terminating, 'overriddenAction', rulePath));
    put(rule, 'rule_match_details', readMatchDetails(reader, terminating, 'ruleMatchDetails', rulePath));
    lists.terminatingGroupRule = rule;
  }
  const nonTerminating = reader.array(group, 'nonTerminatingMatchingRules', path);
  if (nonTerminating !== undefined) readNonTerminating(reader, nonTerminating, `${path}.nonTerminatingMatchingRules`, ruleGroupId, lists);
  const excluded = reader.array(group, 'excludedRules', path);
  if (excluded !== undefined) {
    for (let i = 0; i < excluded.length; i++) {
      const item = reader.objectAt(excluded, i, `${path}.excludedRules`);
      const ruleId = item === undefined ? undefined : reader.string(item, 'ruleId', `${path}.excludedRules[${i}]`);
      if (ruleId !== undefined) lists.excludedRuleIds.push(ruleId);
    }
  }
}

function readRateBasedRule(reader: FieldReader, item: JsonObject, path: string, lists: RuleLists): void {
  const rule: JsonObject = {};
  const id = reader.string(item, 'rateBasedRuleId', path);
  if (id !== undefined) lists.rateBasedRuleIds.push(id);
  put(rule, 'rule_id', id);
  put(rule, 'rule_name', reader.string(item, 'rateBasedRuleName', path));
  put(rule, 'limit_key', reader.string(item, 'limitKey', path));
  put(rule, 'limit_value', reader.string(item, 'limitValue', path));
  put(rule, 'max_rate_allowed', reader.integer(item, 'maxRateAllowed', path));
  // Documented as a string ("120"); accept a number too.
  const window = item.evaluationWindowSec;
  if (typeof window === 'number' && Number.isSafeInteger(window)) rule.evaluation_window_seconds = window;
  else if (typeof window === 'string' && /^\d{1,9}$/.test(window)) rule.evaluation_window_seconds = Number(window);
  else if (window !== undefined && window !== null) reader.problem(`${path}.evaluationWindowSec: expected a number of seconds, got ${typeof window === 'string' ? JSON.stringify(window.slice(0, 32)) : typeof window}`);
  const custom = reader.array(item, 'customValues', path);
  if (custom !== undefined && custom.length > 0) {
    const values: JsonObject[] = [];
    for (let i = 0; i < custom.length; i++) {
      const entry = reader.objectAt(custom, i, `${path}.customValues`);
      if (entry === undefined) continue;
      const value: JsonObject = {};
      const entryPath = `${path}.customValues[${i}]`;
      put(value, 'key', reader.string(entry, 'key', entryPath));
      put(value, 'name', reader.string(entry, 'name', entryPath));
      put(value, 'value', reader.string(entry, 'value', entryPath));
      values.push(value);
    }
    put(rule, 'custom_values', values);
  }
  lists.rateBasedRules.push(rule);
}

/** Walks the top-level non-terminating matches, the rule group list and the rate-based rule list. */
export function readRuleLists(reader: FieldReader, log: JsonObject): RuleLists {
  const lists: RuleLists = {
    nonTerminatingRuleIds: [],
    nonTerminatingRules: [],
    ruleGroupIds: [],
    excludedRuleIds: [],
    rateBasedRuleIds: [],
    rateBasedRules: [],
  };
  const nonTerminating = reader.array(log, 'nonTerminatingMatchingRules', '');
  if (nonTerminating !== undefined) readNonTerminating(reader, nonTerminating, 'nonTerminatingMatchingRules', undefined, lists);
  const groups = reader.array(log, 'ruleGroupList', '');
  if (groups !== undefined) {
    for (let i = 0; i < groups.length; i++) {
      const group = reader.objectAt(groups, i, 'ruleGroupList');
      if (group !== undefined) readRuleGroup(reader, group, `ruleGroupList[${i}]`, lists);
    }
  }
  const rateBased = reader.array(log, 'rateBasedRuleList', '');
  if (rateBased !== undefined) {
    for (let i = 0; i < rateBased.length; i++) {
      const item = reader.objectAt(rateBased, i, 'rateBasedRuleList');
      if (item !== undefined) readRateBasedRule(reader, item, `rateBasedRuleList[${i}]`, lists);
    }
  }
  return lists;
}
