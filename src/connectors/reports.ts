// What a connectivity test and a connector's status report, as plain types: the API sends them and the console reads them.
import type { ExplainedError, ProblemStatus } from '../aws/explained-error.js';

export interface TestCheck {
  /** e.g. `logs:FilterLogEvents on vpc-flow`. */
  name: string;
  status: 'passed' | 'failed' | 'warning';
  detail: string;
  error?: ExplainedError;
}

export interface ConnectivityResult {
  ok: boolean;
  /** One sentence: what failed, on what, for whom — or that everything works. */
  summary: string;
  /** 200 on success, else the product document's class of the first failure. */
  httpStatus: 200 | ProblemStatus;
  httpName: string;
  explanation?: string;
  recommendation?: string;
  awsCode?: string;
  awsMessage?: string;
  failedCheck?: string;
  /** The identity the Logs calls were made as (user or assumed role ARN). */
  identity?: string;
  checks: TestCheck[];
  durationMilliseconds: number;
}

export type ConnectorState = 'pending' | 'ok' | 'failed';

export interface LogGroupStatus {
  logGroup: string;
  lagMilliseconds: number;
  finalUntil: number;
  error?: ExplainedError;
}

export interface ConnectorStatus {
  state: ConnectorState;
  /** When this status was computed (at most every five minutes, or right after a test). */
  updatedAt: number;
  running: boolean;
  lastRunAt?: number;
  lastRunDurationMilliseconds?: number;
  /** Events stored since the service started. */
  eventsCollected: number;
  eventsLastRun: number;
  throttles: number;
  logGroups: LogGroupStatus[];
  lastError?: ExplainedError & { logGroup?: string; at: number };
  /** Set while a successful test holds a failed status cleared. */
  clearedByTestAt?: number;
}
