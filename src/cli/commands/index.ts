// The registry of `cwc` commands, in the order `cwc --help` lists them. One line per command.
import type { Command } from '../command.js';
import { emulatorCommand } from './emulator.js';
import { collectCommand } from './collect.js';
import { iamPolicyCommand } from './iam-policy.js';
import { ingestCommand } from './ingest.js';
import { parseCommand } from './parse.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { testCommand } from './test.js';

export const commands: Command[] = [
  serveCommand,
  emulatorCommand,
  collectCommand,
  testCommand,
  iamPolicyCommand,
  parseCommand,
  ingestCommand,
  searchCommand,
];
