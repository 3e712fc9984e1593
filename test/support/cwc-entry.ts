// Runs the CLI from source (through tsx) so tests that spawn `cwc` never run a stale build.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
