// `cwc test`: the connectivity test of a connector, printed as the console's Test dialog shows it.
import { UsageError } from '../../core/errors.js';
import { testConnectivity, type ConnectivityResult } from '../../connectors/connectivity.js';
import { loadConnectorFile } from '../../connectors/load.js';
import { stringOption, type Command } from '../command.js';
import { escapeForTerminal } from '../format.js';

const MARKS = { passed: '✓', failed: '✗', warning: '!' } as const;

export function formatTestResult(result: ConnectivityResult): string {
  const lines = [result.ok ? 'Success!' : `Failure: ${result.summary}`];
  if (!result.ok) {
    lines.push(
      `HTTP status: ${result.httpStatus} ${result.httpName}`,
      `AWS error: ${result.awsCode ?? '?'}: ${result.awsMessage ?? ''}`,
      `Explanation: ${result.explanation ?? ''}`,
      `Recommendation: ${result.recommendation ?? ''}`,
    );
  }
  if (result.identity) lines.push(`Identity: ${result.identity}`);
  lines.push('Checks:', ...result.checks.map((check) => `  ${MARKS[check.status]} ${check.name}: ${check.detail}`));
  return lines.map(escapeForTerminal).join('\n');
}

export const testCommand: Command = {
  name: 'test',
  summary: 'Test a connector’s credentials, Region, log groups and read permission',
  usage: `Usage: cwc test --connector FILE [--json]

Checks, in order: the credentials (sts:GetCallerIdentity; for the IAM role method the source key, then
AssumeRole into the role), then for each log group that it exists (DescribeLogGroups, DescribeLogStreams),
each listed stream, and that events can be read (FilterLogEvents, limit 1). Prints Success, or the failure
with its HTTP status class (400 configuration, 401 credentials, 403 permission, 404 wrong log group, stream
or URL, 429 throttling), the exact AWS error code and message, an explanation and a recommendation.

Exit status: 0 on success, 1 on failure, 2 on a bad option or connector file.
`,
  options: { connector: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const file = stringOption(args, 'connector');
    if (file === undefined) throw new UsageError('--connector FILE is required');
    const connector = await loadConnectorFile(file);
    const result = await testConnectivity(connector);
    io.stdout.write(`${args.values.json === true ? JSON.stringify(result) : formatTestResult(result)}\n`);
    return result.ok ? 0 : 1;
  },
};
