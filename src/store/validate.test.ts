// The store's fast yes/no record check must agree with the detailed problem list on good and bad records alike.
import { describe, expect, it } from 'vitest';
import { syslogRecord, trafficRecord } from './contract/records.js';
import { isStorableRecord, maxTimestampMilliseconds, recordProblems, validateRecords } from './validate.js';

const good = trafficRecord(1, Date.UTC(2026, 0, 1));
const variants: unknown[] = [
  good, syslogRecord(2, 0), { ...good, tenant_name: 'acme' }, { ...good, aws: undefined },
  null, 'text', [good], 42,
  { ...good, timestamp: -1 }, { ...good, timestamp: 1.5 }, { ...good, timestamp: maxTimestampMilliseconds + 1 }, { ...good, timestamp: '1' },
  { ...good, timestamp: maxTimestampMilliseconds }, { ...good, index: 'other' }, { ...good, msg_class: '' }, { ...good, msg_class: 3 },
  { ...good, message: undefined }, { ...good, message: 7 }, { ...good, tenant_name: 5 }, { ...good, tenant_name: null },
  { ...good, aws: null }, { ...good, aws: [] }, { ...good, aws: 'x' },
  ...(['event_id', 'log_group', 'account_id', 'region'] as const).map((key) => ({ ...good, aws: { ...good.aws, [key]: 1 } })),
  { ...good, aws: { region: 'eu-west-1' } },
];

describe('isStorableRecord', () => {
  it('says yes exactly when recordProblems finds nothing', () => {
    const answers = variants.map((record) => isStorableRecord(record));
    expect(answers).toEqual(variants.map((record) => recordProblems(record, 'r').length === 0));
    expect(answers.filter(Boolean)).toHaveLength(6);
  });

  it('lets validateRecords name the bad record of a batch', () => {
    expect(() => validateRecords([good, { ...good, timestamp: -1 }])).toThrow(/records\[1\]\.timestamp/);
    expect(validateRecords([good])).toEqual([good]);
  });
});
