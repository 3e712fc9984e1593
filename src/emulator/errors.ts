// An AWS error as the emulator answers it: the AWS code, its message and HTTP status, for either wire protocol.

export class AwsError extends Error {
  readonly code: string;
  readonly status: number;
  /** STS `Error/Type`: Sender for 4xx, Receiver for server faults. */
  readonly type: 'Sender' | 'Receiver';
  /** Extra response headers, e.g. `x-amz-retry-after`. */
  readonly headers: Record<string, string>;

  constructor(code: string, message: string, status = 400, headers: Record<string, string> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = status;
    this.type = status >= 500 ? 'Receiver' : 'Sender';
    this.headers = headers;
  }
}

/** The JSON-1.1 validation message AWS's Coral stack produces for one failed constraint. */
export function constraintError(field: string, value: unknown, constraint: string, code = 'InvalidParameterException'): AwsError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new AwsError(code, `1 validation error detected: Value '${shown}' at '${field}' failed to satisfy constraint: ${constraint}`);
}
