// Test support: the emulator's auth stack (SigV4, IAM, STS, quotas, faults) around a recording Logs stand-in.
import type { Server } from 'node:http';
import { systemClock, type Clock } from '../../core/clock.js';
import { createFaults, parseFaultSpec } from '../faults/faults.js';
import { Accounts } from '../iam/accounts.js';
import { createAuthorizer } from '../iam/authorizer.js';
import { validateIamConfig, type IamConfig } from '../iam/config.js';
import { defaultIamConfig } from '../iam/defaults.js';
import { createQuotaGate } from '../quotas/quotas.js';
import { createEmulatorServer, listen } from '../server.js';
import { createStsService } from '../sts/service.js';
import type { LogsService, Scope } from '../types.js';
import { createAuthenticator } from './authenticator.js';

export interface RecordedCall {
  scope: Scope;
  operation: string;
  input: Record<string, unknown>;
}

/** A Logs stand-in that records what reached it (after auth) and answers with an empty result. */
export function recordingLogs(): LogsService & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  return {
    calls,
    handle(scope, operation, input) {
      calls.push({ scope, operation, input });
      if (operation.startsWith('Create') || operation.startsWith('Delete')) return undefined;
      if (operation === 'FilterLogEvents') return { events: [], searchedLogStreams: [] };
      return {};
    },
  };
}

export interface TestEmulator {
  url: string;
  accounts: Accounts;
  calls: RecordedCall[];
  stop(): Promise<void>;
}

export async function startTestEmulator(options: { iam?: IamConfig; clock?: Clock; quotaClock?: Clock; quotas?: boolean; faults?: string; seed?: number } = {}): Promise<TestEmulator> {
  const clock = options.clock ?? systemClock;
  const accounts = new Accounts(validateIamConfig(options.iam ?? defaultIamConfig()), clock);
  const logs = recordingLogs();
  const server: Server = createEmulatorServer({
    logs,
    sts: createStsService({ accounts, clock }),
    authenticator: createAuthenticator({ credentials: accounts, clock }),
    authorizer: createAuthorizer(),
    clock,
    ...(options.quotas ? { quotas: createQuotaGate({ clock: options.quotaClock ?? clock }) } : {}),
    ...(options.faults ? { faults: createFaults(parseFaultSpec(options.faults), options.seed ?? 1) } : {}),
  });
  const url = await listen(server, '127.0.0.1', 0);
  return {
    url,
    accounts,
    calls: logs.calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
