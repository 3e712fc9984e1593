// `cwc emulator`: runs the CloudWatch Logs + STS emulator until SIGINT/SIGTERM, printing how to point AWS tools at it.
import { UsageError } from '../../core/errors.js';
import { DEFAULT_EMULATOR_HOST, DEFAULT_EMULATOR_PORT, startEmulator } from '../../emulator/emulator.js';
import { DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_ROLE_ARN, DEFAULT_SECRET_ACCESS_KEY } from '../../emulator/iam/defaults.js';
import { integerOption, stringOption, type Command } from '../command.js';

export const emulatorCommand: Command = {
  name: 'emulator',
  summary: 'Run the CloudWatch Logs + STS emulator (SigV4, IAM, quotas, faults, demo scenarios)',
  usage: `Usage: cwc emulator [--host H] [--port P] [--iam FILE] [--scenario NAME] [--faults SPEC] [--quotas aws|off] [--seed N] [--max-events N]

Serves CloudWatch Logs (JSON 1.1) and STS (Query) on one endpoint, close enough to AWS that the AWS CLI,
boto3 and the AWS SDKs work against it unchanged. Prints "listening on http://H:P" when ready.

Options:
  --host H          address to listen on (default ${DEFAULT_EMULATOR_HOST})
  --port P          port (default ${DEFAULT_EMULATOR_PORT}; 0 picks a free one)
  --iam FILE        accounts, users, keys, roles and policies (JSON, see src/emulator/README.md);
                    default: account ${DEFAULT_ACCOUNT_ID} with full access for key ${DEFAULT_ACCESS_KEY_ID}
  --scenario NAME   keep writing a generated scenario (e.g. demo) into the first account, region ${DEFAULT_REGION}
  --faults SPEC     comma list of name=rate[:param]: throttle=0.05, error=0.02, reset=0.01,
                    slow=0.05:2000 (delay ms), late=0.3:120 (visible up to N s after ingestion)
  --quotas aws|off  enforce AWS's default TPS quotas per account, region and API (default aws)
  --seed N          seed for faults and scenarios (default 1), so runs are reproducible
  --max-events N    events kept in memory before the oldest are dropped as if retention expired (default 5000000)
`,
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    iam: { type: 'string' },
    scenario: { type: 'string' },
    faults: { type: 'string' },
    quotas: { type: 'string' },
    seed: { type: 'string' },
    'max-events': { type: 'string' },
  },
  async run(args, io) {
    const quotas = stringOption(args, 'quotas') ?? 'aws';
    if (quotas !== 'aws' && quotas !== 'off') throw new UsageError(`--quotas: must be 'aws' or 'off', got '${quotas}'`);
    const iam = stringOption(args, 'iam');
    const scenario = stringOption(args, 'scenario');
    const faults = stringOption(args, 'faults');
    const seed = integerOption(args, 'seed', { min: 0, max: 2 ** 32 - 1 });
    const maxStoredEvents = integerOption(args, 'max-events', { min: 1_000, max: 1_000_000_000 });
    const emulator = await startEmulator({
      host: stringOption(args, 'host') ?? DEFAULT_EMULATOR_HOST,
      port: integerOption(args, 'port', { min: 0, max: 65535 }) ?? DEFAULT_EMULATOR_PORT,
      quotas,
      ...(iam !== undefined ? { iam } : {}),
      ...(scenario !== undefined ? { scenario } : {}),
      ...(faults !== undefined ? { faults } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(maxStoredEvents !== undefined ? { maxStoredEvents } : {}),
    });
    io.stdout.write(`listening on ${emulator.url}\n`);
    const lines: string[] = [];
    if (iam === undefined) {
      lines.push(
        '',
        `Default account ${DEFAULT_ACCOUNT_ID} (full access); role ${DEFAULT_ROLE_ARN} can be assumed with these keys:`,
        `  export AWS_ACCESS_KEY_ID=${DEFAULT_ACCESS_KEY_ID}`,
        `  export AWS_SECRET_ACCESS_KEY=${DEFAULT_SECRET_ACCESS_KEY}`,
        `  export AWS_DEFAULT_REGION=${DEFAULT_REGION} AWS_EC2_METADATA_DISABLED=true`,
      );
    } else {
      lines.push('', `Accounts from ${iam}: ${emulator.accounts.accountIdList().join(', ')}`);
    }
    lines.push('', 'Then, for example:', `  aws --endpoint-url ${emulator.url} logs describe-log-groups`, `  aws --endpoint-url ${emulator.url} sts get-caller-identity`);
    if (emulator.scenario) lines.push('', `Scenario '${scenario}' writing to account ${emulator.scenario.accountId}, ${emulator.scenario.region}: ${emulator.scenario.logGroups.join(', ')}`);
    lines.push('', `Ground truth: ${emulator.url}/_emulator/ground-truth (NDJSON). Stop with Ctrl-C.`, '');
    io.stdout.write(lines.join('\n'));

    await new Promise<void>((resolve) => {
      const onSignal = () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    await emulator.stop();
    io.stderr.write('emulator stopped\n');
    return 0;
  },
};
