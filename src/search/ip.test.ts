import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from './ip.js';

/** The definition parseIpv4 implements without a regex: four groups of 1–3 ASCII digits, each ≤ 255. */
function reference(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.some((octet) => octet > 255) ? undefined : octets.reduce((value, octet) => value * 256 + octet, 0);
}

describe('parseIpv4', () => {
  it('reads exactly the dotted quads the regex definition reads', () => {
    const candidates = fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.stringMatching(/^[0-9.]{0,16}$/), fc.string({ maxLength: 16 }));
    fc.assert(fc.property(candidates, (text) => {
      expect(parseIpv4(text)).toBe(reference(text));
    }), { numRuns: 5000 });
  });

  it('handles the edges', () => {
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(parseIpv4('0.0.0.0')).toBe(0);
    expect(parseIpv4('001.002.003.004')).toBe(16909060);
    for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', '.1.2.3', '1.2.3.', ' 1.2.3.4', '１.2.3.4', '1.2.3.1000']) expect(parseIpv4(bad), bad).toBeUndefined();
  });
});
