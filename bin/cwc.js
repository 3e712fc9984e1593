#!/usr/bin/env node
// Entry point of the `cwc` executable: runs the compiled CLI (built by `npm ci` through `prepare`).
// The AWS SDK warns on Node 20 that its releases after January 2027 need Node 22; package-lock.json pins today's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
