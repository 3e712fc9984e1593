// The seams of the emulator: who is calling (Principal), and the services and gates the HTTP server composes.
import type { AwsError } from './errors.js';

export type PolicyDocument = { Version?: string; Statement: unknown };

/** The authenticated caller of one request. */
export interface Principal {
  accountId: string;
  /** `arn:aws:iam::ACCT:user/NAME` or `arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`. */
  arn: string;
  /** `AIDA…` for users, `AROA…:session` for assumed roles. */
  userId: string;
  kind: 'user' | 'assumed-role';
  /** Identity-based policies that apply to this caller's requests. */
  policies: PolicyDocument[];
  accessKeyId: string;
  /** For assumed roles: the role's ARN (`arn:aws:iam::ACCT:role/NAME`). */
  roleArn?: string;
  /** For session credentials: when they expire, ms since epoch. */
  expiresAt?: number;
  /** AssumeRole's inline session policy: the session may do only what both it and `policies` allow. */
  sessionPolicies?: PolicyDocument[];
}

/** Where a request is served: data is kept per (account, region). */
export interface Scope {
  accountId: string;
  region: string;
}

export type ServiceName = 'logs' | 'sts';

/** A request as the server has read it, before any service sees it. */
export interface EmulatorRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: string;
  /** Lower-cased header names; repeated headers joined with ','. */
  headers: Record<string, string>;
  body: Buffer;
  service: ServiceName;
  /** `FilterLogEvents`, `AssumeRole`, … */
  operation: string;
}

/** CloudWatch Logs data plane: one JSON operation in, its JSON result out; throws AwsError. */
export interface LogsService {
  handle(scope: Scope, operation: string, input: Record<string, unknown>): unknown;
}

/** Verifies SigV4 and resolves the caller; throws AwsError with the service's code on failure. */
export interface Authenticator {
  authenticate(request: EmulatorRequest): { principal: Principal; region: string };
}

/** IAM policy evaluation for one Logs action on the resources that AWS authorizes for it. */
export interface Authorizer {
  authorizeLogs(principal: Principal, scope: Scope, operation: string, input: Record<string, unknown>): void;
}

/** STS Query protocol: params in, XML document out; throws AwsError. */
export interface StsService {
  handle(principal: Principal, region: string, params: URLSearchParams, requestId: string): string;
}

/** Per (account, region, API) token buckets; throws a ThrottlingException AwsError when empty. */
export interface QuotaGate {
  take(scope: Scope, service: ServiceName, operation: string): void;
}

/** What the fault injector decides for one request, before it is served. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'throttle' }
  | { kind: 'error' }
  | { kind: 'reset' }
  | { kind: 'slow'; delayMilliseconds: number };

export interface FaultInjector {
  decide(request: EmulatorRequest): FaultDecision;
}

export type { AwsError };
