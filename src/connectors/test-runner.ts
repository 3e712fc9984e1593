// "You may run only one test at a time": the service runs connectivity tests one by one and tells a second caller so.
import { CwcError } from '../core/errors.js';
import type { Connector } from '../core/connector.js';
import { testConnectivity, type ConnectivityResult } from './connectivity.js';

export interface RunningTest {
  connectorId: string;
  startedAt: number;
}

export class TestRunner {
  private current: RunningTest | undefined;

  constructor(private readonly test: (connector: Connector) => Promise<ConnectivityResult> = testConnectivity) {}

  running(): RunningTest | undefined {
    return this.current;
  }

  /** Runs the test, or throws a 409 naming the connector whose test is still running. */
  async run(connectorId: string, connector: Connector): Promise<ConnectivityResult> {
    if (this.current) {
      const seconds = Math.max(0, Math.round((Date.now() - this.current.startedAt) / 1000));
      throw new CwcError('test_in_progress', `Only one test runs at a time: the test of connector ${this.current.connectorId} started ${seconds}s ago. Try again when it has finished.`, { status: 409 });
    }
    this.current = { connectorId, startedAt: Date.now() };
    try {
      return await this.test(connector);
    } finally {
      this.current = undefined;
    }
  }
}
