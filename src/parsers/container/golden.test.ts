// Golden records for the container and generic families: samples from ../shared/samples plus cases written from the formats.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CloudWatchEvent, ParseContext } from '../../core/record.js';
import { parseContainer, parseGeneric } from './index.js';

interface GoldenCase {
  name: string;
  context: ParseContext;
  event: CloudWatchEvent;
}

const inputsUrl = new URL('./testdata/inputs.json', import.meta.url);
const expectedUrl = new URL('./testdata/expected.ndjson', import.meta.url);
const cases = JSON.parse(readFileSync(inputsUrl, 'utf8')) as GoldenCase[];

function parseCase(golden: GoldenCase) {
  return golden.name.startsWith('generic') ? parseGeneric(golden.event, golden.context) : parseContainer(golden.event, golden.context);
}

// `UPDATE_GOLDEN=1 npx vitest run src/parsers/container` rewrites the expected file; read the diff before committing it.
if (process.env.UPDATE_GOLDEN === '1') {
  writeFileSync(expectedUrl, cases.map((golden) => JSON.stringify({ name: golden.name, record: parseCase(golden) })).join('\n') + '\n');
}

const expected = readFileSync(expectedUrl, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { name: string; record: unknown });

describe('container and generic golden records', () => {
  it('has one expected record per input', () => {
    expect(expected.map((entry) => entry.name)).toEqual(cases.map((golden) => golden.name));
  });

  for (const [position, golden] of cases.entries()) {
    it(golden.name, () => {
      const record = parseCase(golden);
      expect(record.message).toBe(golden.event.message);
      expect(JSON.parse(JSON.stringify(record))).toEqual(expected[position]!.record);
    });
  }
});
