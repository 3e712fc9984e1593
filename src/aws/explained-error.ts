// The shape of an AWS error explained with the product document's HTTP class: plain types, also read by the console.

export type ProblemStatus = 400 | 401 | 403 | 404 | 429 | 503;

export interface Explanation {
  /** The HTTP class of the product document's troubleshooting table. */
  httpStatus: ProblemStatus;
  httpName: string;
  explanation: string;
  recommendation: string;
}

export interface ExplainedError extends Explanation {
  /** The exact AWS error code (`AccessDeniedException`) or network code (`ECONNREFUSED`). */
  awsCode: string;
  awsMessage: string;
  /** The HTTP status AWS actually answered with, when there was an answer. */
  awsHttpStatus?: number;
  requestId?: string;
}
