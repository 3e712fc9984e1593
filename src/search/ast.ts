// The query language's syntax tree (CONTRACT "Query language"): what the parser produces and every backend compiles.

/** A piece of a wildcard pattern: literal text, or `*` (any run) / `?` (one character). */
export type GlobPart = { text: string } | { wildcard: '*' | '?' };

export type QueryNode =
  | { kind: 'all' }
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  /** `field:*` — the field is present. */
  | { kind: 'exists'; field: string; column: number }
  /**
   * `field:value`, `field:"phrase"`, `field:val*`, or a bare word / phrase (field undefined = full text over `message`).
   * `glob` is set when the value holds an unescaped wildcard.
   */
  | { kind: 'term'; field?: string; value: string; phrase: boolean; glob?: GlobPart[]; column: number }
  /** `field:[a TO b]`, `{a TO b}`, `field:>=n` … an undefined bound is open. */
  | { kind: 'range'; field: string; low?: string; high?: string; includeLow: boolean; includeHigh: boolean; column: number };

/** Every field name the query mentions, with the column it appears at (for "unknown field" errors). */
export function fieldsOf(node: QueryNode): Array<{ field: string; column: number }> {
  switch (node.kind) {
    case 'all':
      return [];
    case 'and':
    case 'or':
      return node.children.flatMap(fieldsOf);
    case 'not':
      return fieldsOf(node.child);
    case 'term':
      return node.field === undefined ? [] : [{ field: node.field, column: node.column }];
    case 'exists':
    case 'range':
      return [{ field: node.field, column: node.column }];
  }
}
