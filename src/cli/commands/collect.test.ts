import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorConnector, putMessages, logsClient } from '../../connectors/testing.js';
import { startEmulator, type RunningEmulator } from '../../emulator/emulator.js';
import { captureIo } from '../../../test/collector/support.js';
import { finished, spawnCwc } from '../../../test/support/spawn-cwc.js';
import { main } from '../main.js';

describe('cwc collect', () => {
  let emulator: RunningEmulator | undefined;
  let directory: string | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    if (directory !== undefined) rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  });

  it('refuses a --max-requests-per-second outside 1–100000 with a usage error', async () => {
    const { io, stderr: err } = captureIo();
    expect(await main(['collect', '--connector', 'x.json', '--db', 'x.db', '--max-requests-per-second', '0'], io)).toBe(2);
    expect(err()).toMatch(/--max-requests-per-second: must be an integer from 1 to 100000, got '0'/);
  });

  it('stores through its worker thread and spends no more requests per second than --max-requests-per-second', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    await putMessages(logsClient(emulator.url), 'app', 's', Array.from({ length: 60 }, (_, i) => `line ${i}`), Date.now() - 5_000);
    directory = mkdtempSync(join(tmpdir(), 'cwc-collect-cli-'));
    const file = join(directory, 'connector.json');
    writeFileSync(file, JSON.stringify(emulatorConnector(emulator.url, ['app'], { startTime: new Date(Date.now() - 60_000).toISOString() })));
    const { io, stdout: out, stderr: err } = captureIo();
    // 6 pages of 10 at 2 requests/s: the one-second burst pays for 2, the other 4 take about 2 seconds.
    const code = await main(['collect', '--connector', file, '--db', join(directory, 'store.db'), '--once', '--json', '--page-size', '10', '--max-requests-per-second', '2'], io);
    expect(code, err()).toBe(0);
    const summary = JSON.parse(out().trim()) as { stored: number; requests: number; startedAt: number; finishedAt: number };
    expect(summary.stored).toBe(60);
    expect(summary.requests).toBeGreaterThanOrEqual(6);
    expect(summary.finishedAt - summary.startedAt).toBeGreaterThan(1_500);
  }, 30_000);
  it('keeps collecting every interval until SIGTERM, then stops its thread and exits 0 after the cycle it reported', async () => {
    emulator = await startEmulator({ port: 0, quotas: 'off' });
    await putMessages(logsClient(emulator.url), 'app', 's', ['one', 'two', 'three'], Date.now() - 5_000);
    directory = mkdtempSync(join(tmpdir(), 'cwc-collect-cli-'));
    const file = join(directory, 'connector.json');
    writeFileSync(file, JSON.stringify(emulatorConnector(emulator.url, ['app'], { startTime: new Date(Date.now() - 60_000).toISOString() })));
    const child = spawnCwc(['collect', '--connector', file, '--db', join(directory, 'store.db'), '--json']);
    const result = finished(child);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The first cycle is reported; the collector now waits its interval (minutes): stop it.
      if (out.includes('\n')) child.kill('SIGTERM');
    });
    const { code, stderr } = await result;
    expect(code, stderr).toBe(0);
    expect((JSON.parse(out.trim().split('\n')[0] as string) as { stored: number }).stored).toBe(3);
  }, 30_000);

  it('reports a store it cannot open and exits 1, without hanging on its thread', async () => {
    directory = mkdtempSync(join(tmpdir(), 'cwc-collect-cli-'));
    const file = join(directory, 'connector.json');
    writeFileSync(file, JSON.stringify(emulatorConnector('http://127.0.0.1:9', ['app'])));
    const { io, stderr: err } = captureIo();
    // A directory where the database file should be: SQLite cannot open it.
    expect(await main(['collect', '--connector', file, '--db', directory, '--once'], io)).toBe(1);
    expect(err()).toMatch(/\S/);
  }, 30_000);
});

