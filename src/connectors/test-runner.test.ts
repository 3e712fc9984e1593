import { afterEach, describe, expect, it } from 'vitest';
import { CwcError } from '../core/errors.js';
import { startEmulator, type RunningEmulator } from '../emulator/emulator.js';
import { TestRunner } from './test-runner.js';
import { emulatorConnector, logsClient, putMessages } from './testing.js';

describe('TestRunner', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => emulator?.stop());

  it('runs one connectivity test at a time and tells a second caller which test is running', async () => {
    // Slow responses keep the first test running while the second request arrives.
    emulator = await startEmulator({ port: 0, quotas: 'off', faults: 'slow=1:300' });
    await putMessages(logsClient(emulator.url), 'vpc-flow', 's', ['x'], Date.now() - 5_000);
    const runner = new TestRunner();
    const connector = emulatorConnector(emulator.url, ['vpc-flow']);
    const first = runner.run('c1', connector);
    expect(runner.running()).toMatchObject({ connectorId: 'c1' });
    const second = await runner.run('c2', connector).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(CwcError);
    expect(second).toMatchObject({ status: 409, code: 'test_in_progress', message: expect.stringMatching(/connector c1/) });
    expect((await first).ok).toBe(true);
    expect(runner.running()).toBeUndefined();
    expect((await runner.run('c2', connector)).ok).toBe(true);
  });
});
