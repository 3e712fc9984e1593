// Golden tests: a public EventBridge sample and hand-written findings for every action type and severity band, against reviewed expected records.
import { describe, expect, it } from 'vitest';
import { goldenCase } from '../golden-files.js';
import { parseGuardDuty } from './index.js';

const directory = new URL('./testdata/', import.meta.url);
const context = { logGroup: '/aws/events/guardduty', tenant: 'acme' };

describe('GuardDuty golden files', () => {
  for (const name of ['samples', 'custom']) {
    it(`${name}: every input line gives its expected record`, () => {
      const { actual, expected, changedMessages } = goldenCase(directory, name, parseGuardDuty, context, 'guardduty-stream');
      expect(changedMessages).toEqual([]);
      expect(actual).toEqual(expected);
    });
  }
});
