// Log filter chains over parsed VPC Flow records: records/s and ns/record against the same loop with no filter.
import type { InterflowRecord } from '../src/core/record.js';
import { FilterChain, type LogFilter } from '../src/filters/index.js';
import { parseEvents } from '../src/parsers/index.js';
import { markdownTable } from './table.js';

export const title = 'FilterChain.keep over parsed VPC Flow records (one core, CPU time): records/s and ns/record, against the same loop with no filter';

/** A deterministic generator, so every run measures the same inputs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const next = random(7);
const integer = (max: number) => Math.floor(next() * max);
const pick = <T>(items: readonly T[]): T => items[integer(items.length)]!;
const ip = () => (next() < 0.5 ? `10.${integer(256)}.${integer(256)}.${integer(256)}` : `${1 + integer(223)}.${integer(256)}.${integer(256)}.${integer(256)}`);

const records: InterflowRecord[] = parseEvents(
  Array.from({ length: 10_000 }, (_, i) => {
    const start = 1_767_225_600 + integer(3600);
    return {
      timestamp: start * 1000, ingestionTime: start * 1000 + 60_000, eventId: String(i), logStreamName: 'eni-0a1b2c3d4e5f60718-all',
      message: [2, '123456789012', 'eni-0a1b2c3d4e5f60718', ip(), ip(), integer(65536), pick([22, 53, 80, 443, 3389, 8080]), pick([6, 17, 1]),
        1 + integer(100), 40 + integer(100_000), start, start + 60, pick(['ACCEPT', 'REJECT']), 'OK'].join(' '),
    };
  }),
  { logGroup: 'vpc-flow', region: 'us-east-1', accountId: '123456789012', vpcFlowLogs: true },
);

const filter = (id: string, action: LogFilter['action'], query: string): LogFilter => ({ id, name: id, action, query, enabled: true });
const typical: LogFilter[] = [
  filter('dns', 'drop', 'dstport:53 AND proto:17'),
  filter('internal-accepts', 'drop', 'action:ACCEPT AND srcip:10.0.0.0/8 AND dstip:10.0.0.0/8'),
  filter('nodata', 'drop', 'log_status:NODATA OR log_status:SKIPDATA'),
  filter('ephemeral-out', 'drop', 'dstport:[49152 TO 65535] AND NOT action:REJECT'),
  filter('no-link-local', 'keep', 'NOT srcip:169.254.0.0/16'),
];

/** Records per second of CPU time (user + system): the machine is shared, and wall time counts other processes' turns. */
function measure(keep: (record: InterflowRecord) => boolean): { perSecond: number; kept: number } {
  let kept = 0;
  let offered = 0;
  for (const record of records) keep(record); // warm-up: let the JIT settle before timing
  const start = process.cpuUsage();
  const wallStart = performance.now();
  while (performance.now() - wallStart < 1500) {
    for (let i = 0; i < records.length; i += 1) if (keep(records[i]!)) kept += 1;
    offered += records.length;
  }
  const used = process.cpuUsage(start);
  return { perSecond: (offered * 1e6) / (used.user + used.system), kept };
}

export async function run(): Promise<string> {
  const cases: Array<[string, (record: InterflowRecord) => boolean]> = [
    ['no filter (baseline: `() => true`)', () => true],
    ['1 drop filter: `action:ACCEPT AND srcip:10.0.0.0/8 AND dstip:10.0.0.0/8`', new FilterChain([typical[1]!]).keep],
    ['1 drop filter: full text `eni-0a1b*` (traffic: substring scan)', new FilterChain([filter('text', 'drop', 'eni-0a1b*')]).keep],
    ['5 typical filters (4 drop, 1 keep)', new FilterChain(typical).keep],
  ];
  const results = cases.map(([name, keep]) => ({ name, ...measure(keep) }));
  const baseline = results[0]!.perSecond;
  return markdownTable(
    ['chain', 'records/s', 'ns/record', 'vs no filter', 'ns/record above baseline'],
    results.map((r) => [r.name, r.perSecond, 1e9 / r.perSecond, `${(r.perSecond / baseline).toFixed(2)}x`, 1e9 / r.perSecond - 1e9 / baseline]),
  );
}
