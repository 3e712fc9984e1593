// Log group and stream operations: shapes, ASCII ordering, paging, the name rules and AWS's error codes and messages.
import { describe, expect, it } from 'vitest';
import { SCOPE, T0, awsError, fixture } from './test-support.js';

describe('CreateLogGroup / DescribeLogGroups', () => {
  it('returns every LogGroup field with both ARN forms', () => {
    const f = fixture();
    expect(f.call('CreateLogGroup', { logGroupName: '/vpc/flow', kmsKeyId: 'key-1' })).toEqual({});
    expect(f.logs.handle(SCOPE, 'CreateLogGroup', { logGroupName: 'other' })).toBeUndefined();
    const { logGroups } = f.call('DescribeLogGroups', { logGroupNamePrefix: '/vpc' }) as { logGroups: unknown[] };
    expect(logGroups).toEqual([
      {
        logGroupName: '/vpc/flow',
        creationTime: T0,
        metricFilterCount: 0,
        arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc/flow:*',
        storedBytes: 0,
        kmsKeyId: 'key-1',
        logGroupClass: 'STANDARD',
        logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/vpc/flow',
        deletionProtectionEnabled: false,
      },
    ]);
  });

  it('sorts by ASCII code units and pages with nextToken at limit, omitting it on the last page', () => {
    const f = fixture();
    const names = ['b', 'B', '_x', 'a.1', 'a-1', '/z', 'A'];
    for (const name of names) f.call('CreateLogGroup', { logGroupName: name });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = f.call('DescribeLogGroups', { limit: 3, ...(token === undefined ? {} : { nextToken: token }) }) as { logGroups: Array<{ logGroupName: string }>; nextToken?: string };
      seen.push(...page.logGroups.map((g) => g.logGroupName));
      token = page.nextToken;
      pages++;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(['/z', 'A', 'B', '_x', 'a-1', 'a.1', 'b']);
  });

  it('returns only arn, creationTime and name for logGroupNamePattern (a case-sensitive substring)', () => {
    const f = fixture();
    f.call('CreateLogGroup', { logGroupName: 'prod-Flow' });
    f.call('CreateLogGroup', { logGroupName: 'prod-flow' });
    const { logGroups } = f.call('DescribeLogGroups', { logGroupNamePattern: 'Flow' }) as { logGroups: unknown[] };
    expect(logGroups).toEqual([{ logGroupName: 'prod-Flow', creationTime: T0, arn: 'arn:aws:logs:us-east-1:123456789012:log-group:prod-Flow:*' }]);
    expect(awsError(() => f.call('DescribeLogGroups', { logGroupNamePattern: 'x', logGroupNamePrefix: 'y' })).code).toBe('InvalidParameterException');
  });

  it('keeps data per (account, region)', () => {
    const f = fixture();
    f.call('CreateLogGroup', { logGroupName: 'g' });
    expect(f.logs.handle({ ...SCOPE, region: 'eu-west-1' }, 'DescribeLogGroups', {})).toEqual({ logGroups: [] });
    f.logs.handle({ accountId: '210987654321', region: 'cn-north-1' }, 'CreateLogGroup', { logGroupName: 'g' });
    const china = f.logs.handle({ accountId: '210987654321', region: 'cn-north-1' }, 'DescribeLogGroups', {}) as { logGroups: Array<{ arn: string }> };
    expect(china.logGroups[0]?.arn).toBe('arn:aws-cn:logs:cn-north-1:210987654321:log-group:g:*');
  });

  it('rejects duplicates, bad names and bad limits with AWS codes and messages', () => {
    const f = fixture();
    f.call('CreateLogGroup', { logGroupName: 'g' });
    const duplicate = awsError(() => f.call('CreateLogGroup', { logGroupName: 'g' }));
    expect([duplicate.code, duplicate.message, duplicate.status]).toEqual(['ResourceAlreadyExistsException', 'The specified log group already exists', 400]);
    expect(awsError(() => f.call('CreateLogGroup', { logGroupName: 'bad name' })).message).toBe(
      "1 validation error detected: Value 'bad name' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    );
    expect(awsError(() => f.call('CreateLogGroup', { logGroupName: 'x'.repeat(513) })).message).toContain('Member must have length less than or equal to 512');
    expect(awsError(() => f.call('CreateLogGroup', {})).message).toBe("1 validation error detected: Value null at 'logGroupName' failed to satisfy constraint: Member must not be null");
    expect(awsError(() => f.call('CreateLogGroup', { logGroupName: 'aws/mine' })).code).toBe('InvalidParameterException');
    expect(awsError(() => f.call('CreateLogGroup', { logGroupName: 'c', logGroupClass: 'COLD' })).message).toContain('Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]');
    expect(awsError(() => f.call('DescribeLogGroups', { limit: 51 })).message).toBe(
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect(awsError(() => f.call('DescribeLogGroups', { limit: 0 })).message).toContain('Member must have value greater than or equal to 1');
    expect(awsError(() => f.call('DescribeLogGroups', { nextToken: 'garbage' })).code).toBe('InvalidParameterException');
    expect(awsError(() => f.call('DescribeLogGroups', { limit: 'ten' })).code).toBe('SerializationException');
  });

  it('answers unknown operations with UnknownOperationException', () => {
    expect(awsError(() => fixture().call('PutRetentionPolicyX')).code).toBe('UnknownOperationException');
    expect(awsError(() => fixture().call('toString')).code).toBe('UnknownOperationException');
  });
});

describe('streams', () => {
  it('describes streams with arn, event times and storedBytes 0, ordered by name or by last event time', () => {
    const f = fixture();
    f.setUp('g', ['b', 'a', 'c']);
    f.put('g', 'a', [[T0 - 50, 'x']]);
    f.put('g', 'b', [[T0 - 90, 'x'], [T0 - 10, 'y']]);
    const byName = f.call('DescribeLogStreams', { logGroupName: 'g' }) as { logStreams: Array<Record<string, unknown>> };
    expect(byName.logStreams.map((s) => s.logStreamName)).toEqual(['a', 'b', 'c']);
    expect(byName.logStreams[1]).toMatchObject({
      logStreamName: 'b',
      creationTime: T0,
      firstEventTimestamp: T0 - 90,
      lastEventTimestamp: T0 - 10,
      lastIngestionTime: T0,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:b',
      storedBytes: 0,
    });
    expect(byName.logStreams[2]).toEqual({ logStreamName: 'c', creationTime: T0, arn: 'arn:aws:logs:us-east-1:123456789012:log-group:g:log-stream:c', storedBytes: 0 });
    const byTime = f.call('DescribeLogStreams', { logGroupName: 'g', orderBy: 'LastEventTime', descending: true }) as { logStreams: Array<{ logStreamName: string }> };
    expect(byTime.logStreams.map((s) => s.logStreamName)).toEqual(['b', 'a', 'c']);
  });

  it('pages streams, accepts the group ARN as logGroupIdentifier, and filters by prefix', () => {
    const f = fixture();
    f.setUp('g', ['web-1', 'web-2', 'web-3', 'db-1']);
    const first = f.call('DescribeLogStreams', { logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:g', logStreamNamePrefix: 'web-', limit: 2 }) as { logStreams: Array<{ logStreamName: string }>; nextToken: string };
    expect(first.logStreams.map((s) => s.logStreamName)).toEqual(['web-1', 'web-2']);
    const second = f.call('DescribeLogStreams', { logGroupIdentifier: 'g', logStreamNamePrefix: 'web-', limit: 2, nextToken: first.nextToken }) as { logStreams: Array<{ logStreamName: string }>; nextToken?: string };
    expect(second.logStreams.map((s) => s.logStreamName)).toEqual(['web-3']);
    expect(second.nextToken).toBeUndefined();
  });

  it('applies the stream rules: prefix with LastEventTime, name XOR identifier, not found, duplicates, deletes', () => {
    const f = fixture();
    f.setUp('g', ['s']);
    expect(awsError(() => f.call('DescribeLogStreams', { logGroupName: 'g', logStreamNamePrefix: 's', orderBy: 'LastEventTime' })).message).toBe(
      'Cannot order by LastEventTime with a logStreamNamePrefix.',
    );
    expect(awsError(() => f.call('DescribeLogStreams', { logGroupName: 'g', logGroupIdentifier: 'g' })).code).toBe('InvalidParameterException');
    expect(awsError(() => f.call('DescribeLogStreams', {})).code).toBe('InvalidParameterException');
    expect(awsError(() => f.call('DescribeLogStreams', { logGroupName: 'g', orderBy: 'Size' })).message).toContain('[LogStreamName, LastEventTime]');
    const missing = awsError(() => f.call('DescribeLogStreams', { logGroupName: 'nope' }));
    expect([missing.code, missing.message]).toEqual(['ResourceNotFoundException', 'The specified log group does not exist.']);
    expect(awsError(() => f.call('CreateLogStream', { logGroupName: 'g', logStreamName: 's' })).code).toBe('ResourceAlreadyExistsException');
    expect(awsError(() => f.call('CreateLogStream', { logGroupName: 'g', logStreamName: 'a:b' })).message).toContain('Member must satisfy regular expression pattern: [^:*]*');
    expect(awsError(() => f.call('CreateLogStream', { logGroupName: 'none', logStreamName: 's' })).message).toBe('The specified log group does not exist.');
    expect(awsError(() => f.call('DeleteLogStream', { logGroupName: 'g', logStreamName: 'x' })).message).toBe('The specified log stream does not exist.');

    f.put('g', 's', [[T0, 'hello']]);
    expect(f.logs.eventCount()).toBe(1);
    f.call('DeleteLogStream', { logGroupName: 'g', logStreamName: 's' });
    expect(f.logs.eventCount()).toBe(0);
    f.call('DeleteLogGroup', { logGroupName: 'g' });
    expect(awsError(() => f.call('DeleteLogGroup', { logGroupName: 'g' })).code).toBe('ResourceNotFoundException');
    expect(f.call('DescribeLogGroups')).toEqual({ logGroups: [] });
  });
});
