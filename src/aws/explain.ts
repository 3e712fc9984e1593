// Turns an AWS or network error into the product document's HTTP class, explanation and recommendation.
import { errorMessage } from '../core/errors.js';

import type { ExplainedError, Explanation, ProblemStatus } from './explained-error.js';

export type { ExplainedError, Explanation, ProblemStatus } from './explained-error.js';

/** The product document's table, verbatim. */
export const EXPLANATIONS: Record<ProblemStatus, Explanation> = {
  400: {
    httpStatus: 400,
    httpName: 'Bad Request',
    explanation: 'This error occurs when there is an error in the connector configuration.',
    recommendation: 'Did you configure the connector correctly?',
  },
  401: {
    httpStatus: 401,
    httpName: 'Unauthorized',
    explanation: 'This error occurs when an authentication credential is invalid or when a user does not have sufficient privileges to access a specific API.',
    recommendation: 'Did you enter your credentials correctly? Are your credentials expired? Are your credentials entitled or licensed for that specific resource?',
  },
  403: {
    httpStatus: 403,
    httpName: 'Forbidden',
    explanation: 'This error occurs when the permission or scope is not correct in a valid credential.',
    recommendation: 'Did you enter your credentials correctly? Do you have the required role or permissions for that credential?',
  },
  404: {
    httpStatus: 404,
    httpName: 'Not Found',
    explanation: 'This error occurs when a URL path does not resolve to an entity.',
    recommendation: 'Did you enter your API URL correctly?',
  },
  429: {
    httpStatus: 429,
    httpName: 'Too Many Requests',
    explanation: "This error occurs when the API server receives too much traffic or if a user's license or entitlement quota is exceeded.",
    recommendation:
      'The server or user license/quota will eventually recover. The connector will periodically retry the query. If this occurs unexpectedly or too often, work with your API provider to investigate the server limits, user licensing, or quotas.',
  },
  503: {
    httpStatus: 503,
    httpName: 'Service Unavailable',
    explanation: 'AWS answered with a server error or could not be reached in time.',
    recommendation: 'This is usually temporary: the connector retries. If it persists, check the AWS Health Dashboard for the Region and the network path to the endpoint.',
  },
};

const CODES_BY_STATUS: Array<[ProblemStatus, string[]]> = [
  [401, ['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'IncompleteSignature', 'IncompleteSignatureException', 'MissingAuthenticationToken', 'MissingAuthenticationTokenException', 'InvalidAccessKeyId', 'CredentialsProviderError']],
  [403, ['AccessDeniedException', 'AccessDenied', 'RegionDisabledException', 'UnauthorizedOperation']],
  [404, ['ResourceNotFoundException', 'UnknownOperationException', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']],
  [429, ['ThrottlingException', 'Throttling', 'LimitExceededException', 'TooManyRequestsException', 'RequestLimitExceeded']],
  [400, ['InvalidParameterException', 'ValidationError', 'ValidationException', 'MalformedPolicyDocument', 'InvalidParameterValue', 'SerializationException', 'validation_error', 'usage_error']],
  [503, ['ServiceUnavailableException', 'InternalFailure', 'InternalServerException', 'ECONNRESET', 'ETIMEDOUT', 'TimeoutError', 'RequestTimeout', 'EPIPE']],
];

const statusByCode = new Map<string, ProblemStatus>(CODES_BY_STATUS.flatMap(([status, codes]) => codes.map((code) => [code, status] as const)));

interface ErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  cause?: unknown;
}

/** The AWS error code of an SDK error, or the Node network code of a connection failure. */
export function awsErrorCode(error: unknown): string {
  const shape = (error ?? {}) as ErrorShape;
  const networkCode = typeof shape.code === 'string' ? shape.code : undefined;
  const causeCode = typeof (shape.cause as ErrorShape | undefined)?.code === 'string' ? (shape.cause as ErrorShape).code : undefined;
  if (networkCode && /^E[A-Z_]+$/.test(networkCode)) return networkCode;
  if (causeCode && /^E[A-Z_]+$/.test(causeCode)) return causeCode;
  return shape.name && shape.name !== 'Error' ? shape.name : (networkCode ?? 'UnknownError');
}

export function explainAwsError(error: unknown): ExplainedError {
  const shape = (error ?? {}) as ErrorShape;
  const awsCode = awsErrorCode(error);
  const awsHttpStatus = shape.$metadata?.httpStatusCode;
  let status = statusByCode.get(awsCode);
  if (status === undefined) {
    if (awsHttpStatus === 429) status = 429;
    else if (awsHttpStatus !== undefined && awsHttpStatus >= 500) status = 503;
    else if (awsHttpStatus === 403) status = 403;
    else if (awsHttpStatus === 404) status = 404;
    else status = awsHttpStatus === undefined ? 503 : 400;
  }
  return {
    ...EXPLANATIONS[status],
    awsCode,
    awsMessage: errorMessage(error),
    ...(awsHttpStatus === undefined ? {} : { awsHttpStatus }),
    ...(shape.$metadata?.requestId === undefined ? {} : { requestId: shape.$metadata.requestId }),
  };
}

/** Errors that a later attempt may not hit: throttling, server faults, dropped connections. */
export function isRetryable(error: unknown): boolean {
  const status = explainAwsError(error).httpStatus;
  return status === 429 || status === 503;
}
