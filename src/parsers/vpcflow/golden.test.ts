// Golden tests: the AWS documentation's flow log examples against hand-checked expected records (testdata/).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseVpcFlow } from './index.js';

const testdata = fileURLToPath(new URL('./testdata/', import.meta.url));
const samples = ['default-v2-examples', 'nat-gateway', 'tcp-flag-sequence', 'transit-gateway-vpc', 'v5-service-traffic-path-direction'];

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.length > 0);
}

describe('VPC flow golden fixtures from the AWS documentation', () => {
  for (const sample of samples) {
    it(`parses ${sample}.log into the expected records`, () => {
      const formatPath = `${testdata}${sample}.format.txt`;
      const format = existsSync(formatPath)
        ? readFileSync(formatPath, 'utf8').trim().split(/\s+/).map((field) => `\${${field}}`).join(' ')
        : undefined;
      const lines = readLines(`${testdata}${sample}.log`);
      const expected = readLines(`${testdata}${sample}.expected.ndjson`).map((line) => JSON.parse(line) as unknown);
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.length).toBe(expected.length);
      lines.forEach((message, index) => {
        const record = parseVpcFlow({ timestamp: 1700000000000, message }, format === undefined ? {} : { vpcFlowLogFormat: format });
        expect(JSON.parse(JSON.stringify(record))).toEqual(expected[index]);
      });
    });
  }

  it('reads the custom-layout samples without their format too, by the documented layouts, and says so', () => {
    for (const sample of ['nat-gateway', 'tcp-flag-sequence', 'transit-gateway-vpc', 'v5-service-traffic-path-direction']) {
      for (const message of readLines(`${testdata}${sample}.log`)) {
        const record = parseVpcFlow({ timestamp: 1, message }, {});
        expect(record.parse_error).toBeUndefined();
        expect(record.vpcflow_format).toBe(`aws-doc-${sample}`);
        expect(record.vpcflow_format_note).toMatch(/^fallback: the line has \d+ fields and the default format has 14/);
      }
    }
  });
});
