// The emulator's HTTP front: routes Logs (X-Amz-Target) and STS (Action) requests through faults, SigV4, quotas and IAM.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sleep, type Clock } from '../core/clock.js';
import { AwsError } from './errors.js';
import { newRequestId, sendJsonError, sendJsonResult, sendXmlError, sendXmlResult } from './http.js';
import type { Authenticator, Authorizer, EmulatorRequest, FaultInjector, LogsService, QuotaGate, ServiceName, StsService } from './types.js';

export interface EmulatorServerParts {
  logs: LogsService;
  sts: StsService;
  authenticator: Authenticator;
  authorizer: Authorizer;
  quotas?: QuotaGate;
  faults?: FaultInjector;
  /** The emulator's time: signatures are checked against it and the `Date` header reports it. Default: system time. */
  clock?: Clock;
  /** Non-AWS endpoints under `/_emulator/` (health, ground truth): served without auth, quotas or faults. */
  internal?: (path: string, query: URLSearchParams, response: ServerResponse) => void;
}

const INTERNAL_PREFIX = '/_emulator/';

const LOGS_TARGET_PREFIX = 'Logs_20140328.';
/** PutLogEvents carries at most 1 MiB of messages; JSON escaping can inflate that several times. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError('SerializationException', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function headerMap(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** Decides which service and operation a request is for, from X-Amz-Target or the Query `Action`. */
function route(method: string, headers: Record<string, string>, query: string, body: Buffer): { service: ServiceName; operation: string; params?: URLSearchParams } {
  const target = headers['x-amz-target'];
  if (target !== undefined) {
    if (!target.startsWith(LOGS_TARGET_PREFIX)) throw new AwsError('UnknownOperationException', '');
    return { service: 'logs', operation: target.slice(LOGS_TARGET_PREFIX.length) };
  }
  const params = new URLSearchParams(query);
  if (method === 'POST' && (headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value);
  }
  const action = params.get('Action');
  if (action) return { service: 'sts', operation: action, params };
  throw new AwsError('UnknownOperationException', '');
}

export function createEmulatorServer(parts: EmulatorServerParts): Server {
  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    if (parts.clock !== undefined) response.setHeader('Date', new Date(parts.clock()).toUTCString());
    let service: ServiceName = (request.headers['x-amz-target'] ?? '') === '' ? 'sts' : 'logs';
    try {
      const body = await readBody(request);
      const url = request.url ?? '/';
      const queryStart = url.indexOf('?');
      const path = queryStart === -1 ? url : url.slice(0, queryStart);
      const query = queryStart === -1 ? '' : url.slice(queryStart + 1);
      const headers = headerMap(request);
      const routed = route(request.method ?? 'GET', headers, query, body);
      service = routed.service;
      const emulatorRequest: EmulatorRequest = { method: request.method ?? 'GET', path, query, headers, body, service, operation: routed.operation };

      const fault = parts.faults?.decide(emulatorRequest) ?? { kind: 'none' };
      if (fault.kind === 'reset') {
        request.socket.destroy();
        return;
      }
      if (fault.kind === 'slow') await sleep(fault.delayMilliseconds);
      if (fault.kind === 'throttle') throw new AwsError(service === 'logs' ? 'ThrottlingException' : 'Throttling', 'Rate exceeded');
      if (fault.kind === 'error') throw new AwsError('ServiceUnavailableException', 'The service is unavailable. Please try again shortly.', 500);

      const { principal, region } = parts.authenticator.authenticate(emulatorRequest);
      const scope = { accountId: principal.accountId, region };
      parts.quotas?.take(scope, service, routed.operation);

      if (service === 'sts') {
        sendXmlResult(response, parts.sts.handle(principal, region, routed.params ?? new URLSearchParams(), requestId), requestId);
        return;
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw new AwsError('SerializationException', 'Unable to parse request body as JSON');
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new AwsError('SerializationException', 'Request body must be a JSON object');
      parts.authorizer.authorizeLogs(principal, scope, routed.operation, input as Record<string, unknown>);
      sendJsonResult(response, parts.logs.handle(scope, routed.operation, input as Record<string, unknown>), requestId);
    } catch (error) {
      if (response.headersSent || response.destroyed) return;
      const awsError = error instanceof AwsError ? error : new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
      if (!(error instanceof AwsError)) process.stderr.write(`emulator: internal error: ${(error as Error).stack ?? String(error)}\n`);
      if (service === 'sts') sendXmlError(response, awsError, requestId);
      else sendJsonError(response, awsError, requestId);
    }
  }
  return createServer((request, response) => {
    if (parts.internal !== undefined && request.method === 'GET' && (request.url ?? '').startsWith(INTERNAL_PREFIX)) {
      const [path, query] = (request.url as string).split('?') as [string, string | undefined];
      parts.internal(path, new URLSearchParams(query ?? ''), response);
      return;
    }
    void serve(request, response);
  });
}

/** Starts listening and resolves with the base URL, e.g. `http://127.0.0.1:4566`. */
export function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shownHost}:${address.port}`);
    });
  });
}
