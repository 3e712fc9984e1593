// Golden tests: AWS's documented WAF examples and hand-written cases for every action and rule list, against reviewed expected records.
import { describe, expect, it } from 'vitest';
import { goldenCase } from '../golden-files.js';
import { parseWaf } from './index.js';

const directory = new URL('./testdata/', import.meta.url);
const context = { logGroup: 'aws-waf-logs-shop', tenant: 'acme' };

describe('WAF golden files', () => {
  for (const name of ['awsdocs', 'custom']) {
    it(`${name}: every input line gives its expected record`, () => {
      const { actual, expected, changedMessages } = goldenCase(directory, name, parseWaf, context, 'eu-west-1_shop-acl_0');
      expect(changedMessages).toEqual([]);
      expect(actual).toEqual(expected);
    });
  }
});
