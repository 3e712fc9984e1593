// FilterChain: the keep/drop rule, per-filter counters, carry-over on rebuild, and use as collectOnce's keep hook.
import { describe, expect, it } from 'vitest';
import type { InterflowRecord } from '../core/record.js';
import { FilterChain } from './chain.js';
import type { LogFilter } from './filter.js';

function flow(action: string, dstport: number, srcip = '10.0.0.5'): InterflowRecord {
  return {
    timestamp: 1_767_225_600_000, msg_class: 'aws_cloudwatch_vpcflow', msg_origin: { source: 'aws_cloudwatch', vendor: 'aws', category: 'paas' },
    index: 'traffic', log_family: 'vpcflow', aws: {}, message: `${srcip} ${action}`, srcip, dstport, action,
  };
}

const filter = (id: string, action: LogFilter['action'], query: string, enabled = true): LogFilter => ({ id, name: id, action, query, enabled });
const records = [flow('ACCEPT', 443), flow('REJECT', 22), flow('ACCEPT', 53), flow('REJECT', 443, '8.8.8.8'), flow('ACCEPT', 80, '8.8.8.8')];

describe('FilterChain', () => {
  it('keeps everything without enabled filters', () => {
    const chain = new FilterChain([filter('off', 'drop', '*', false)]);
    expect(chain.empty).toBe(true);
    expect(records.filter(chain.keep)).toHaveLength(5);
    expect(chain.snapshot().filters[0]).toMatchObject({ id: 'off', evaluated: 0, dropped: 0 });
  });

  it('drops what any enabled drop filter matches and counts it on the first that matched', () => {
    const chain = new FilterChain([filter('dns', 'drop', 'dstport:53'), filter('accept', 'drop', 'action:ACCEPT')]);
    expect(records.filter(chain.keep).map((r) => r.dstport)).toEqual([22, 443]);
    const [dns, accept] = chain.snapshot().filters;
    expect(dns).toMatchObject({ evaluated: 5, matched: 1, dropped: 1 });
    expect(accept).toMatchObject({ evaluated: 4, matched: 2, dropped: 2 });
    expect(chain.snapshot()).toMatchObject({ records: 5, kept: 2, dropped: 3, errors: 0 });
  });

  it('with keep filters, keeps only what one of them matches; drop filters still win', () => {
    const chain = new FilterChain([
      filter('internal', 'keep', 'srcip:10.0.0.0/8'),
      filter('rejects', 'keep', 'action:REJECT'),
      filter('ssh', 'drop', 'dstport:22'),
    ]);
    const kept = records.filter(chain.keep);
    expect(kept.map((r) => `${r.srcip}:${r.dstport}`)).toEqual(['10.0.0.5:443', '10.0.0.5:53', '8.8.8.8:443']);
    const snapshot = chain.snapshot();
    expect(snapshot.filters.map((f) => [f.id, f.matched, f.dropped])).toEqual([
      ['internal', 2, 1],
      ['rejects', 1, 1],
      ['ssh', 1, 1],
    ]);
    expect(snapshot).toMatchObject({ records: 5, kept: 3, dropped: 2 });
  });

  it('carries counters of the same filter ids over to a rebuilt chain', () => {
    const first = new FilterChain([filter('dns', 'drop', 'dstport:53'), filter('old', 'drop', 'dstport:80')]);
    records.forEach(first.keep);
    const second = new FilterChain([filter('dns', 'drop', 'dstport:53 OR dstport:22')], { previous: first });
    records.forEach(second.keep);
    expect(second.snapshot()).toMatchObject({ records: 10, dropped: 4, filters: [{ id: 'dns', matched: 3, dropped: 3 }] });
    expect(first.snapshot().filters[0]?.matched).toBe(1);
  });

  it('keeps hostile records rather than throwing', () => {
    const chain = new FilterChain([filter('x', 'drop', 'a.b:c OR srcip:10.0.0.0/8 OR foo')]);
    const hostile = JSON.parse('{"__proto__":{"a":{"b":"c"}},"message":7,"srcip":["10.0.0.1"],"index":"syslog"}') as InterflowRecord;
    expect(chain.keep(hostile)).toBe(true);
    expect(chain.keep(null as unknown as InterflowRecord)).toBe(true);
    expect(chain.snapshot().errors).toBe(0);
  });
});
