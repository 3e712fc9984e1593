// boto3 against the emulator as a user would: STS AssumeRole session credentials, then Logs through boto3's paginators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/emulator.js';
import { DEFAULT_ACCOUNT_ID, DEFAULT_ROLE_ARN, DEFAULT_USER_ARN } from '../../src/emulator/iam/defaults.js';
import { awsEnvironment, runPythonScript } from './support.js';

interface Session {
  identity: { UserId: string; Account: string; Arn: string };
  assumed: { AssumedRoleUser: { AssumedRoleId: string; Arn: string }; AccessKeyIdPrefix: string; hasSessionToken: boolean; ExpirationEpochSeconds: number };
  tooLong: { code: string; message: string; status: number };
  sessionIdentity: string;
  filterPages: number[];
  filterEventIds: string[];
  filterSearchedLogStreams: unknown[][];
  filterResumed: string[];
  filterSelected: [string, number, string][];
  describeDefaultPages: number[];
  describeSmallPages: number[];
  describeNames: string[];
  describeFirst: Record<string, unknown>;
  describeByLastEventTime: string[];
  getMessages: string[];
  getCalls: number;
  missingGroup: { code: string; message: string; status: number };
  exclusive: { code: string; status: number };
}

const REGION = 'ap-southeast-2';
const base = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

describe('boto3 against the emulator', () => {
  let emulator: RunningEmulator;
  let session: Session;
  let startedSeconds: number;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    startedSeconds = Date.now() / 1000;
    session = await runPythonScript<Session>('boto3_session.py', [emulator.url, String(base), DEFAULT_ROLE_ARN], awsEnvironment(REGION));
  });
  afterAll(async () => emulator?.stop());

  it('assumes a role through STS and works with the session credentials', () => {
    expect(session.identity).toEqual({ UserId: expect.stringMatching(/^AIDA/), Account: DEFAULT_ACCOUNT_ID, Arn: DEFAULT_USER_ARN });
    expect(session.assumed.AssumedRoleUser).toEqual({
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z0-9]+:conformance$/),
      Arn: `arn:aws:sts::${DEFAULT_ACCOUNT_ID}:assumed-role/cwc-demo-role/conformance`,
    });
    expect(session.assumed.AccessKeyIdPrefix).toBe('ASIA');
    expect(session.assumed.hasSessionToken).toBe(true);
    expect(session.assumed.ExpirationEpochSeconds).toBeGreaterThan(startedSeconds + 900 - 120);
    expect(session.assumed.ExpirationEpochSeconds).toBeLessThan(startedSeconds + 900 + 120);
    expect(session.sessionIdentity).toBe(`arn:aws:sts::${DEFAULT_ACCOUNT_ID}:assumed-role/cwc-demo-role/conformance`);
    expect(session.tooLong).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(session.tooLong.message).toContain('43201');
  });

  it('pages filter_log_events with boto3’s paginator to exactly the stored events, in AWS order', () => {
    // Ground truth: every event the emulator stored for that account and region, in its read order.
    const truth = [...emulator.logs.exportEvents({ accountId: DEFAULT_ACCOUNT_ID, region: REGION, logGroupName: '/boto3/app' })];
    expect(truth.length).toBe(100);
    expect(session.filterEventIds).toEqual(truth.map((e) => e.eventId));
    // AWS order checked independently of the emulator's export: timestamps never go back, ties keep put order.
    const byId = new Map(truth.map((e) => [e.eventId, e]));
    const read = session.filterEventIds.map((id) => byId.get(id));
    for (let i = 1; i < read.length; i++) {
      const [previous, current] = [read[i - 1], read[i]];
      expect((current?.timestamp ?? 0) >= (previous?.timestamp ?? 0)).toBe(true);
      if (current?.timestamp === previous?.timestamp && current?.logStreamName === previous?.logStreamName) {
        expect(Number(current?.message.split(' event ')[1])).toBeGreaterThan(Number(previous?.message.split(' event ')[1]));
      }
    }
    expect(session.filterPages).toEqual([...Array.from({ length: 14 }, () => 7), 2]);
    expect(session.filterSearchedLogStreams.every((list) => list.length === 0)).toBe(true);
    expect(session.filterResumed).toEqual(session.filterEventIds);
    // Two named streams, an inclusive window of three seconds: indexes 6..11 of each, interleaved by timestamp.
    expect(session.filterSelected).toEqual(
      [3000, 4000, 5000].flatMap((t) => {
        const index = (t / 1000) * 2;
        return ['st-003', 'st-001'].sort().flatMap((s) => [[s, t, `${s} event ${index}`], [s, t, `${s} event ${index + 1}`]]);
      }),
    );
  });

  it('pages describe_log_streams by 50 (the default) and by 20, in name order', () => {
    expect(session.describeDefaultPages).toEqual([50, 5]);
    expect(session.describeSmallPages).toEqual([20, 20, 15]);
    expect(session.describeNames).toEqual(Array.from({ length: 55 }, (_, i) => `st-${String(i).padStart(3, '0')}`));
    expect(session.describeFirst).toEqual({
      logStreamName: 'st-000',
      creationTime: expect.any(Number),
      firstEventTimestamp: base,
      lastEventTimestamp: base + 9000,
      lastIngestionTime: expect.any(Number),
      uploadSequenceToken: expect.stringMatching(/^\d+$/),
      arn: `arn:aws:logs:${REGION}:${DEFAULT_ACCOUNT_ID}:log-group:/boto3/app:log-stream:st-000`,
      storedBytes: 0,
    });
    // The five streams with events share a last event time; the fifty empty ones come after them.
    expect(session.describeByLastEventTime.slice(0, 5).sort()).toEqual(['st-000', 'st-001', 'st-002', 'st-003', 'st-004']);
    expect(session.describeByLastEventTime[5]).not.toMatch(/^st-00[0-4]$/);
  });

  it('reads one stream with get_log_events until the same forward token comes back', () => {
    expect(session.getMessages).toEqual(Array.from({ length: 20 }, (_, i) => `st-002 event ${i}`));
    expect(session.getCalls).toBe(5); // 6+6+6+2, then an empty page carrying the token that was passed in
  });

  it('raises AWS’s errors through the paginator', () => {
    expect(session.missingGroup).toEqual({ code: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    expect(session.exclusive).toMatchObject({ code: 'InvalidParameterException', status: 400 });
  });
});
