// Golden tests: a public EventBridge sample and hand-written findings for every action type and severity band, against reviewed expected records.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGuardDuty } from './index.js';

const directory = new URL('./testdata/', import.meta.url);
const context = { logGroup: '/aws/events/guardduty', tenant: 'acme' };

/** Parses each input line as a CloudWatch event with a fixed timestamp; `message` is checked apart to keep the files readable. */
function parseLines(inputFile: string): string[] {
  const lines = readFileSync(new URL(inputFile, directory), 'utf8').split('\n').filter((line) => line !== '');
  return lines.map((message, index) => {
    const record = parseGuardDuty({ timestamp: 1700000000000 + index, ingestionTime: 1700000005000 + index, message, eventId: `e${index}`, logStreamName: 'guardduty-stream' }, context);
    expect(record.message).toBe(message);
    const { message: _message, ...rest } = record;
    return JSON.stringify(rest);
  });
}

describe('GuardDuty golden files', () => {
  for (const name of ["samples", "custom"]) {
    it(`${name}: every input line gives its expected record`, () => {
      const actual = parseLines(`${name}.input.ndjson`);
      const expectedUrl = new URL(`${name}.expected.ndjson`, directory);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expectedUrl)) writeFileSync(expectedUrl, `${actual.join('\n')}\n`);
      const expected = readFileSync(expectedUrl, 'utf8').split('\n').filter((line) => line !== '');
      expect(actual.map((line) => JSON.parse(line) as unknown)).toEqual(expected.map((line) => JSON.parse(line) as unknown));
    });
  }
});
