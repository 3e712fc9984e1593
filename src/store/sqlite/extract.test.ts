// Hot columns: the fast IPv4 reader must give the same columns as the search side's parser, for good and odd addresses.
import { describe, expect, it } from 'vitest';
import type { InterflowRecord } from '../../core/record.js';
import { parseIp } from '../../search/ip.js';
import { hotValues } from './extract.js';

const addresses = [
  '10.0.0.1', '0.0.0.0', '255.255.255.255', '192.168.001.010', '256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', '.1.2.3', '1.2.3.',
  '1.2.3.4 ', '1.2.3.1000', '１.2.3.4', '::1', '2001:db8::7', '::ffff:10.0.0.1', 'fe80::1%eth0', '', 'host.example', '01.02.03.04',
];

describe('hotValues', () => {
  it('gives the IP columns parseIp gives, IPv4 as an integer and IPv6 as hex', () => {
    for (const address of addresses) {
      const key = parseIp(address);
      const hot = hotValues({ srcip: address, dstip: address } as unknown as InterflowRecord);
      const expected = { v4: key?.family === 4 ? key.value : null, v6: key?.family === 6 ? key.value : null };
      expect({ address, v4: hot.srcipNum, v6: hot.srcipV6 }).toEqual({ address, ...expected });
      expect([hot.dstipNum, hot.dstipV6]).toEqual([expected.v4, expected.v6]);
    }
    expect(hotValues({ srcip: '10.1.2.3' } as unknown as InterflowRecord).srcipNum).toBe(167838211);
  });

  it('keeps only safe integers and strings in the typed columns', () => {
    const hot = hotValues({ srcport: 1.5, dstport: 443, proto: '6', action: 'ACCEPT', bytes: 2 ** 60, srcip: 7 } as unknown as InterflowRecord);
    expect(hot).toEqual({ srcipNum: null, srcipV6: null, dstipNum: null, dstipV6: null, srcport: null, dstport: 443, proto: null, action: 'ACCEPT', bytes: null });
  });
});
