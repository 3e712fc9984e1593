// Per (account, region, API) token buckets with CloudWatch Logs' and STS's default TPS quotas.
import type { Clock } from '../../core/clock.js';
import { AwsError } from '../errors.js';
import type { QuotaGate, Scope, ServiceName } from '../types.js';

const FILTER_LOG_EVENTS_FIVE_TPS = new Set(['ap-northeast-3', 'ap-southeast-3', 'ca-west-1', 'eu-central-1', 'il-central-1']);
const GET_LOG_EVENTS_TEN_TPS = new Set(['us-west-2', 'ap-northeast-3', 'ap-southeast-3', 'ca-west-1', 'eu-central-1', 'eu-west-1', 'il-central-1']);

const LOGS_TPS: Record<string, number> = {
  DescribeLogGroups: 10,
  DescribeLogStreams: 25,
  PutLogEvents: 5000,
  CreateLogGroup: 10,
  CreateLogStream: 50,
  DeleteLogStream: 15,
  DeleteLogGroup: 10,
};
/** "Most other APIs: 5" in the CloudWatch Logs quotas table. */
const LOGS_OTHER_TPS = 5;
/** STS: 600 requests per second per account and region, shared by all its APIs. */
export const STS_TPS = 600;

/** The default transactions per second AWS allows for one Logs API in one region (CloudWatch Logs quotas page). */
export function logsTransactionsPerSecond(region: string, operation: string): number {
  if (operation === 'FilterLogEvents') return region === 'us-east-1' ? 25 : FILTER_LOG_EVENTS_FIVE_TPS.has(region) ? 5 : 10;
  if (operation === 'GetLogEvents') return region === 'eu-west-3' ? 30 : GET_LOG_EVENTS_TEN_TPS.has(region) ? 10 : 25;
  return LOGS_TPS[operation] ?? LOGS_OTHER_TPS;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

export function createQuotaGate(options: { clock: Clock }): QuotaGate {
  const { clock } = options;
  const buckets = new Map<string, Bucket>();
  return {
    take(scope: Scope, service: ServiceName, operation: string) {
      const tps = service === 'sts' ? STS_TPS : logsTransactionsPerSecond(scope.region, operation);
      const key = `${scope.accountId}/${scope.region}/${service === 'sts' ? 'sts' : operation}`;
      const now = clock();
      // Burst = one second of quota: a client pacing at exactly the quota never waits, and a burst measures the TPS.
      const bucket = buckets.get(key) ?? { tokens: tps, refilledAt: now };
      bucket.tokens = Math.min(tps, bucket.tokens + ((now - bucket.refilledAt) / 1000) * tps);
      bucket.refilledAt = now;
      buckets.set(key, bucket);
      if (bucket.tokens < 1) throw new AwsError(service === 'logs' ? 'ThrottlingException' : 'Throttling', 'Rate exceeded');
      bucket.tokens -= 1;
    },
  };
}
