// The simple CloudWatch Logs filter-pattern terms: `a b` (AND), `?a ?b` (OR), `"exact phrase"`, `-exclude`, `" "` (all).
import { invalidParameter } from './validate.js';

export type MessagePredicate = (message: string) => boolean;

const MATCH_ALL: MessagePredicate = () => true;

interface Term {
  text: string;
  kind: 'required' | 'optional' | 'excluded';
}

/** Splits a pattern into terms, honouring double quotes; anything it cannot read is AWS's "Invalid filter pattern". */
function tokenize(pattern: string): Term[] {
  const terms: Term[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index] as string;
    if (char === ' ' || char === '\t') {
      index++;
      continue;
    }
    let kind: Term['kind'] = 'required';
    if (char === '?' || char === '-') {
      kind = char === '?' ? 'optional' : 'excluded';
      index++;
    }
    if (pattern[index] === '"') {
      const close = pattern.indexOf('"', index + 1);
      if (close === -1) throw invalidParameter('Invalid filter pattern');
      terms.push({ text: pattern.slice(index + 1, close), kind });
      index = close + 1;
      continue;
    }
    let end = index;
    while (end < pattern.length && pattern[end] !== ' ' && pattern[end] !== '\t') end++;
    const text = pattern.slice(index, end);
    // Unquoted terms may not contain quotes or operators; JSON `{…}` and space-delimited `[…]` patterns are not emulated.
    if (text === '' || /["{}[\]]/.test(text)) throw invalidParameter('Invalid filter pattern');
    terms.push({ text, kind });
    index = end;
  }
  return terms;
}

/** Compiles a filterPattern into a case-sensitive substring predicate (absent or blank patterns match everything). */
export function compileFilterPattern(pattern: string | undefined): MessagePredicate {
  if (pattern === undefined || pattern.trim() === '') return MATCH_ALL;
  const terms = tokenize(pattern);
  // `" "` (a quoted blank) is AWS's documented match-everything pattern.
  if (terms.length === 1 && terms[0]?.text.trim() === '') return MATCH_ALL;
  const required = terms.filter((t) => t.kind === 'required').map((t) => t.text);
  const optional = terms.filter((t) => t.kind === 'optional').map((t) => t.text);
  const excluded = terms.filter((t) => t.kind === 'excluded').map((t) => t.text);
  return (message) => {
    for (const text of required) if (!message.includes(text)) return false;
    for (const text of excluded) if (message.includes(text)) return false;
    if (optional.length > 0 && !optional.some((text) => message.includes(text))) return false;
    return true;
  };
}
