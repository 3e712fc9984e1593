// Child processes for benchmarks: `cwc` from source, its peak RSS (VmHWM), and the emulator as its own process.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The built CLI, as users run it (bench/index.ts builds first): tsx would add its compiler to the measured memory.
const entry = fileURLToPath(new URL('../../bin/cwc.js', import.meta.url));
const quietEnv = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_EC2_METADATA_DISABLED: 'true' };

export function spawnCwc(args: string[]): ChildProcess {
  return spawn(process.execPath, [entry, ...args], { env: { ...process.env, ...quietEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Peak resident memory of a live process, from /proc (Linux). */
function peakRssBytes(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
  peakRssBytes: number;
  wallMilliseconds: number;
}

/** Runs a child to completion, sampling its peak RSS while it lives. */
export function measure(child: ChildProcess): Promise<ProcessResult> {
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, peakRssBytes(child.pid ?? 0))), 100);
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ code, stdout, stderr, peakRssBytes: peak, wallMilliseconds: performance.now() - started });
    });
  });
}

export interface EmulatorProcess {
  url: string;
  stop(): void;
}

/** Starts `cwc emulator` in its own process so its memory and CPU are not counted as the collector's. */
export function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child = spawnCwc(['emulator', '--port', '0', ...args]);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1] as string, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
}
