// Starts a worker thread from a sibling module, both from compiled JavaScript (dist/) and from TypeScript (tests, tsx).
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

/**
 * `startWorker(import.meta.url, './search-worker', …)` runs `./search-worker.js` next to a compiled caller, or
 * `./search-worker.ts` when the caller itself runs as TypeScript (vitest, `npx tsx`): the worker then registers tsx's
 * loader before importing the module, so the same code works in both without a build step in tests.
 */
export function startWorker(callerUrl: string, relativeModule: string, options: WorkerOptions = {}): Worker {
  const moduleUrl = siblingModuleUrl(callerUrl, relativeModule);
  if (!moduleUrl.endsWith('.ts')) return new Worker(fileURLToPath(moduleUrl), options);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); })
    .catch((error) => { setImmediate(() => { throw error; }); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** The `file:` URL of a sibling module: its `.ts` file when the caller runs as TypeScript (tests, tsx), else `.js`. */
export function siblingModuleUrl(callerUrl: string, relativeModuleWithoutExtension: string): string {
  return new URL(`${relativeModuleWithoutExtension}${callerUrl.endsWith('.ts') ? '.ts' : '.js'}`, callerUrl).href;
}
