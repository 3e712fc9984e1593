// Test helper (kept under testdata/ so the build leaves it out): fast-check arbitraries that damage a valid JSON document the ways real input breaks.
import fc from 'fast-check';

/** How a generated document was damaged, so a failing case says what it was. */
export type Mutation =
  | { kind: 'none' }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap-type'; at: number; value: unknown }
  | { kind: 'delete-key'; at: number }
  | { kind: 'insert-text'; at: number; text: string }
  | { kind: 'overflow'; at: number };

/** Values of every JSON type, to put where another type belongs. */
const anyJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.constant('high'),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 2 }),
);

/** Text that breaks parsers: control characters, replacement characters from bad UTF-8, lone surrogates, JSON punctuation. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
  fc.constantFrom('\u0000', '\u0001\u001f', '\ufffd\ufffd', '\ud800', '\udfff', '"', '\\', '{', '}]', ',', ':', '\n', '\u2028', '1e400'),
);

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Mutation>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.nat().map<Mutation>((at) => ({ kind: 'truncate', at })) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(), anyJsonValue).map<Mutation>(([at, value]) => ({ kind: 'swap-type', at, value })) },
  { weight: 2, arbitrary: fc.nat().map<Mutation>((at) => ({ kind: 'delete-key', at })) },
  { weight: 2, arbitrary: fc.tuple(fc.nat(), hostileText).map<Mutation>(([at, text]) => ({ kind: 'insert-text', at, text })) },
  { weight: 1, arbitrary: fc.nat().map<Mutation>((at) => ({ kind: 'overflow', at })) },
);

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every (container, key) pair in a parsed document, depth first. */
function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push({ parent: value, key: index });
      slots(item, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key });
      slots(item, out);
    }
  }
  return out;
}

/** Applies one mutation to a document's JSON text and returns the message a parser would receive. */
export function applyMutation(text: string, mutation: Mutation): string {
  switch (mutation.kind) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, mutation.at % text.length);
    case 'insert-text': {
      const at = mutation.at % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'overflow': {
      // Replace one number literal with one that does not fit a double.
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
      const hit = numbers[mutation.at % Math.max(numbers.length, 1)];
      if (hit === undefined || hit.index === undefined) return `${text.slice(0, -1)},"x":1e400}`;
      return text.slice(0, hit.index) + '1e400' + text.slice(hit.index + hit[0].length);
    }
    case 'swap-type':
    case 'delete-key': {
      const copy = JSON.parse(text) as unknown;
      const all = slots(copy);
      const slot = all[mutation.at % Math.max(all.length, 1)];
      if (slot === undefined) return text;
      if (mutation.kind === 'swap-type') (slot.parent as Record<string | number, unknown>)[slot.key] = mutation.value;
      else if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      return JSON.stringify(copy);
    }
  }
}

/** Asserts the parser contract on one record; returns a reason when it is broken, else undefined. */
export function contractViolation(record: { message: unknown; parse_error?: unknown; msg_class: unknown }, message: string, msgClass: string): string | undefined {
  if (record.message !== message) return 'message changed';
  if (record.msg_class !== msgClass) return `msg_class ${String(record.msg_class)}`;
  if (record.parse_error !== undefined && (typeof record.parse_error !== 'string' || record.parse_error === '')) return 'parse_error is not a non-empty string';
  // Absent values are omitted: no null, undefined, NaN or Infinity anywhere in the record.
  const stack: unknown[] = [record];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || value === undefined) return 'null or undefined value in the record';
    if (typeof value === 'number' && !Number.isFinite(value)) return 'non-finite number in the record';
    if (typeof value === 'object') stack.push(...Object.values(value as object));
  }
  return undefined;
}
