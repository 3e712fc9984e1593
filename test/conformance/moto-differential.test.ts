// Differential tests: one boto3 request sequence against moto_server and the emulator must read back the same events,
// order and error codes; where moto is less faithful than AWS the test says so and holds the emulator to AWS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/emulator/emulator.js';
import { awsEnvironment, runProcess, runPythonScript, startMotoServer, type RunningMoto } from './support.js';

type Outcome = unknown;
type Results = Record<string, Outcome>;
type Event = [string, number, string];

const REGION = 'us-east-1';
const base = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

/**
 * Steps where moto 5.2.1 (moto/logs/models.py and responses.py) is less faithful than AWS. Each is compared with AWS's
 * documented behaviour for the emulator instead of with moto; the reason is moto's code, quoted.
 */
const MOTO_DEVIATIONS: Record<string, string> = {
  // responses.py filter_log_events never reads logStreamNamePrefix, so moto searches every stream.
  'filter logStreamNamePrefix': 'moto ignores logStreamNamePrefix in FilterLogEvents',
  // No check at all; AWS: "If you specify a value for both … the action returns an InvalidParameterException".
  'filter names and prefix': 'moto accepts logStreamNames together with logStreamNamePrefix',
  // LogGroup.filter_log_events sorts by timestamp only (stable, streams in creation order). AWS sorts by timestamp,
  // then ingestion time, then the PutLogEvents request.
  'filter same timestamp, put order differs from stream order': 'moto breaks timestamp ties by stream creation order',
  // LogStream.get_log_events drops events only when `event.timestamp > end_time`; AWS: "Events with a timestamp equal
  // to or later than this time are not included".
  'get endTime': 'moto treats GetLogEvents endTime as inclusive',
};

describe('differential: the same boto3 sequence against moto_server and the emulator', () => {
  let emulator: RunningEmulator;
  let moto: RunningMoto;
  let fromEmulator: Results;
  let fromMoto: Results;
  const env = awsEnvironment(REGION);

  beforeAll(async () => {
    // Quotas off for the shared sequence: moto has none, and the sequence runs without retries, so a throttle would be a
    // false difference. The quota itself is compared separately below.
    [emulator, moto] = await Promise.all([startEmulator({ port: 0, quotas: 'off' }), startMotoServer()]);
    [fromEmulator, fromMoto] = await Promise.all([
      runPythonScript<Results>('differential.py', [emulator.url, String(base)], env),
      runPythonScript<Results>('differential.py', [moto.url, String(base)], env),
    ]);
  });
  afterAll(async () => {
    await Promise.all([emulator?.stop(), moto?.stop()]);
  });

  it('agrees with moto on every step where moto follows AWS', () => {
    expect(Object.keys(fromEmulator)).toEqual(Object.keys(fromMoto));
    const shared = Object.keys(fromMoto).filter((step) => !(step in MOTO_DEVIATIONS));
    expect(shared.length).toBeGreaterThan(50);
    const pick = (results: Results) => Object.fromEntries(shared.map((step) => [step, results[step]]));
    expect(pick(fromEmulator)).toEqual(pick(fromMoto));
  });

  it('reads what AWS documents: equal timestamps interleaved, inclusive FilterLogEvents bounds, paging that loses nothing', () => {
    const all = fromEmulator['filter all'] as Event[];
    // Stable sort of the put order by timestamp = AWS's (timestamp, ingestion time, request) order for sequential puts.
    expect(all.map(([stream, timestamp, message]) => `${timestamp - base} ${stream} ${message}`)).toEqual([
      '0 s-1 s1 first GET 200',
      '0 s-1 s1 second ERROR 500',
      '0 s-2 s2 first',
      '500 t-1 t1 first',
      '1000 s-1 s1 third',
      '1000 s-2 s2 second ERROR',
      '1000 s-2 s2 third',
      '2000 s-1 s1 fourth',
      '2500 t-1 t1 second ERROR',
      '3000 s-2 s2 fourth',
    ]);
    for (const step of ['filter all in pages of 3', 'filter all in pages of 1']) expect(fromEmulator[step]).toEqual(all);
    expect(fromEmulator['filter startTime..endTime']).toEqual(all.filter(([, t]) => t >= base + 1000 && t <= base + 2000));
    expect(fromEmulator['filter logStreamNames in pages of 2']).toEqual(all.filter(([s]) => s === 's-2' || s === 't-1'));
    expect(fromEmulator['filter pattern ERROR']).toEqual(all.filter(([, , m]) => m.includes('ERROR')));
    expect(fromEmulator['filter after deleting a stream']).toEqual(all.filter(([s]) => s !== 't-1'));
  });

  it('follows AWS where moto does not (each deviation named in MOTO_DEVIATIONS)', () => {
    const all = fromEmulator['filter all'] as Event[];
    expect(fromEmulator['filter logStreamNamePrefix']).toEqual(all.filter(([s]) => s.startsWith('s-')));
    expect(fromMoto['filter logStreamNamePrefix']).toEqual(all); // moto: the prefix is ignored
    expect(fromEmulator['filter names and prefix']).toEqual({ error: 'InvalidParameterException' });
    expect(fromMoto['filter names and prefix']).not.toHaveProperty('error');
    // x-2 was created second but put first: AWS orders equal timestamps by ingestion, then the request.
    expect(fromEmulator['filter same timestamp, put order differs from stream order']).toEqual([
      ['x-2', base, 'x2 put first'],
      ['x-1', base, 'x1 put second'],
    ]);
    // GetLogEvents endTime is exclusive on AWS: only the event before base+1000.
    expect(fromEmulator['get endTime']).toEqual([[base, 's2 first']]);
    expect(fromMoto['get endTime']).toHaveLength(3);
  });

  it('ends GetLogEvents paging with the same token, forwards and backwards, with no event lost or repeated', () => {
    expect(fromEmulator['get head in pages of 3']).toEqual({
      events: [[base, 's2 first'], [base + 1000, 's2 second ERROR'], [base + 1000, 's2 third'], [base + 3000, 's2 fourth']],
      endedWithSameToken: true,
      lastPageEmpty: true,
    });
    const s1 = [[base, 's1 first GET 200'], [base, 's1 second ERROR 500'], [base + 1000, 's1 third'], [base + 2000, 's1 fourth']];
    expect(fromEmulator['get head in pages of 1']).toMatchObject({ events: s1, endedWithSameToken: true });
    expect(fromEmulator['get tail in pages of 3, backwards']).toMatchObject({ events: s1, endedWithSameToken: true });
    expect(fromEmulator['get tail, one page']).toEqual([[base + 1000, 's2 third'], [base + 3000, 's2 fourth']]);
  });

  it('raises the same error codes as moto and AWS', () => {
    const codes = Object.fromEntries(Object.entries(fromEmulator).filter(([, outcome]) => outcome !== null && typeof outcome === 'object' && 'error' in outcome));
    expect(codes).toEqual({
      'createLogGroup duplicate': { error: 'ResourceAlreadyExistsException' },
      'createLogStream duplicate': { error: 'ResourceAlreadyExistsException' },
      'createLogStream in a missing group': { error: 'ResourceNotFoundException' },
      'put out of order': { error: 'InvalidParameterException' },
      'put to a missing stream': { error: 'ResourceNotFoundException' },
      'put to a missing group': { error: 'ResourceNotFoundException' },
      'filter names and prefix': { error: 'InvalidParameterException' },
      'filter limit 10001': { error: 'InvalidParameterException' },
      'filter a missing group': { error: 'ResourceNotFoundException' },
      'describeLogGroups limit 51': { error: 'InvalidParameterException' },
      'describeLogStreams LastEventTime with a prefix': { error: 'InvalidParameterException' },
      'describeLogStreams limit 51': { error: 'InvalidParameterException' },
      'describeLogStreams a missing group': { error: 'ResourceNotFoundException' },
      'get limit 10001': { error: 'InvalidParameterException' },
      'get a missing stream': { error: 'ResourceNotFoundException' },
      'get a missing group': { error: 'ResourceNotFoundException' },
      'deleteLogStream again': { error: 'ResourceNotFoundException' },
      'deleteLogGroup again': { error: 'ResourceNotFoundException' },
    });
  });

  it('checks SigV4 and quotas, which moto does not: a wrong secret and a burst past the quota fail only on the emulator', async () => {
    // moto accepts any signature and has no token buckets; AWS answers InvalidSignatureException and ThrottlingException.
    const script = [
      'import boto3, botocore.config, botocore.exceptions, json, sys',
      'cfg = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})',
      'def code(call):',
      '    try:',
      '        call(); return "ok"',
      '    except botocore.exceptions.ClientError as e:',
      '        return e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]',
      'bad = boto3.client("logs", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="not-the-secret", config=cfg)',
      'good = boto3.client("logs", endpoint_url=sys.argv[1], region_name="eu-west-2", config=cfg)',
      'out = {"wrongSecret": code(lambda: bad.describe_log_groups())}',
      'out["burst"] = [code(lambda: good.describe_log_groups()) for _ in range(11)]',
      'print(json.dumps(out))',
    ].join('\n');
    // A clock that stands still: DescribeLogGroups' bucket (10 TPS, burst 10) cannot refill, however slow this machine is.
    const frozenMilliseconds = Date.now();
    const strict = await startEmulator({ port: 0, quotas: 'aws', clock: () => frozenMilliseconds });
    try {
      const [onEmulator, onMoto] = await Promise.all(
        [strict.url, moto.url].map(async (url) => {
          const result = await runProcess('python3', ['-c', script, url], env);
          if (result.exitCode !== 0) throw new Error(result.stderr);
          return JSON.parse(result.stdout) as { wrongSecret: string; burst: string[] };
        }),
      );
      expect(onMoto).toEqual({ wrongSecret: 'ok', burst: Array.from({ length: 11 }, () => 'ok') });
      expect(onEmulator?.wrongSecret).toMatch(/^InvalidSignatureException: The request signature we calculated does not match the signature you provided/);
      expect(onEmulator?.burst).toEqual([...Array.from({ length: 10 }, () => 'ok'), 'ThrottlingException: Rate exceeded']);
    } finally {
      await strict.stop();
    }
  });
});
