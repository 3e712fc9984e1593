// Test runner configuration: tests live beside the code they test (src/**/x.test.ts); browser tests in test/browser.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The SDK warns that releases after January 2027 need Node 22; the lockfile pins today's, so the warning is noise.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'node', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['test/browser/**', 'node_modules/**'] } },
      // Real Chromium against `cwc serve`: the console is built once (globalSetup); one file at a time keeps 2 cores usable.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/browser/support/global-setup.ts'], fileParallelism: false, testTimeout: 90_000 } },
    ],
  },
});
