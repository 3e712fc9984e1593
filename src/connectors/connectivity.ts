// The connectivity test (`cwc test`, the API, the console): credentials, region, each log group, read permission.
import { DescribeLogGroupsCommand, DescribeLogStreamsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createConnectorClients, type ConnectorClients } from '../aws/clients.js';
import { EXPLANATIONS, explainAwsError, type ExplainedError } from '../aws/explain.js';
import type { ConnectivityResult, TestCheck } from './reports.js';
import { resolveStartTime, type Connector } from '../core/connector.js';

export type { ConnectivityResult, TestCheck } from './reports.js';

class CheckFailed extends Error {}

/** Streams checked one by one at most; beyond that the read check covers the rest. */
const MAX_STREAMS_CHECKED = 20;

export async function testConnectivity(connector: Connector, options: { clients?: ConnectorClients } = {}): Promise<ConnectivityResult> {
  const started = Date.now();
  const clients = options.clients ?? createConnectorClients(connector, { maxAttempts: 2, requestTimeoutMilliseconds: 15_000 });
  const { region, logGroups, logStreams = [] } = connector.config;
  const checks: TestCheck[] = [];
  let identity: string | undefined;

  const run = async <T>(name: string, call: () => Promise<T>, describeFailure: (error: ExplainedError) => string): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      const explained = explainAwsError(error);
      checks.push({ name, status: 'failed', detail: describeFailure(explained), error: explained });
      throw new CheckFailed(name);
    }
  };
  const who = () => (identity ? ` for ${identity}` : '');

  try {
    if (connector.config.authMethod === 'iam_role' && clients.sourceSts) {
      const source = await run('source credentials (sts:GetCallerIdentity)', () => clients.sourceSts!.send(new GetCallerIdentityCommand({})), (e) => `the source account access key was rejected: ${e.awsCode}`);
      checks.push({ name: 'source credentials (sts:GetCallerIdentity)', status: 'passed', detail: `source identity ${source.Arn ?? '?'}` });
      identity = source.Arn;
    }
    const assumedName = connector.config.authMethod === 'iam_role' ? `sts:AssumeRole into ${connector.config.roleArn ?? ''}` : 'credentials (sts:GetCallerIdentity)';
    const caller = await run(assumedName, () => clients.sts.send(new GetCallerIdentityCommand({})), (e) =>
      connector.config.authMethod === 'iam_role' ? `assuming ${connector.config.roleArn ?? ''} failed${who()}: ${e.awsCode}` : `the access key was rejected: ${e.awsCode}`,
    );
    identity = caller.Arn;
    checks.push({ name: assumedName, status: 'passed', detail: `calls are made as ${identity ?? '?'} in account ${caller.Account ?? '?'}` });

    for (const logGroup of logGroups) {
      const where = `on log group ${logGroup} in ${region}`;
      try {
        const found = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: logGroup, limit: 50 }));
        const exists = (found.logGroups ?? []).some((group) => group.logGroupName === logGroup);
        if (!exists) {
          checks.push({ name: `log group ${logGroup}`, status: 'failed', detail: `log group ${logGroup} does not exist in ${region}${who()}`, error: notFound(`The specified log group does not exist: ${logGroup}`) });
          throw new CheckFailed(`log group ${logGroup}`);
        }
        checks.push({ name: `logs:DescribeLogGroups ${where}`, status: 'passed', detail: 'the log group exists' });
      } catch (error) {
        if (error instanceof CheckFailed) throw error;
        const explained = explainAwsError(error);
        if (explained.httpStatus !== 403) {
          checks.push({ name: `logs:DescribeLogGroups ${where}`, status: 'failed', detail: `logs:DescribeLogGroups ${where} failed${who()}: ${explained.awsCode}`, error: explained });
          throw new CheckFailed(`logs:DescribeLogGroups ${where}`);
        }
        // Policies scoped to one log group's ARN do not cover DescribeLogGroups; collection does not need it.
        checks.push({ name: `logs:DescribeLogGroups ${where}`, status: 'warning', detail: `logs:DescribeLogGroups is denied${who()}; the connector can still collect, but cannot list log groups`, error: explained });
      }
      await run(`logs:DescribeLogStreams ${where}`, () => clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: logGroup, limit: 1 })), (e) =>
        e.httpStatus === 404 ? `log group ${logGroup} does not exist in ${region}` : `logs:DescribeLogStreams ${where} is denied${who()}: ${e.awsCode}`,
      );
      checks.push({ name: `logs:DescribeLogStreams ${where}`, status: 'passed', detail: 'streams can be listed' });
      for (const stream of logStreams.slice(0, MAX_STREAMS_CHECKED)) {
        const streams = await run(`log stream ${stream}`, () => clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: logGroup, logStreamNamePrefix: stream, limit: 1 })), (e) => `listing log stream ${stream} failed: ${e.awsCode}`);
        if (streams.logStreams?.[0]?.logStreamName !== stream) {
          checks.push({ name: `log stream ${stream}`, status: 'failed', detail: `log stream ${stream} does not exist in log group ${logGroup}`, error: notFound(`The specified log stream does not exist: ${stream}`) });
          throw new CheckFailed(`log stream ${stream}`);
        }
        checks.push({ name: `log stream ${stream}`, status: 'passed', detail: 'the log stream exists' });
      }
      const now = Date.now();
      const streamsForRead = logStreams.slice(0, 100);
      // Read from the backfill start when one is set, so a start AWS rejects (a year-0202 typo) fails here, not every cycle.
      const configuredStart = connector.config.startTime === undefined ? Number.NaN : (resolveStartTime(connector.config.startTime, now) ?? Number.NaN);
      const readFrom = Number.isNaN(configuredStart) ? now - 3_600_000 : Math.min(now - 3_600_000, configuredStart);
      await run(`logs:FilterLogEvents ${where}`, () =>
        clients.logs.send(new FilterLogEventsCommand({ logGroupName: logGroup, startTime: readFrom, endTime: now, limit: 1, ...(streamsForRead.length > 0 ? { logStreamNames: streamsForRead } : {}) })),
        (e) => (e.httpStatus === 403 ? `logs:FilterLogEvents ${where} is denied${who()}` : `logs:FilterLogEvents ${where} failed${who()}: ${e.awsCode}`),
      );
      checks.push({ name: `logs:FilterLogEvents ${where}`, status: 'passed', detail: 'events can be read' });
    }
  } catch (error) {
    if (!(error instanceof CheckFailed)) throw error;
  } finally {
    if (options.clients === undefined) clients.destroy();
  }
  return result(checks, identity, Date.now() - started);
}

function notFound(message: string): ExplainedError {
  return { ...EXPLANATIONS[404], awsCode: 'ResourceNotFoundException', awsMessage: message };
}

function result(checks: TestCheck[], identity: string | undefined, durationMilliseconds: number): ConnectivityResult {
  const failed = checks.find((check) => check.status === 'failed');
  const base = { checks, durationMilliseconds, ...(identity === undefined ? {} : { identity }) };
  if (!failed || !failed.error) return { ok: true, summary: 'Success: the credentials work and every log group can be read.', httpStatus: 200, httpName: 'OK', ...base };
  const { httpStatus, httpName, explanation, recommendation, awsCode, awsMessage } = failed.error;
  return { ok: false, summary: failed.detail, httpStatus, httpName, explanation, recommendation, awsCode, awsMessage, failedCheck: failed.name, ...base };
}
