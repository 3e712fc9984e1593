// Builds the SDK v3 clients a connector uses: Logs (and STS for identity checks), with its region, endpoint and credentials.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { STSClient } from '@aws-sdk/client-sts';
import type { Connector } from '../core/connector.js';
import { connectorCredentials, sourceCredentials, type RefreshableCredentials } from './credentials.js';

export interface ConnectorClients {
  logs: CloudWatchLogsClient;
  /** STS signed with the identity the Logs client uses (the assumed role for the IAM role method). */
  sts: STSClient;
  /** For the IAM role method: STS signed with the source account's keys (to test them before AssumeRole). */
  sourceSts?: STSClient;
  credentials: RefreshableCredentials;
  destroy(): void;
}

export interface ClientOptions {
  /**
   * SDK attempts per call. The collector paces itself with its own rate budget and retries whole windows,
   * so the SDK's own retries only smooth over single transient faults.
   */
  maxAttempts?: number;
  requestTimeoutMilliseconds?: number;
}

export function createConnectorClients(connector: Connector, options: ClientOptions = {}): ConnectorClients {
  const { region, endpoint } = connector.config;
  const credentials = connectorCredentials(connector.config, { connectorName: connector.name, region, ...(endpoint === undefined ? {} : { endpoint }) });
  const common = {
    region,
    ...(endpoint === undefined ? {} : { endpoint }),
    maxAttempts: options.maxAttempts ?? 3,
    // Without throwOnRequestTimeout, this SDK only logs a warning when requestTimeout passes and keeps waiting, so a hung
    // connection would stall a collection (or `cwc test`) indefinitely.
    requestHandler: { requestTimeout: options.requestTimeoutMilliseconds ?? 60_000, connectionTimeout: 10_000, throwOnRequestTimeout: true },
  };
  const logs = new CloudWatchLogsClient({ ...common, credentials });
  const sts = new STSClient({ ...common, credentials });
  const sourceSts = connector.config.authMethod === 'iam_role' ? new STSClient({ ...common, credentials: sourceCredentials(connector.config) }) : undefined;
  return {
    logs,
    sts,
    ...(sourceSts === undefined ? {} : { sourceSts }),
    credentials,
    destroy() {
      logs.destroy();
      sts.destroy();
      sourceSts?.destroy();
    },
  };
}
