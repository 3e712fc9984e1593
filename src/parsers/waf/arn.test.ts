// The hand-written web ACL ARN splitter must accept and split exactly what the documented pattern does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebAclArn, splitWebAclArn } from './arn.js';

/** The pattern the splitter replaced, kept here as the oracle. */
const oracle = /^arn:aws[a-z-]*:wafv2:([a-z0-9-]*):(\d{12}):(regional|global)\/webacl\/([^/]+)\/[^/]+$/;

function viaOracle(text: string): unknown {
  const match = oracle.exec(text);
  return match === null ? undefined : { region: match[1], accountId: match[2], scope: match[3], name: match[4] };
}

describe('parseWebAclArn', () => {
  it('splits the ARNs AWS documents', () => {
    expect(parseWebAclArn('arn:aws:wafv2:ap-southeast-2:111122223333:regional/webacl/STMTest/1EXAMPLE-2ARN')).toEqual({ region: 'ap-southeast-2', accountId: '111122223333', scope: 'regional', name: 'STMTest' });
    expect(parseWebAclArn('arn:aws:wafv2:us-east-1:123456789012:global/webacl/hello-world/5933d6d9')).toEqual({ region: 'us-east-1', accountId: '123456789012', scope: 'global', name: 'hello-world' });
    expect(parseWebAclArn('arn:aws-us-gov:wafv2::123456789012:global/webacl/a/b')).toEqual({ region: '', accountId: '123456789012', scope: 'global', name: 'a' });
  });

  it('rejects near misses', () => {
    for (const text of [
      '', 'arn:aws', 'arn:aws:wafv2:us-east-1:12345678901:regional/webacl/a/b', 'arn:aws:wafv2:us-east-1:1234567890123:regional/webacl/a/b',
      'arn:aws:wafv2:us-east-1:123456789012:regional/webacl//b', 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/', 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/b/c',
      'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a', 'arn:aws:wafv2:US-EAST-1:123456789012:regional/webacl/a/b', 'arn:awsX:wafv2:us-east-1:123456789012:regional/webacl/a/b',
      'arn:aws:waf:us-east-1:123456789012:regional/webacl/a/b', 'arn:aws:wafv2:us-east-1:123456789012:local/webacl/a/b', 'arn:aws:wafv2:us-east-1:123456789012:regional/ipset/a/b',
      'xarn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/b', 'arn:aws:wafv2:us:east:123456789012:regional/webacl/a/b',
    ]) {
      expect(parseWebAclArn(text), text).toBeUndefined();
      expect(viaOracle(text), text).toBeUndefined();
    }
  });

  it('agrees with the pattern on generated ARNs and their mutations', () => {
    const piece = (chars: string) => fc.string({ unit: fc.constantFrom(...chars.split('')), maxLength: 14 });
    const arn = fc
      .tuple(
        fc.oneof(fc.constantFrom('', '-us-gov'), piece('ab-:X')),
        fc.oneof(fc.constantFrom('', 'us-east-1'), piece('eu-st1:/A')),
        fc.oneof(fc.constant('123456789012'), piece('0123456789a:')),
        fc.constantFrom('regional', 'global', 'globa', 'regional/x'),
        fc.oneof(fc.constant('acl'), piece('ab/:\n')),
        fc.oneof(fc.constant('1a-2'), piece('0a/-')),
      )
      .map(([partition, region, account, scope, name, id]) => `arn:aws${partition}:wafv2:${region}:${account}:${scope}/webacl/${name}/${id}`);
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(arn, fc.string()), (text) => {
        const expected = viaOracle(text);
        if (expected !== undefined) accepted++;
        expect(parseWebAclArn(text)).toEqual(expected);
      }),
      { numRuns: 20_000 },
    );
    // The generator must reach the accepting side too, or the agreement would only be about rejections.
    expect(accepted).toBeGreaterThan(200);
  });

  it('remembers recent ARNs without mixing them up, also past its bound and for rejected text', () => {
    const arns = Array.from({ length: 20 }, (_, index) => `arn:aws:wafv2:eu-west-${index % 3}:${String(100000000000 + index)}:regional/webacl/acl-${index}/id`);
    const texts = [...arns, 'not an arn', 'x'.repeat(300)];
    for (let round = 0; round < 3; round++) {
      for (const text of [...texts, ...texts.slice(0, 5).reverse()]) expect(splitWebAclArn(text), text).toEqual(parseWebAclArn(text));
    }
    // A string equal in content but built separately (as JSON.parse builds one per event) hits the same entry.
    expect(splitWebAclArn(['arn:aws:wafv2:eu-west-1:100000000001', 'regional/webacl/acl-1/id'].join(':'))?.name).toBe('acl-1');
  });
});
