// Proves a worker starts from a TypeScript sibling module and talks back over its port.
import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { startWorker } from './worker-thread.js';

describe('startWorker', () => {
  it('runs a TypeScript sibling module and exchanges messages', async () => {
    const worker = startWorker(import.meta.url, './testdata/multiply-worker', { workerData: { factor: 3 } });
    try {
      worker.postMessage(14);
      const [answer] = await once(worker, 'message');
      expect(answer).toBe(42);
    } finally {
      await worker.terminate();
    }
  });

  it('reports a missing module as an error event, not a hang', async () => {
    const worker = startWorker(import.meta.url, './no-such-module');
    const [error] = await once(worker, 'error');
    expect(String(error)).toMatch(/no-such-module/);
  });
});
