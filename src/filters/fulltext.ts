// Bare words over `message` as the store answers them: FTS5 token phrases on syslog records, a substring scan on traffic.
import type { QueryNode } from '../search/ast.js';
import { asciiLower, globMatcher } from './values.js';

type TextPredicate = (message: string) => boolean;
type TermNode = Extract<QueryNode, { kind: 'term' }>;

/**
 * Approximates FTS5's unicode61 tokenizer with remove_diacritics 2: tokens are runs of letters, digits, private-use
 * characters (and combining marks, which are then dropped), folded to lower case without diacritics.
 */
const tokenPattern = /[\p{L}\p{N}\p{Co}\p{M}]+/gu;

function fold(token: string): string {
  // Pure ASCII tokens (nearly all of them in logs) skip normalization.
  if (/^[\x00-\x7f]*$/.test(token)) return token.toLowerCase();
  return token.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(tokenPattern)) {
    const folded = fold(match[0]);
    if (folded !== '') tokens.push(folded);
  }
  return tokens;
}

/** FTS5 `"tokens…"` (or `"tokens…" *`: the last token is a prefix): the tokens appear consecutively in the message. */
function phrasePredicate(literal: string, prefix: boolean): TextPredicate {
  const wanted = tokenize(literal);
  const last = wanted.length - 1;
  return (message) => {
    // Cheap rejection first: every folded ASCII query token must occur in the ASCII-lowered message.
    if (/^[\x00-\x7f]*$/.test(message)) {
      const lower = message.toLowerCase();
      for (const token of wanted) if (!lower.includes(token)) return false;
    }
    const tokens = tokenize(message);
    for (let start = 0; start + wanted.length <= tokens.length; start += 1) {
      let ok = true;
      for (let i = 0; i <= last; i += 1) {
        const token = tokens[start + i] as string;
        const want = wanted[i] as string;
        if (i === last && prefix ? !token.startsWith(want) : token !== want) {
          ok = false;
          break;
        }
      }
      if (ok) return true;
    }
    return false;
  };
}

function isPrefixGlob(node: TermNode): boolean {
  const glob = node.glob;
  return glob !== undefined && glob.length === 2 && 'text' in (glob[0] as object) && (glob[1] as { wildcard?: string }).wildcard === '*';
}

/**
 * The two predicates the store would use for this term: `fts` on syslog partitions, `scan` on traffic partitions
 * (src/search/sqlite/compile.ts fullText). Both take the record's message.
 */
export function fullTextPredicates(node: TermNode): { fts: TextPredicate; scan: TextPredicate } {
  let scan: TextPredicate;
  if (node.glob) {
    const pattern = globMatcher(node.glob, false);
    scan = pattern;
  } else {
    const needle = node.value.toLowerCase();
    scan = (message) => asciiLower(message).includes(needle);
  }
  let fts = scan;
  if (!node.glob || isPrefixGlob(node)) {
    const literal = node.glob ? (node.glob[0] as { text: string }).text : node.value;
    if (literal.trim() !== '' && /[\p{L}\p{N}]/u.test(literal)) fts = phrasePredicate(literal, node.glob !== undefined);
  }
  return { fts, scan };
}
