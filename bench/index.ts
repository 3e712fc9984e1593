// `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) and prints their tables and the machine.
import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describeMachine } from './machine.js';

interface BenchModule {
  /** One line on what is measured and against which baseline. */
  title: string;
  run(): Promise<string>;
}

const wanted = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();

// See docs/decisions/0006: the SDK's Node 20 notice would interleave with the tables.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Benchmarks that spawn `cwc` run the built CLI: build it from the current source first.
execSync('npm run build', { stdio: 'ignore', cwd: new URL('..', import.meta.url) });
console.log(describeMachine());
for (const file of files) {
  const module = (await import(`./${file}`)) as BenchModule;
  console.log(`\n## ${file.replace(/\.bench\.ts$/, '')}: ${module.title}\n`);
  console.log(await module.run());
}
