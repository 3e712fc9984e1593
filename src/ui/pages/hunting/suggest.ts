// Field-name suggestions for the query box: the word being typed at the caret, the fields that match it, and inserting one.

/** A field the box can suggest: from the API's catalog (with its meaning) or seen in the results on screen. */
export interface FieldChoice {
  name: string;
  description: string;
  /** The indices whose records carry it (`syslog`, `traffic`). */
  indices: readonly string[];
}

const fieldCharacter = /[A-Za-z0-9_.]/;

/**
 * The field name being typed: the run of field characters ending at the caret, where a field may begin (the query's
 * start, after a space or an opening parenthesis) and not inside a quoted phrase or a `[a TO b]` range. Undefined
 * elsewhere: after `field:` the user types a value, not a field.
 */
export function fieldTokenAt(query: string, caret: number): { start: number; text: string } | undefined {
  if (caret < 1 || caret > query.length) return undefined;
  if (caret < query.length && fieldCharacter.test(query[caret] as string)) return undefined;
  let start = caret;
  while (start > 0 && fieldCharacter.test(query[start - 1] as string)) start -= 1;
  if (start === caret) return undefined;
  const before = start === 0 ? '' : (query[start - 1] as string);
  if (before !== '' && before !== '(' && !/\s/.test(before)) return undefined;
  let quoted = false;
  let ranges = 0;
  for (let i = 0; i < start; i += 1) {
    const character = query[i];
    if (character === '\\') i += 1;
    else if (character === '"') quoted = !quoted;
    else if (!quoted && (character === '[' || character === '{')) ranges += 1;
    else if (!quoted && (character === ']' || character === '}')) ranges = Math.max(0, ranges - 1);
  }
  if (quoted || ranges > 0) return undefined;
  return { start, text: query.slice(start, caret) };
}

/**
 * Fields of the chosen indices that start with `typed` (any case), then those with a later dotted part starting with
 * it (`tcp` finds `vpcflow.tcp_flags`); alphabetical within each group, at most `limit`.
 */
export function suggestFields(fields: readonly FieldChoice[], typed: string, indices: readonly string[], limit = 8): FieldChoice[] {
  const wanted = typed.toLowerCase();
  const starts: FieldChoice[] = [];
  const inside: FieldChoice[] = [];
  for (const field of fields) {
    if (!field.indices.some((index) => indices.includes(index))) continue;
    const name = field.name.toLowerCase();
    if (name.startsWith(wanted)) starts.push(field);
    else if (name.split('.').slice(1).some((part) => part.startsWith(wanted))) inside.push(field);
  }
  const byName = (a: FieldChoice, b: FieldChoice) => a.name.localeCompare(b.name);
  return [...starts.sort(byName), ...inside.sort(byName)].slice(0, limit);
}

/** The query with the typed word replaced by `name:`, and where the caret goes (right after the colon). */
export function insertField(query: string, token: { start: number; text: string }, name: string): { query: string; caret: number } {
  const inserted = `${name}:`;
  return { query: query.slice(0, token.start) + inserted + query.slice(token.start + token.text.length), caret: token.start + inserted.length };
}

/** The catalog's fields, then fields only seen in the records on screen (a parser's extras, a JSON log's keys). */
export function withSeenFields(catalog: readonly FieldChoice[], seen: ReadonlyArray<{ field: string; index: string }>): FieldChoice[] {
  const byName = new Map(catalog.map((field) => [field.name, field]));
  const extra = new Map<string, Set<string>>();
  for (const { field, index } of seen) {
    if (byName.has(field)) continue;
    const indices = extra.get(field) ?? new Set<string>();
    indices.add(index);
    extra.set(field, indices);
  }
  return [...catalog, ...[...extra].map(([name, indices]) => ({ name, description: 'in these results', indices: [...indices] }))];
}
