// Builds the web console once per browser test run, into a temporary directory the tests serve (never the user's dist/).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    consoleDirectory: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const directory = mkdtempSync(join(tmpdir(), 'cwc-console-'));
  await build({ configFile: join(import.meta.dirname, '../../../vite.config.ts'), logLevel: 'warn', build: { outDir: directory, emptyOutDir: true, sourcemap: false } });
  project.provide('consoleDirectory', directory);
  return () => rmSync(directory, { recursive: true, force: true });
}
