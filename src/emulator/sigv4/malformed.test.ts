// Requests that are not properly signed at all: missing or malformed Authorization, absent signed headers, bad scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_KEY_ID } from '../iam/defaults.js';
import { formatAmzDate } from './signature.js';
import { startTestEmulator, type TestEmulator } from './testing.js';

describe('malformed authentication', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => emulator.stop());

  async function logs(headers: Record<string, string>): Promise<{ status: number; body: { __type: string; message: string } }> {
    const response = await fetch(emulator.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups', ...headers }, body: '{}' });
    return { status: response.status, body: (await response.json()) as { __type: string; message: string } };
  }
  const amzDate = () => formatAmzDate(Date.now());
  const authorization = (credential: string, signedHeaders = 'host;x-amz-date') => `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signedHeaders}, Signature=${'0'.repeat(64)}`;
  const scope = (service: string, region = 'us-east-1') => `${DEFAULT_ACCESS_KEY_ID}/${amzDate().slice(0, 8)}/${region}/${service}/aws4_request`;

  it('answers each failure with the Logs code and message', async () => {
    expect(await logs({})).toEqual({ status: 400, body: { __type: 'MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' } });
    expect((await logs({ authorization: 'AWS4-HMAC-SHA256 Credential' })).body.__type).toBe('IncompleteSignatureException');
    expect((await logs({ authorization: `AWS4-HMAC-SHA256 Credential=${scope('logs')}`, 'x-amz-date': amzDate() })).body.message).toMatch(/^Authorization header requires 'Signature' parameter\. Authorization header requires 'SignedHeaders' parameter\./);
    expect((await logs({ authorization: authorization(scope('logs'), 'host;x-amz-date;x-custom'), 'x-amz-date': amzDate() })).body).toEqual({
      __type: 'IncompleteSignatureException',
      message: "'x-custom' is named as a SignedHeader, but it does not exist in the HTTP request.",
    });
    expect((await logs({ authorization: authorization(scope('logs'), 'host') })).body.message).toBe("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    expect((await logs({ authorization: authorization(scope('s3')), 'x-amz-date': amzDate() })).body).toEqual({ __type: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'logs'. " });
    expect((await logs({ authorization: authorization(scope('logs', 'mars-1')), 'x-amz-date': amzDate() })).body.message).toBe("Credential should be scoped to a valid region, not 'mars-1'. ");
    expect((await logs({ authorization: authorization(scope('logs')), 'x-amz-date': amzDate() })).body.__type).toBe('InvalidSignatureException');
    expect(emulator.calls).toHaveLength(0);
  });

  it('answers STS with the Query codes in an ErrorResponse document', async () => {
    const response = await fetch(emulator.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    expect(response.status).toBe(403);
    const xml = await response.text();
    expect(xml).toContain('<Code>MissingAuthenticationToken</Code>');
    expect(xml).toMatch(/<\/Error>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });
});
