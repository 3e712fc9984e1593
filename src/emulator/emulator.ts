// The emulator's composition root: IAM accounts, SigV4, quotas, faults, the Logs data plane, STS and a scenario.
import type { ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../core/clock.js';
import { UsageError } from '../core/errors.js';
import { createFaults, parseFaultSpec, type Faults } from './faults/faults.js';
import { Accounts } from './iam/accounts.js';
import { createAuthorizer } from './iam/authorizer.js';
import { loadIamFile, validateIamConfig, type IamConfig } from './iam/config.js';
import { DEFAULT_REGION, defaultIamConfig } from './iam/defaults.js';
import { createLogsService, type EmulatedLogs } from './logs/index.js';
import { createQuotaGate } from './quotas/quotas.js';
import { scenarioNames, startScenario, type RunningScenario } from './scenarios/index.js';
import { createEmulatorServer, listen } from './server.js';
import { createAuthenticator } from './sigv4/authenticator.js';
import { createStsService } from './sts/service.js';

/** The port `cwc emulator` listens on by default: LocalStack's edge port, which AWS tooling users already know. */
export const DEFAULT_EMULATOR_PORT = 4566;
export const DEFAULT_EMULATOR_HOST = '127.0.0.1';

export interface StartEmulatorOptions {
  host?: string;
  /** 0 picks a free port. Default 4566. */
  port?: number;
  /** The accounts, or the path of an IAM file (CONTRACT "Emulator IAM file"). Default: the documented demo account. */
  iam?: IamConfig | string;
  quotas?: 'aws' | 'off';
  /** `--faults` SPEC, e.g. `throttle=0.05,late=0.3:120`. */
  faults?: string;
  /** A scenario name (`demo`, …) that keeps writing events into the first account. */
  scenario?: string;
  /** Seeds the faults (default 1) and the scenario (default: the scenario's own seed) so runs are reproducible. */
  seed?: number;
  clock?: Clock;
  /** Where the scenario writes. Default us-east-1 in the first account of the IAM config. */
  scenarioRegion?: string;
  scenarioAccountId?: string;
  eventsPerSecond?: number;
  maxStoredEvents?: number;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:4566`: one endpoint for both Logs and STS. */
  url: string;
  logs: EmulatedLogs;
  accounts: Accounts;
  faults: Faults;
  scenario?: RunningScenario & { accountId: string; region: string };
  stop(): Promise<void>;
}

/** Streams the ground truth as NDJSON, respecting back-pressure so millions of events do not pile up in memory. */
async function writeGroundTruth(logs: EmulatedLogs, query: URLSearchParams, response: ServerResponse): Promise<void> {
  response.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
  const filter = {
    ...(query.get('accountId') ? { accountId: query.get('accountId') as string } : {}),
    ...(query.get('region') ? { region: query.get('region') as string } : {}),
    ...(query.get('logGroupName') ? { logGroupName: query.get('logGroupName') as string } : {}),
  };
  let chunk = '';
  for (const event of logs.exportEvents(filter)) {
    chunk += `${JSON.stringify(event)}\n`;
    if (chunk.length >= 64 * 1024) {
      if (response.destroyed) return;
      if (!response.write(chunk)) await new Promise((resolve) => response.once('drain', resolve));
      chunk = '';
    }
  }
  response.end(chunk);
}

function internalRoutes(logs: EmulatedLogs): (path: string, query: URLSearchParams, response: ServerResponse) => void {
  return (path, query, response) => {
    if (path === '/_emulator/health') {
      const body = JSON.stringify({ status: 'ok', events: logs.eventCount() });
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
      response.end(body);
      return;
    }
    if (path === '/_emulator/ground-truth') {
      writeGroundTruth(logs, query, response).catch((error: unknown) => response.destroy(error as Error));
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain' });
    response.end('not found: the emulator serves /_emulator/health and /_emulator/ground-truth\n');
  };
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = options.clock ?? systemClock;
  const iam = typeof options.iam === 'string' ? loadIamFile(options.iam) : validateIamConfig(options.iam ?? defaultIamConfig());
  const seed = options.seed ?? 1;
  const faults = createFaults(parseFaultSpec(options.faults), seed);
  const accounts = new Accounts(iam, clock);
  if (options.scenario !== undefined && !scenarioNames().includes(options.scenario)) {
    throw new UsageError(`--scenario: unknown scenario '${options.scenario}'; choose one of ${scenarioNames().join(', ')}`);
  }
  const logs = createLogsService({
    clock,
    visibilityDelayMilliseconds: () => faults.visibilityDelayMilliseconds(),
    ...(options.maxStoredEvents !== undefined ? { maxStoredEvents: options.maxStoredEvents } : {}),
  });
  const server = createEmulatorServer({
    logs,
    sts: createStsService({ accounts, clock }),
    authenticator: createAuthenticator({ credentials: accounts, clock }),
    authorizer: createAuthorizer(),
    ...(options.quotas === 'off' ? {} : { quotas: createQuotaGate({ clock }) }),
    faults,
    clock,
    internal: internalRoutes(logs),
  });
  const url = await listen(server, options.host ?? DEFAULT_EMULATOR_HOST, options.port ?? DEFAULT_EMULATOR_PORT);

  let scenario: RunningEmulator['scenario'];
  if (options.scenario !== undefined) {
    const accountId = options.scenarioAccountId ?? (accounts.accountIdList()[0] as string);
    const region = options.scenarioRegion ?? DEFAULT_REGION;
    const running = startScenario(options.scenario, logs, {
      accountId,
      region,
      clock,
      timer: true,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.eventsPerSecond !== undefined ? { eventsPerSecond: options.eventsPerSecond } : {}),
    });
    scenario = Object.assign(running, { accountId, region });
  }

  let stopped: Promise<void> | undefined;
  return {
    url,
    logs,
    accounts,
    faults,
    ...(scenario ? { scenario } : {}),
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        scenario?.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
