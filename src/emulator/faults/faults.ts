// The --faults SPEC (throttle, error, reset, slow, late) and a seeded injector, so fault runs are reproducible.
import { UsageError } from '../../core/errors.js';
import type { FaultDecision, FaultInjector } from '../types.js';

export interface FaultSpec {
  throttle: number;
  error: number;
  reset: number;
  slow: { rate: number; delayMilliseconds: number };
  late: { rate: number; maxDelaySeconds: number };
}

export const NO_FAULTS: FaultSpec = { throttle: 0, error: 0, reset: 0, slow: { rate: 0, delayMilliseconds: 0 }, late: { rate: 0, maxDelaySeconds: 0 } };

const DEFAULT_SLOW_MILLISECONDS = 2000;
const DEFAULT_LATE_SECONDS = 120;

/** Parses `throttle=0.05,error=0.02,reset=0.01,slow=0.05:2000,late=0.3:120`; errors name the bad item. */
export function parseFaultSpec(spec: string | undefined): FaultSpec {
  const result: FaultSpec = structuredClone(NO_FAULTS);
  if (spec === undefined || spec.trim() === '') return result;
  const seen = new Set<string>();
  for (const rawItem of spec.split(',')) {
    const item = rawItem.trim();
    const bad = (why: string) => new UsageError(`--faults: '${item}': ${why}`, [{ path: 'faults', message: `'${item}': ${why}` }]);
    const match = /^([a-z]+)=([^:]*)(?::(.*))?$/.exec(item);
    if (!match) throw bad('expected name=rate or name=rate:param, e.g. throttle=0.05 or slow=0.05:2000');
    const [, name, rateText, paramText] = match as unknown as [string, string, string, string | undefined];
    if (!['throttle', 'error', 'reset', 'slow', 'late'].includes(name)) throw bad('unknown fault; use throttle, error, reset, slow or late');
    if (seen.has(name)) throw bad(`${name} is given twice`);
    seen.add(name);
    const rate = Number(rateText);
    if (rateText === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) throw bad('the rate must be a number from 0 to 1');
    const param = paramText === undefined ? undefined : Number(paramText);
    if (paramText !== undefined && (paramText === '' || !Number.isFinite(param) || (param as number) < 0)) throw bad('the parameter must be a non-negative number');
    if (name === 'slow') result.slow = { rate, delayMilliseconds: param ?? DEFAULT_SLOW_MILLISECONDS };
    else if (name === 'late') result.late = { rate, maxDelaySeconds: param ?? DEFAULT_LATE_SECONDS };
    else if (paramText !== undefined) throw bad(`${name} takes no parameter`);
    else result[name as 'throttle' | 'error' | 'reset'] = rate;
  }
  if (result.throttle + result.error + result.reset + result.slow.rate > 1 + 1e-9) {
    throw new UsageError('--faults: the rates of throttle, error, reset and slow add up to more than 1', [{ path: 'faults', message: 'request fault rates add up to more than 1' }]);
  }
  return result;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; enough for reproducible fault draws. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Faults extends FaultInjector {
  spec: FaultSpec;
  /** For the Logs store: how long after ingestion one put event stays invisible to reads (0 for most). */
  visibilityDelayMilliseconds(): number;
}

/** Faults apply to CloudWatch Logs calls only: STS stays reliable so credential set-up is not what tests fight. */
export function createFaults(spec: FaultSpec, seed = 1): Faults {
  const requestRandom = seededRandom(seed);
  // A separate stream for late ingestion, so adding puts does not change which requests fail.
  const lateRandom = seededRandom(seed ^ 0x9e3779b9);
  const active = spec.throttle + spec.error + spec.reset + spec.slow.rate > 0;
  return {
    spec,
    decide(request): FaultDecision {
      if (!active || request.service !== 'logs') return { kind: 'none' };
      // One draw per request against the cumulative rates: the kinds are exclusive and each keeps its own share.
      const draw = requestRandom();
      let bound = spec.throttle;
      if (draw < bound) return { kind: 'throttle' };
      bound += spec.error;
      if (draw < bound) return { kind: 'error' };
      bound += spec.reset;
      if (draw < bound) return { kind: 'reset' };
      bound += spec.slow.rate;
      if (draw < bound) return { kind: 'slow', delayMilliseconds: spec.slow.delayMilliseconds };
      return { kind: 'none' };
    },
    visibilityDelayMilliseconds() {
      if (spec.late.rate === 0 || lateRandom() >= spec.late.rate) return 0;
      return Math.floor(lateRandom() * spec.late.maxDelaySeconds * 1000);
    },
  };
}
