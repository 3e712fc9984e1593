// End to end over real HTTP on 127.0.0.1: serve against the emulator, create a connector through the API, test it, run it, search it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorConnector, logsClient, putMessages } from '../connectors/testing.js';
import { startEmulator, type RunningEmulator } from '../emulator/emulator.js';
import { seedDemo } from './demo.js';
import { startService, type RunningService } from './serve.js';

const settings = { maxLatenessMilliseconds: 1_000, deepPeriodMilliseconds: 500, minimumLagWindowMilliseconds: 200, settleMilliseconds: 100, liveSpanMilliseconds: 60_000 };
const PASSWORD = 'end to end password';

// Response bodies are read field by field in assertions; a loose type keeps those lines short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let emulator: RunningEmulator;
let running: RunningService;
let dir: string;

async function call(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${running.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cwc-serve-'));
  emulator = await startEmulator({ port: 0, quotas: 'off' });
  await putMessages(logsClient(emulator.url), 'app-logs', 'web-1', ['GET /login 200 alice', 'POST /login 401 mallory', 'GET /health 200'], Date.now() - 5_000);
  running = await startService({
    dataDirectory: dir,
    port: 0,
    env: { CWC_ADMIN_PASSWORD: PASSWORD, CWC_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') },
    scheduler: { collectOptions: { settings }, intervalMilliseconds: () => 60_000 },
    api: { logStream: false },
  });
});
afterAll(async () => {
  await running?.close();
  await emulator?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('cwc serve, end to end', () => {
  it('creates, tests, runs and searches a connector through the API', async () => {
    expect((await call('GET', '/api/v1/healthz')).status).toBe(200);
    const { json: session } = await call('POST', '/api/v1/auth/login', undefined, { username: 'admin', password: PASSWORD });
    const token = session.token as string;
    expect((await call('POST', '/api/v1/tenants', token, { name: 'acme' })).status).toBe(201);

    const connector = emulatorConnector(emulator.url, ['app-logs'], { startTime: '-PT10M' });
    const created = await call('POST', '/api/v1/connectors', token, { ...connector, name: 'e2e', addToDefaultProfile: true });
    expect(created.status).toBe(201);
    const id = created.json.connector.id as string;

    const tested = await call('POST', `/api/v1/connectors/${id}/test`, token);
    expect(tested.status).toBe(200);
    expect(tested.json.ok).toBe(true);

    // Joining the default profile already started a pull; run now waits for it (or a new one).
    const run = await call('POST', `/api/v1/connectors/${id}/run?wait=true`, token);
    expect(run.status).toBe(200);
    let total = 0;
    for (let attempt = 0; attempt < 50 && total < 3; attempt += 1) {
      const found = await call('POST', '/api/v1/search', token, { query: 'login', histogram: true });
      expect(found.status).toBe(200);
      total = found.json.total.value;
      if (total < 3) await call('POST', `/api/v1/connectors/${id}/run?wait=true`, token);
    }
    const found = await call('POST', '/api/v1/search', token, { query: 'mallory' });
    expect(found.json.total.value).toBe(1);
    expect(found.json.hits[0]).toMatchObject({ tenant_name: 'acme', connector: { id } });

    const status = await call('GET', `/api/v1/connectors/${id}/status`, token);
    expect(status.json.pulling).toBe(true);
    expect(status.json.status.eventsCollected).toBe(3);
    expect(status.json.lastTest.result.ok).toBe(true);

    const metrics = await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(await metrics.text()).toMatch(new RegExp(`cwc_events_stored_total\\{connector="${id}"\\} 3`));
  }, 30_000);

  it('seeds the demo tenant and connectors, pointed at the emulator, in the default profile', async () => {
    const demo = seedDemo(running.service, emulator.url);
    expect(demo.connectorIds.length).toBeGreaterThan(0);
    const again = seedDemo(running.service, emulator.url);
    expect(again.connectorIds).toEqual(demo.connectorIds);
    for (const id of demo.connectorIds) {
      const runnable = running.service.connectors.runnable(id)!;
      expect(runnable.pulling).toBe(true);
      expect(runnable.connector.config.endpoint).toBe(emulator.url);
      expect(running.runtime.isScheduled(id)).toBe(true);
    }
  });
});
