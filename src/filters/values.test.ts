// globMatcher against a RegExp reference, IPv4 keys against the search parser's, and code point text order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GlobPart } from '../search/ast.js';
import { parseIpv4 } from '../search/ip.js';
import { compareText, globMatcher, ipv4Key } from './values.js';

const reference = (glob: GlobPart[], anchored: boolean) => {
  const body = glob.map((p) => ('wildcard' in p ? (p.wildcard === '*' ? '[^]*' : '[^]') : p.text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&'))).join('');
  const pattern = new RegExp(anchored ? `^(?:${body})$` : body, 'u');
  return (text: string) => pattern.test(text);
};

const alphabet = fc.constantFrom('a', 'b', 'ab', '.', '😀', 'é');
const part: fc.Arbitrary<GlobPart> = fc.oneof(alphabet.map((text) => ({ text })), fc.constantFrom<GlobPart>({ wildcard: '*' }, { wildcard: '?' }));

describe('filter value helpers', () => {
  it('globMatcher agrees with a RegExp reference, anchored or not', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), fc.array(alphabet, { maxLength: 8 }).map((a) => a.join('')), fc.boolean(), (glob, text, anchored) => {
        expect(globMatcher(glob, anchored)(text)).toBe(reference(glob, anchored)(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('ipv4Key gives the IPv4 column key of a string, and -1 for anything else', () => {
    expect(ipv4Key('10.1.2.3')).toBe(parseIpv4('10.1.2.3'));
    for (const other of ['::1', 'host', 167838211, null, undefined, ['10.1.2.3']]) expect(ipv4Key(other)).toBe(-1);
  });

  it('orders text by code point as SQLite does, not by UTF-16 unit', () => {
    expect(compareText('\uffff', '😀')).toBeLessThan(0);
    expect('\uffff' < '😀').toBe(false);
    expect(compareText('a', 'ab')).toBeLessThan(0);
    expect(compareText('b', 'ab')).toBeGreaterThan(0);
  });
});
