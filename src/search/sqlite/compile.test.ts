// The SQLite compiler: query values only ever reach SQL as bound parameters, and bad values fail with a 400.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QueryError } from '../errors.js';
import { parseIp, parseCidr, formatIpv4 } from '../ip.js';
import { parseQuery } from '../parser.js';
import { compileWhere } from './compile.js';

const compile = (query: string) => compileWhere(parseQuery(query), { fullText: 'fts' });

describe('compileWhere', () => {
  it('produces the same SQL text whatever the values: values are only parameters', () => {
    const value = fc.string({ minLength: 1, maxLength: 40 });
    const shapes = ['action:"V"', 'vpcflow.tcp_flags:"V"', 'message:"V"', '"V"', 'http.uri:"V"*'];
    fc.assert(
      fc.property(value, fc.constantFrom(...shapes), (text, shape) => {
        const escaped = text.replace(/["\\]/g, (c) => `\\${c}`);
        // Values that look like numbers or booleans also match JSON numbers/booleans: one more (parameterized) alternative.
        const looksNumeric = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text);
        const sameClass = looksNumeric ? '1' : text === 'true' || text === 'false' ? 'true' : 'x';
        const reference = compile(shape.replace('V', () => sameClass));
        const compiled = compile(shape.replace('V', () => escaped));
        if (shape.startsWith('"') || shape.startsWith('message')) {
          // Words without letters or digits cannot use the FTS index and fall back to a substring scan.
          expect([reference.sql, compile(shape.replace('V', '-')).sql]).toContain(compiled.sql);
        } else {
          expect(compiled.sql).toBe(reference.sql);
        }
        if (shape === 'action:"V"' || shape === 'vpcflow.tcp_flags:"V"') expect(compiled.params).toContain(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('maps IPs and CIDR blocks to integer ranges, and rejects bad ones with a 400', () => {
    expect(compile('srcip:10.0.0.0/8')).toEqual({ sql: '(srcip_num BETWEEN ? AND ?)', params: [167772160, 184549375] });
    expect(compile('dstip:"192.168.1.7"')).toEqual({ sql: '(dstip_num = ?)', params: [3232235783] });
    expect(compile('srcip:2001:db8::/32').params).toEqual(['20010db8000000000000000000000000', '20010db8ffffffffffffffffffffffff']);
    expect(() => compile('srcip:10.0.0.0/33')).toThrow(QueryError);
    expect(() => compile('srcip:300.1.1.1')).toThrow(/not an IP/);
    expect(() => compile('dstport:abc')).toThrow(/not a number/);
    expect(() => compile('timestamp:[2026-01-02 TO 2026-01-01]')).toThrow(/range is empty/);
    expect(() => compile('timestamp:>2026-02-31')).toThrow(/not a time/);
  });

  it('steers an IP + port + action query to the covering IP index', () => {
    expect(compile('srcip:10.0.0.0/8 AND dstport:22 AND action:REJECT').sql).toBe('((srcip_num BETWEEN ? AND ?) AND (+dstport = ?) AND (+action = ?))');
    expect(compile('dstport:22 AND action:REJECT').sql).toBe('((dstport = ?) AND (action = ?))');
  });

  it('parses IPv4, IPv6 and CIDR blocks exactly', () => {
    expect(parseIp('0.0.0.0')).toEqual({ family: 4, value: 0 });
    expect(parseIp('255.255.255.255')).toEqual({ family: 4, value: 4294967295 });
    expect(formatIpv4(4294967295)).toBe('255.255.255.255');
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ family: 6, value: '00000000000000000000ffff0a000001' });
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined();
    expect(parseIp('1::2::3')).toBeUndefined();
    expect(parseIp('01.2.3.256')).toBeUndefined();
    expect(parseCidr('10.1.2.3/16')).toEqual({ family: 4, low: 167837696, high: 167903231 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, low: 0, high: 4294967295 });
  });
});

describe('compileWhere on hostile or unusual field names', () => {
  it('binds a JSON path once per use, so a two-sided range on a non-column field has all its parameters', () => {
    const compiled = compile('severity:[1 TO 5]');
    expect(compiled.sql.split('?').length - 1).toBe(compiled.params.length);
    expect(compiled.params).toEqual(['$."severity"', '$."severity"', 1, '$."severity"', 5]);
  });

  it('never takes Object built-ins for columns or IP fields', () => {
    for (const query of ['constructor:x', '__proto__:*', 'toString:[a TO b]', 'hasOwnProperty:1']) {
      const compiled = compile(query);
      expect(compiled.sql, query).not.toMatch(/undefined|srcip_num|dstip_num/);
      expect(compiled.sql.split('?').length - 1, query).toBe(compiled.params.length);
    }
  });
});
