// Property test: 100,000 generated and mutated messages; the container/generic parsers never throw, never drop, never alter.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InterflowRecord } from '../../core/record.js';
import { parseContainer, parseGeneric } from './index.js';

const samples = (JSON.parse(readFileSync(new URL('./testdata/inputs.json', import.meta.url), 'utf8')) as Array<{ event: { message: string } }>).map(
  (golden) => golden.event.message,
);

/** A sample with a random cut, insertion or replacement: truncated JSON, stray quotes, control bytes, lone surrogates. */
const mutatedSample = fc
  .tuple(fc.constantFrom(...samples), fc.nat(), fc.nat(), fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('cut', 'insert', 'replace'))
  .map(([sample, at, span, text, how]) => {
    const position = at % (sample.length + 1);
    if (how === 'cut') return sample.slice(0, position);
    if (how === 'insert') return sample.slice(0, position) + text + sample.slice(position);
    return sample.slice(0, position) + text + sample.slice(position + (span % 16));
  });

/** A small JSON value of any type (cheaper to generate than fc.jsonValue, so 100,000 runs stay fast). */
const anyValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxKeys: 3 }),
);

/** Audit, FireLens and Container Insights shapes whose fields hold any JSON value: wrong types everywhere. */
const wrongTypes = fc
  .record(
    {
      kind: fc.constantFrom('Event', 'Other'), apiVersion: fc.constantFrom('audit.k8s.io/v1', 'v1'), Version: fc.constant('0'),
      Type: anyValue, ClusterName: anyValue, Timestamp: anyValue, verb: anyValue, user: anyValue,
      sourceIPs: anyValue, objectRef: anyValue, responseStatus: anyValue, stageTimestamp: anyValue,
      annotations: anyValue, log: anyValue, ecs_task_arn: anyValue, container_name: anyValue, kubernetes: anyValue,
    },
    { requiredKeys: [] },
  )
  .map((object) => JSON.stringify(object));

const message = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json({ maxDepth: 2 }),
  mutatedSample,
  mutatedSample,
  wrongTypes,
  fc.string({ unit: fc.constantFrom('{', '}', '"', '=', ' ', '\\', 'a', '[', ']', ':', ',', '\u0000'), maxLength: 60 }),
);
const streamName = fc.constantFrom(undefined, 'kube-apiserver-audit-0123456789abcdef0123456789abcdef', 'authenticator-0123456789abcdef0123456789abcdef', 'web/nginx/3de392df6bfa470b97edaa6f482cd7a6', 'x');

function hasNullOrUndefined(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object') return false;
  return Object.values(value as object).some(hasNullOrUndefined);
}

describe('container and generic parsers under hostile input', () => {
  it('return exactly one well-formed record with the message unchanged, for 100,000 inputs', () => {
    fc.assert(
      fc.property(message, streamName, fc.boolean(), (text, stream, generic) => {
        const event = { timestamp: 1_700_000_000_000, message: text, ...(stream === undefined ? {} : { logStreamName: stream }) };
        const record: InterflowRecord = (generic ? parseGeneric : parseContainer)(event, { logGroup: '/aws/eks/prod/cluster' });
        // Plain comparisons rather than expect(): 100,000 runs must stay cheap.
        return (
          record.message === text &&
          record.timestamp === event.timestamp &&
          record.log_family === (generic ? 'generic' : 'container') &&
          !hasNullOrUndefined(record) &&
          (JSON.parse(JSON.stringify(record)) as InterflowRecord).message === text
        );
      }),
      { numRuns: 100_000 },
    );
  }, 180_000);

  it('keeps lone surrogates and control characters byte for byte', () => {
    const text = '{"log":"\ud800 \u0000","ecs_cluster":"c"}\udfff';
    const record = parseContainer({ timestamp: 1, message: text }, {});
    expect(record.message).toBe(text);
    expect(record.parse_error).toMatch(/^invalid JSON/);
    const inner = parseContainer({ timestamp: 1, message: JSON.stringify({ log: '\ud800\u0007', ecs_cluster: 'c' }) }, {});
    expect(inner.log).toBe('\ud800\u0007');
  });

  it('keeps a 2 MB line whole', () => {
    const huge = `{"log":"${'A'.repeat(2_000_000)}","ecs_task_arn":"arn:aws:ecs:us-west-2:1:task/c/0123"}`;
    const record = parseContainer({ timestamp: 1, message: huge }, {});
    expect(record.message).toBe(huge);
    expect((record.log as string).length).toBe(2_000_000);
    expect(parseContainer({ timestamp: 1, message: huge.slice(0, -1) }, {}).parse_error).toMatch(/^invalid JSON/);
  });
});
