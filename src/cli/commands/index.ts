// The registry of `cwc` commands, in the order `cwc --help` lists them. One line per command.
import type { Command } from '../command.js';
import { iamPolicyCommand } from './iam-policy.js';
import { ingestCommand } from './ingest.js';
import { searchCommand } from './search.js';

export const commands: Command[] = [
  iamPolicyCommand,
  ingestCommand,
  searchCommand,
];
