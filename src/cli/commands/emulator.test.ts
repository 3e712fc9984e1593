// `cwc emulator` as a user runs it: prints "listening on http://H:P", serves the AWS CLI, stops on SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';

const run = promisify(execFile);
const CLI = ['--import', 'tsx', '--input-type=module', '-e', "const { main } = await import('./src/cli/main.ts'); process.exitCode = await main(process.argv.slice(1));"];

describe('cwc emulator', () => {
  it('prints the contract line, serves requests, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [...CLI, 'emulator', '--port', '0', '--quotas', 'off'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
        if (match) resolve(match[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const { stdout: identity } = await run('/usr/bin/aws', ['--endpoint-url', url, 'sts', 'get-caller-identity', '--output', 'json'], {
      env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_DEFAULT_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' },
    });
    expect(JSON.parse(identity)).toMatchObject({ Account: '123456789012' });
    expect(stdout).toContain('export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE');
    const exitCode = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(exitCode).toBe(0);
  });

  it('exits 2 naming the bad option, before listening', async () => {
    const attempt = async (...argv: string[]) => {
      let stderr = '';
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await main(['emulator', '--port', '0', ...argv], { stdin: new PassThrough(), stdout: new PassThrough(), stderr: sink });
      return { code, stderr };
    };
    expect(await attempt('--faults', 'boom=1')).toEqual({ code: 2, stderr: "cwc emulator: --faults: 'boom=1': unknown fault; use throttle, error, reset, slow or late\n" });
    expect(await attempt('--quotas', 'maybe')).toMatchObject({ code: 2, stderr: expect.stringContaining("--quotas: must be 'aws' or 'off'") });
    expect(await attempt('--port', '70000')).toMatchObject({ code: 2, stderr: expect.stringContaining('--port: must be an integer from 0 to 65535') });
    expect(await attempt('--iam', '/nonexistent/iam.json')).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read /nonexistent/iam.json') });
  });
});
