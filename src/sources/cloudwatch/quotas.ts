// AWS's default CloudWatch Logs API quotas (TPS per account and Region; aws-api.md §3.1), as the collector budgets them.

export type BudgetedApi = 'FilterLogEvents' | 'GetLogEvents' | 'DescribeLogGroups' | 'DescribeLogStreams';

const FILTER_LOG_EVENTS_FIVE = new Set(['ap-northeast-3', 'ap-southeast-3', 'ca-west-1', 'eu-central-1', 'il-central-1']);
const GET_LOG_EVENTS_TEN = new Set(['us-west-2', 'ap-northeast-3', 'ap-southeast-3', 'ca-west-1', 'eu-central-1', 'eu-west-1', 'il-central-1']);

/** The account-wide default quota of one API in one Region, in requests per second. */
export function defaultQuotaPerSecond(api: BudgetedApi, region: string): number {
  switch (api) {
    case 'FilterLogEvents':
      if (region === 'us-east-1') return 25;
      return FILTER_LOG_EVENTS_FIVE.has(region) ? 5 : 10;
    case 'GetLogEvents':
      if (region === 'eu-west-3') return 30;
      return GET_LOG_EVENTS_TEN.has(region) ? 10 : 25;
    case 'DescribeLogGroups':
      return 10;
    case 'DescribeLogStreams':
      return 25;
  }
}
