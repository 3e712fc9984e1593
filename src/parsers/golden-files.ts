// Golden-file support for parser tests: parse each input line as a CloudWatch event and pair it with its expected record.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ParseContext } from '../core/record.js';
import type { Parser } from './normalize.js';

export interface GoldenCase {
  /** Records without `message`, which the caller checks apart to keep the expected files readable. */
  actual: unknown[];
  expected: unknown[];
  /** Input messages whose record did not carry them byte-for-byte. */
  changedMessages: string[];
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

/**
 * Reads `<name>.input.ndjson` from `directory` (one raw message a line), parses each with fixed timestamps, and reads
 * `<name>.expected.ndjson`, writing it first when UPDATE_GOLDEN=1 or it is missing (then review the diff).
 */
export function goldenCase(directory: URL, name: string, parse: Parser, context: ParseContext, logStreamName: string): GoldenCase {
  const changedMessages: string[] = [];
  const actual = lines(readFileSync(new URL(`${name}.input.ndjson`, directory), 'utf8')).map((message, index) => {
    const record = parse({ timestamp: 1700000000000 + index, ingestionTime: 1700000005000 + index, message, eventId: `e${index}`, logStreamName }, context);
    if (record.message !== message) changedMessages.push(message);
    const { message: _message, ...rest } = record;
    return JSON.stringify(rest);
  });
  const expectedUrl = new URL(`${name}.expected.ndjson`, directory);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expectedUrl)) writeFileSync(expectedUrl, `${actual.join('\n')}\n`);
  const expected = lines(readFileSync(expectedUrl, 'utf8'));
  return { actual: actual.map((line) => JSON.parse(line) as unknown), expected: expected.map((line) => JSON.parse(line) as unknown), changedMessages };
}
