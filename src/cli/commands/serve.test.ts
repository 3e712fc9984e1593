import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../core/errors.js';
import { parseCommandArgs, type ParsedArgs } from '../command.js';
import { serveCommand } from './serve.js';

let dir: string;
const PASSWORD = 'serve command password';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cwc-serve-cli-'));
  process.env.CWC_ADMIN_PASSWORD = PASSWORD;
});
afterAll(() => {
  delete process.env.CWC_ADMIN_PASSWORD;
  rmSync(dir, { recursive: true, force: true });
});

function start(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.resume();
  const args = parseCommandArgs(serveCommand, argv) as ParsedArgs;
  const exit = serveCommand.run(args, { stdin: new PassThrough(), stdout, stderr });
  const url = async (): Promise<string> => {
    for (let n = 0; n < 600; n += 1) {
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) return match[1]!;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`serve did not start: ${out}`);
  };
  return { exit, url, output: () => out };
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  return ((await response.json()) as { token: string }).token;
}

describe('cwc serve', () => {
  it('refuses a bad port', async () => {
    await expect(serveCommand.run(parseCommandArgs(serveCommand, ['--port', 'http']) as ParsedArgs, { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() })).rejects.toThrow(UsageError);
  });

  it('serves the demo with a config file, finds demo data within a minute, and stops on SIGTERM', async () => {
    const config = join(dir, 'connectors.json');
    writeFileSync(config, JSON.stringify({ tenants: ['acme'] }));
    const server = start(['--demo', '--port', '0', '--data', join(dir, 'data'), '--config', config]);
    const url = await server.url();
    expect(server.output()).toContain('demo: emulator at http://127.0.0.1:');
    // The first thing a person needs: where the console is.
    expect(server.output()).toContain(`Console: ${url}/`);
    expect(server.output()).not.toContain('generated password');
    const token = await signIn(url);
    const tenants = (await (await fetch(`${url}/api/v1/tenants`, { headers: { authorization: `Bearer ${token}` } })).json()) as { tenants: Array<{ name: string }> };
    expect(tenants.tenants.map((t) => t.name).sort()).toEqual(['acme', 'demo']);
    let total = 0;
    for (let n = 0; n < 120 && total === 0; n += 1) {
      const found = await fetch(`${url}/api/v1/search`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ size: 1 }) });
      total = ((await found.json()) as { total: { value: number } }).total.value;
      if (total === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(total).toBeGreaterThan(0);
    process.emit('SIGTERM');
    expect(await server.exit).toBe(0);
    expect(server.output()).toContain('stopped');
    await expect(fetch(`${url}/api/v1/healthz`)).rejects.toThrow();
  }, 60_000);
});
