// Starts a worker thread from a sibling module, both from compiled JavaScript (dist/) and from TypeScript (tests, tsx).
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

/**
 * `startWorker(import.meta.url, './search-worker', …)` runs `./search-worker.js` next to a compiled caller, or
 * `./search-worker.ts` when the caller itself runs as TypeScript (vitest, `npx tsx`): the worker then registers tsx's
 * loader before importing the module, so the same code works in both without a build step in tests.
 */
export function startWorker(callerUrl: string, relativeModule: string, options: WorkerOptions = {}): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(fileURLToPath(new URL(`${relativeModule}.js`, callerUrl)), options);
  const moduleUrl = new URL(`${relativeModule}.ts`, callerUrl).href;
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })
    .catch((error) => { setImmediate(() => { throw error; }); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
