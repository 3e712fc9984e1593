// Conformance test support: the real AWS CLI v2, python3/boto3 and moto_server as child processes against local endpoints.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_SECRET_ACCESS_KEY } from '../../src/emulator/iam/defaults.js';

/** The AWS CLI v2 from Debian's `awscli` (2.9.19). The `aws` on PATH may be v1, which paginates and exits differently. */
export const AWS_CLI_V2 = '/usr/bin/aws';
export const CONFORMANCE_DIRECTORY = dirname(fileURLToPath(import.meta.url));

export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Fails loudly (never skips) when a peer the proof depends on is missing: CI must install it. */
export function requireExecutable(path: string, hint: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is missing or not executable: ${hint}`);
  }
}

/** Finds `name` on PATH, failing with the hint when it is absent. */
export function requireOnPath(name: string, hint: string): string {
  for (const directory of (process.env.PATH ?? '').split(':')) {
    if (directory === '') continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  throw new Error(`${name} is not on PATH: ${hint}`);
}

/** §7 of reference/aws-api.md: fake keys, no IMDS, no user profile files, no pager. */
export function awsEnvironment(region: string, overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: '/nonexistent',
    AWS_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: DEFAULT_SECRET_ACCESS_KEY,
    AWS_DEFAULT_REGION: region,
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    ...overrides,
  };
}

/** Runs a process to completion and reports its exit code and output; a non-zero exit is a result, not an exception. */
export function runProcess(file: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMilliseconds = 60_000): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: timeoutMilliseconds, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`${file} ${args.join(' ')} did not run: ${error.message}\n${stderr}`));
        return;
      }
      resolve({ exitCode: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Runs one of this folder's python scripts and parses the JSON it prints; any failure shows its stderr. */
export async function runPythonScript<T>(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<T> {
  const result = await runProcess('python3', [join(CONFORMANCE_DIRECTORY, script), ...args], env, 120_000);
  if (result.exitCode !== 0) throw new Error(`python3 ${script} exited ${result.exitCode}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Runs `jobs` with at most `width` at a time (the machine has 2 cores shared with other work), keeping their order. */
export async function inParallel<T>(width: number, jobs: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, worker));
  return results;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningMoto {
  url: string;
  stop(): Promise<void>;
}

/** Starts `moto_server` on a free 127.0.0.1 port and waits until it answers HTTP. */
export async function startMotoServer(): Promise<RunningMoto> {
  const executable = requireOnPath('moto_server', 'moto is part of this machine image (pip install "moto[server]")');
  const port = await freePort();
  const child: ChildProcess = spawn(executable, ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode} before answering:\n${stderr}`);
    try {
      const response = await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`moto_server did not answer on ${url} within 30 s:\n${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Debian's interpreter, which the Debian awscli (v2) package installs its modules into. */
export const CLI_PYTHON = '/usr/bin/python3';

/**
 * Runs AWS CLI v2 commands (argv without `aws`) in one interpreter through cli_batch.py, in order, and returns each
 * command's exit code and output: the CLI's own entry point, without paying its ~0.5 s import per command.
 */
export async function runCliBatch(commands: readonly (readonly string[])[], env: NodeJS.ProcessEnv): Promise<ProcessResult[]> {
  requireExecutable(AWS_CLI_V2, 'install the AWS CLI v2 (Debian package awscli, 2.9.19); the conformance proof needs the real CLI');
  requireExecutable(CLI_PYTHON, 'the Debian awscli package runs on /usr/bin/python3');
  const result = await new Promise<ProcessResult>((resolve, reject) => {
    const child = execFile(CLI_PYTHON, [join(CONFORMANCE_DIRECTORY, 'cli_batch.py')], { env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`cli_batch.py did not run: ${error.message}\n${stderr}`));
      else resolve({ exitCode: error ? (error.code as number) : 0, stdout, stderr });
    });
    child.stdin?.end(JSON.stringify(commands));
  });
  if (result.exitCode !== 0) throw new Error(`cli_batch.py exited ${result.exitCode}:\n${result.stderr}`);
  return JSON.parse(result.stdout) as ProcessResult[];
}
