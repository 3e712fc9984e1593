// `cwc` entry: finds the command, parses its arguments, and turns errors into exit codes (1 runtime, 2 usage).
import { CwcError, UsageError, errorMessage } from '../core/errors.js';
import { parseCommandArgs, type Command, type CommandIo } from './command.js';
import { commands } from './commands/index.js';

const processIo: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

function overview(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['Usage: cwc COMMAND [options]', '', 'Commands:', ...lines, '', 'Run `cwc COMMAND --help` for the options of one command.', ''].join('\n');
}

export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(overview());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    const { version } = await import('./version.js');
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`cwc: unknown command '${name}'. Run 'cwc --help' for the list.\n`);
    return 2;
  }
  try {
    const args = parseCommandArgs(command, rest);
    if (args === 'help') {
      io.stdout.write(`${command.usage.trimEnd()}\n`);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError || (error instanceof CwcError && error.status === 400)) {
      io.stderr.write(`cwc ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`cwc ${name}: ${errorMessage(error)}\n`);
    return 1;
  }
}
