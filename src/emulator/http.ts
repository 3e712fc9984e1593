// Wire formats of the two protocols: JSON 1.1 (Logs) and Query/XML (STS) responses, errors and headers.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AwsError } from './errors.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function newRequestId(): string {
  return randomUUID();
}

function send(response: ServerResponse, status: number, contentType: string, body: string, requestId: string, extraHeaders: Record<string, string> = {}): void {
  const payload = Buffer.from(body, 'utf8');
  response.writeHead(status, {
    'x-amzn-RequestId': requestId,
    // The server may have set Date from the emulator's clock: clients correct their clock skew from it.
    Date: (response.getHeader('date') as string | undefined) ?? new Date().toUTCString(),
    'Content-Type': contentType,
    'Content-Length': String(payload.length),
    ...extraHeaders,
  });
  response.end(payload);
}

/** A Logs success: the JSON result, or an empty body for operations without output. */
export function sendJsonResult(response: ServerResponse, result: unknown, requestId: string): void {
  send(response, 200, JSON_CONTENT_TYPE, result === undefined ? '' : JSON.stringify(result), requestId);
}

/** A Logs error: `{"__type": code, "message": …}`. */
export function sendJsonError(response: ServerResponse, error: AwsError, requestId: string): void {
  send(response, error.status, JSON_CONTENT_TYPE, JSON.stringify({ __type: error.code, message: error.message }), requestId, error.headers);
}

export function sendXmlResult(response: ServerResponse, xml: string, requestId: string): void {
  send(response, 200, 'text/xml', xml, requestId);
}

/** An STS error document: `ErrorResponse/Error{Type,Code,Message}` with a sibling `RequestId`. */
export function sendXmlError(response: ServerResponse, error: AwsError, requestId: string): void {
  const xml =
    `<ErrorResponse xmlns="${STS_NAMESPACE}">\n  <Error>\n    <Type>${error.type}</Type>\n    <Code>${escapeXml(error.code)}</Code>\n` +
    `    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  send(response, error.status, 'text/xml', xml, requestId, error.headers);
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}
