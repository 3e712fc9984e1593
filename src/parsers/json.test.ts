// The shared JSON reading helpers: one parse, typed reads that report problems with paths, strict ISO-8601 times.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldReader, isPresent, parseIsoTime, parseJsonObject } from './json.js';

describe('parseJsonObject', () => {
  it('accepts only a JSON object and says what else it got', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonObject('')).toEqual({ ok: false, error: 'empty message: expected a JSON object' });
    expect(parseJsonObject('null')).toEqual({ ok: false, error: 'expected a JSON object, got null' });
    expect(parseJsonObject('[]')).toEqual({ ok: false, error: 'expected a JSON object, got array' });
    expect(parseJsonObject('1e400')).toEqual({ ok: false, error: 'expected a JSON object, got a number out of range' });
    const truncated = parseJsonObject('{"a":');
    expect(truncated.ok).toBe(false);
    expect(!truncated.ok && truncated.error).toMatch(/^invalid JSON: /);
  });
});

describe('FieldReader', () => {
  it('reads null and missing as absent, reports wrong types with the dotted path', () => {
    const reader = new FieldReader();
    const object = { s: 'x', n: Number.POSITIVE_INFINITY, i: 1.5, nil: null, o: [], b: 'true' } as Record<string, unknown>;
    expect(reader.string(object.s, 's', 'top')).toBe('x');
    expect(reader.string(object.nil, 'nil', 'top')).toBeUndefined();
    expect(reader.string(object.absent, 'absent', 'top')).toBeUndefined();
    expect(reader.number(object.n, 'n', 'top')).toBeUndefined();
    expect(reader.integer(object.i, 'i', '')).toBeUndefined();
    expect(reader.object(object.o, 'o', 'top')).toBeUndefined();
    expect(reader.boolean(object.b, 'b', 'top')).toBeUndefined();
    expect(reader.requiredString(object.absent, 'absent', 'top')).toBeUndefined();
    expect(reader.problems).toEqual([
      'top.n: expected a finite number, got a number out of range',
      'i: expected an integer, got number',
      'top.o: expected an object, got array',
      'top.b: expected a boolean, got string',
      'missing field top.absent',
    ]);
    expect(reader.summary()).toContain('; ');
    expect(new FieldReader().summary()).toBeUndefined();
  });
});

describe('FieldReader element reads', () => {
  it('name the element path `prefix[index].key` only when a value is wrong, like the prefix-string reads', () => {
    const reader = new FieldReader();
    expect(reader.stringAt('x', 'headers', 3, 'name')).toBe('x');
    expect(reader.stringAt(null, 'headers', 3, 'name')).toBeUndefined();
    expect(reader.stringAt(undefined, 'headers', 3, 'name')).toBeUndefined();
    expect(reader.problems).toEqual([]);
    expect(reader.stringAt(7, 'headers', 3, 'name')).toBeUndefined();
    expect(reader.stringsAt(['a', 1, 'b'], 'details', 0, 'matchedData')).toEqual(['a', 'b']);
    expect(reader.stringsAt({}, 'details', 1, 'matchedData')).toBeUndefined();
    const same = new FieldReader();
    same.string(7, 'name', 'headers[3]');
    same.strings(['a', 1, 'b'], 'matchedData', 'details[0]');
    same.strings({}, 'matchedData', 'details[1]');
    expect(reader.problems).toEqual(same.problems);
    expect(reader.problems[0]).toBe('headers[3].name: expected a string, got number');
  });
});

describe('parseIsoTime', () => {
  it('reads the forms AWS writes, with and without milliseconds and offsets', () => {
    expect(parseIsoTime('2018-01-08T00:52:34.750Z')).toBe(Date.UTC(2018, 0, 8, 0, 52, 34, 750));
    expect(parseIsoTime('2024-06-01T12:00:00Z')).toBe(Date.UTC(2024, 5, 1, 12));
    expect(parseIsoTime('2024-06-01T12:00:00.123456Z')).toBe(Date.UTC(2024, 5, 1, 12, 0, 0, 123));
    expect(parseIsoTime('2024-06-01T14:00:00+02:00')).toBe(Date.UTC(2024, 5, 1, 12));
    expect(parseIsoTime('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('rejects free-form dates and impossible calendar values instead of rolling them over', () => {
    for (const text of ['1 Jan 2020', '2024-02-30T00:00:00Z', '2023-02-29T00:00:00.000Z', '2024-13-01T00:00:00Z', '2024-06-01T24:00:00Z', '2024-06-01 12:00:00Z', '2024-06-01T12:00:00.1a3Z', '', '2024-06-01']) {
      expect(parseIsoTime(text), text).toBeUndefined();
    }
  });

  it('agrees with Date.parse on every valid UTC time in both fast-path shapes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date(4_102_444_800_000), noInvalidDate: true }), (date) => {
        const withMilliseconds = date.toISOString();
        const withoutMilliseconds = `${withMilliseconds.slice(0, 19)}Z`;
        return parseIsoTime(withMilliseconds) === date.getTime() && parseIsoTime(withoutMilliseconds) === Date.parse(withoutMilliseconds);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isPresent', () => {
  it('rejects undefined and empty arrays, keeps every other value', () => {
    expect([undefined, [], '', 0, false, [1], {}].map((value) => isPresent(value))).toEqual([false, false, true, true, true, true, true]);
  });
});
