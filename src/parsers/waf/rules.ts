// WAF rule evaluation details: match details, non-terminating (COUNT/CAPTCHA/CHALLENGE) matches, rule groups and rate-based rules.
import { type FieldReader, type JsonObject , isPresent } from '../json.js';

/** `terminatingRuleMatchDetails` / `ruleMatchDetails` entries (only SQLi/XSS statements report them). */
export function readMatchDetails(reader: FieldReader, value: unknown, key: string, prefix: string): JsonObject[] | undefined {
  // The caller reads the field (`item.ruleMatchDetails`): a named load per call site stays monomorphic, `object[key]` would not.
  const list = reader.array(value, key, prefix);
  if (list === undefined || list.length === 0) return undefined;
  const path = prefix === '' ? key : `${prefix}.${key}`;
  const out: JsonObject[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = reader.objectAt(list, i, path);
    if (item === undefined) continue;
    const detail: JsonObject = {};
    { const value = reader.stringAt(item.conditionType, path, i, 'conditionType'); if (value !== undefined) detail.condition_type = value; }
    { const value = reader.stringAt(item.location, path, i, 'location'); if (value !== undefined) detail.location = value; }
    { const value = reader.stringAt(item.sensitivityLevel, path, i, 'sensitivityLevel'); if (value !== undefined) detail.sensitivity_level = value; }
    { const value = reader.stringsAt(item.matchedData, path, i, 'matchedData'); if (isPresent(value)) detail.matched_data = value; }
    out.push(detail);
  }
  return out;
}

/** `captchaResponse` / `challengeResponse`: `{responseCode, solveTimestamp (epoch s), failureReason?}`. */
export function readTokenResponse(reader: FieldReader, value: unknown, key: string, prefix: string): JsonObject | undefined {
  const response = reader.object(value, key, prefix);
  if (response === undefined) return undefined;
  const path = prefix === '' ? key : `${prefix}.${key}`;
  const out: JsonObject = {};
  { const value = reader.integer(response.responseCode, 'responseCode', path); if (value !== undefined) out.response_code = value; }
  const solveSeconds = reader.integer(response.solveTimestamp, 'solveTimestamp', path);
  // Every time on a record is in ms; WAF writes this one in epoch seconds.
  // 0 means never solved (a missing token); it is not a time.
  if (solveSeconds !== undefined && solveSeconds > 0) out.solve_time = solveSeconds * 1000;
  { const value = reader.string(response.failureReason, 'failureReason', path); if (value !== undefined) out.failure_reason = value; }
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
    const ruleId = reader.stringAt(item.ruleId, path, i, 'ruleId');
    const rule: JsonObject = {};
    { const value = ruleId; if (value !== undefined) rule.rule_id = value; }
    { const value = reader.stringAt(item.action, path, i, 'action'); if (value !== undefined) rule.action = value; }
    { const value = reader.stringAt(item.overriddenAction, path, i, 'overriddenAction'); if (value !== undefined) rule.overridden_action = value; }
    { const value = ruleGroupId; if (value !== undefined) rule.rule_group_id = value; }
    // The nested readers are only handed the item's path (a string built per item) when there is something to read.
    { const value = item.ruleMatchDetails == null ? undefined : readMatchDetails(reader, item.ruleMatchDetails, 'ruleMatchDetails', `${path}[${i}]`); if (isPresent(value)) rule.rule_match_details = value; }
    { const value = item.captchaResponse == null ? undefined : readTokenResponse(reader, item.captchaResponse, 'captchaResponse', `${path}[${i}]`); if (isPresent(value)) rule.captcha_response = value; }
    { const value = item.challengeResponse == null ? undefined : readTokenResponse(reader, item.challengeResponse, 'challengeResponse', `${path}[${i}]`); if (isPresent(value)) rule.challenge_response = value; }
    if (ruleId !== undefined) lists.nonTerminatingRuleIds.push(ruleId);
    lists.nonTerminatingRules.push(rule);
  }
}

function readRuleGroup(reader: FieldReader, group: JsonObject, path: string, lists: RuleLists): void {
  const ruleGroupId = reader.string(group.ruleGroupId, 'ruleGroupId', path);
  if (ruleGroupId !== undefined) lists.ruleGroupIds.push(ruleGroupId);
  const terminating = reader.object(group.terminatingRule, 'terminatingRule', path);
  if (terminating !== undefined && lists.terminatingGroupRule === undefined) {
    const rule: JsonObject = {};
    const rulePath = `${path}.terminatingRule`;
    { const value = ruleGroupId; if (value !== undefined) rule.rule_group_id = value; }
    { const value = reader.string(terminating.ruleId, 'ruleId', rulePath); if (value !== undefined) rule.rule_id = value; }
    { const value = reader.string(terminating.action, 'action', rulePath); if (value !== undefined) rule.action = value; }
    { const value = reader.string(terminating.overriddenAction, 'overriddenAction', rulePath); if (value !== undefined) rule.overridden_action = value; }
    { const value = readMatchDetails(reader, terminating.ruleMatchDetails, 'ruleMatchDetails', rulePath); if (isPresent(value)) rule.rule_match_details = value; }
    lists.terminatingGroupRule = rule;
  }
  const nonTerminating = reader.array(group.nonTerminatingMatchingRules, 'nonTerminatingMatchingRules', path);
  if (nonTerminating !== undefined) readNonTerminating(reader, nonTerminating, `${path}.nonTerminatingMatchingRules`, ruleGroupId, lists);
  const excluded = reader.array(group.excludedRules, 'excludedRules', path);
  if (excluded !== undefined) {
    for (let i = 0; i < excluded.length; i++) {
      const item = reader.objectAt(excluded, i, `${path}.excludedRules`);
      const ruleId = item === undefined ? undefined : reader.string(item.ruleId, 'ruleId', `${path}.excludedRules[${i}]`);
      if (ruleId !== undefined) lists.excludedRuleIds.push(ruleId);
    }
  }
}

function readRateBasedRule(reader: FieldReader, item: JsonObject, path: string, lists: RuleLists): void {
  const rule: JsonObject = {};
  const id = reader.string(item.rateBasedRuleId, 'rateBasedRuleId', path);
  if (id !== undefined) lists.rateBasedRuleIds.push(id);
  { const value = id; if (value !== undefined) rule.rule_id = value; }
  { const value = reader.string(item.rateBasedRuleName, 'rateBasedRuleName', path); if (value !== undefined) rule.rule_name = value; }
  { const value = reader.string(item.limitKey, 'limitKey', path); if (value !== undefined) rule.limit_key = value; }
  { const value = reader.string(item.limitValue, 'limitValue', path); if (value !== undefined) rule.limit_value = value; }
  { const value = reader.integer(item.maxRateAllowed, 'maxRateAllowed', path); if (value !== undefined) rule.max_rate_allowed = value; }
  // Documented as a string ("120"); accept a number too.
  const window = item.evaluationWindowSec;
  if (typeof window === 'number' && Number.isSafeInteger(window)) rule.evaluation_window_seconds = window;
  else if (typeof window === 'string' && /^\d{1,9}$/.test(window)) rule.evaluation_window_seconds = Number(window);
  else if (window !== undefined && window !== null) reader.problem(`${path}.evaluationWindowSec: expected a number of seconds, got ${typeof window === 'string' ? JSON.stringify(window.slice(0, 32)) : typeof window}`);
  const custom = reader.array(item.customValues, 'customValues', path);
  if (custom !== undefined && custom.length > 0) {
    const values: JsonObject[] = [];
    for (let i = 0; i < custom.length; i++) {
      const entry = reader.objectAt(custom, i, `${path}.customValues`);
      if (entry === undefined) continue;
      const customValue: JsonObject = {};
      const entryPath = `${path}.customValues[${i}]`;
      { const value = reader.string(entry.key, 'key', entryPath); if (value !== undefined) customValue.key = value; }
      { const value = reader.string(entry.name, 'name', entryPath); if (value !== undefined) customValue.name = value; }
      { const value = reader.string(entry.value, 'value', entryPath); if (value !== undefined) customValue.value = value; }
      values.push(customValue);
    }
    { const value = values; if (value.length > 0) rule.custom_values = value; }
  }
  lists.rateBasedRules.push(rule);
}

/** What most logs give: no rule matched but the terminating one. Shared and frozen; nothing appends to it. */
const noRuleLists: RuleLists = Object.freeze({
  nonTerminatingRuleIds: Object.freeze([]) as unknown as string[],
  nonTerminatingRules: Object.freeze([]) as unknown as JsonObject[],
  ruleGroupIds: Object.freeze([]) as unknown as string[],
  excludedRuleIds: Object.freeze([]) as unknown as string[],
  rateBasedRuleIds: Object.freeze([]) as unknown as string[],
  rateBasedRules: Object.freeze([]) as unknown as JsonObject[],
});

/** Absent, `null` or `[]`: a list that can neither add entries nor be reported as the wrong type. */
function isEmptyList(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** Walks the top-level non-terminating matches, the rule group list and the rate-based rule list. */
export function readRuleLists(reader: FieldReader, log: JsonObject): RuleLists {
  // Skips seven allocations per log in the common case; anything else takes the full walk below.
  if (isEmptyList(log.nonTerminatingMatchingRules) && isEmptyList(log.ruleGroupList) && isEmptyList(log.rateBasedRuleList)) return noRuleLists;
  const lists: RuleLists = {
    nonTerminatingRuleIds: [],
    nonTerminatingRules: [],
    ruleGroupIds: [],
    excludedRuleIds: [],
    rateBasedRuleIds: [],
    rateBasedRules: [],
  };
  const nonTerminating = reader.array(log.nonTerminatingMatchingRules, 'nonTerminatingMatchingRules', '');
  if (nonTerminating !== undefined) readNonTerminating(reader, nonTerminating, 'nonTerminatingMatchingRules', undefined, lists);
  const groups = reader.array(log.ruleGroupList, 'ruleGroupList', '');
  if (groups !== undefined) {
    for (let i = 0; i < groups.length; i++) {
      const group = reader.objectAt(groups, i, 'ruleGroupList');
      if (group !== undefined) readRuleGroup(reader, group, `ruleGroupList[${i}]`, lists);
    }
  }
  const rateBased = reader.array(log.rateBasedRuleList, 'rateBasedRuleList', '');
  if (rateBased !== undefined) {
    for (let i = 0; i < rateBased.length; i++) {
      const item = reader.objectAt(rateBased, i, 'rateBasedRuleList');
      if (item !== undefined) readRateBasedRule(reader, item, `rateBasedRuleList[${i}]`, lists);
    }
  }
  return lists;
}
