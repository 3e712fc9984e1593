// `cwc iam-policy`: prints the least-privilege IAM policies for a connector, ready to paste into the IAM console.
import { UsageError } from '../../core/errors.js';
import { connectorPolicies } from '../../aws/iam-policy.js';
import { loadConnectorFile } from '../../connectors/load.js';
import { stringOption, type Command } from '../command.js';

const PARTS = ['logs', 'trust', 'source'] as const;

export const iamPolicyCommand: Command = {
  name: 'iam-policy',
  summary: 'Print the least-privilege IAM policy (and trust policy) a connector needs',
  usage: `Usage: cwc iam-policy --connector FILE [--part logs|trust|source]

Prints the IAM policies for the connector in FILE:
  logs    the permissions policy: logs:DescribeLogGroups, DescribeLogStreams, GetLogEvents and
          FilterLogEvents on the connector's log groups in its Region, nothing more
  trust   (IAM role method) the role's trust policy, with the external ID condition when one is set
  source  (IAM role method) the source user's policy allowing sts:AssumeRole on the role
Without --part, prints each with a heading and what to do with it. With --part, prints that JSON
document alone, e.g. for \`aws iam create-policy --policy-document file://<(cwc iam-policy … --part logs)\`.

Options:
  --connector FILE   connector JSON (see the README's configuration reference)
  --part NAME        print only one document
`,
  options: { connector: { type: 'string' }, part: { type: 'string' } },
  async run(args, io) {
    const file = stringOption(args, 'connector');
    if (file === undefined) throw new UsageError('--connector FILE is required');
    const part = stringOption(args, 'part');
    if (part !== undefined && !(PARTS as readonly string[]).includes(part)) throw new UsageError(`--part: must be one of ${PARTS.join(', ')}, got '${part}'`);
    const connector = await loadConnectorFile(file);
    const policies = connectorPolicies(connector);
    const documents = { logs: policies.logsPolicy, trust: policies.trustPolicy, source: policies.sourceUserPolicy };
    if (part !== undefined) {
      const document = documents[part as (typeof PARTS)[number]];
      if (document === undefined) throw new UsageError(`--part ${part}: only the IAM role method (config.authMethod 'iam_role') has this policy`);
      io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
      return 0;
    }
    const sections: string[] = [`# Permissions policy for connector "${connector.name}"`, JSON.stringify(policies.logsPolicy, null, 2)];
    if (policies.trustPolicy) sections.push('', '# Trust policy of the role', JSON.stringify(policies.trustPolicy, null, 2));
    if (policies.sourceUserPolicy) sections.push('', '# Policy for the source account user', JSON.stringify(policies.sourceUserPolicy, null, 2));
    sections.push('', ...policies.notes.map((note) => `# ${note}`));
    io.stdout.write(`${sections.join('\n')}\n`);
    return 0;
  },
};
