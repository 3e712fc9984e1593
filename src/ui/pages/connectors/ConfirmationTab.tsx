// The wizard's confirmation tab (product document step 18): what will be submitted, with secrets shown only as "set".
import type { Draft, StoredSecrets } from './draft';
import { runOnValue } from './draft';
import type { LogFilterSummary } from './types';

function secretShown(typed: string, stored: boolean | undefined): string {
  if (typed !== '') return 'set';
  return stored ? 'set (unchanged)' : 'not set';
}

export function ConfirmationTab({ draft, storedSecrets, logFilters }: { draft: Draft; storedSecrets?: StoredSecrets; logFilters: LogFilterSummary[] }) {
  const filterName = (id: string) => logFilters.find((filter) => filter.id === id && filter.tenant === draft.tenant)?.name ?? id;
  const rows: Array<[string, string]> = [
    ['Category', 'PaaS'],
    ['Type', 'AWS CloudWatch'],
    ['Function', 'Collect'],
    ['Name', draft.name],
    ['Tenant Name', draft.tenant],
    ['Run On', draft.runOn === 'sensor' ? runOnValue(draft) : 'Data Processor'],
    ['Log Filters', draft.logFilters.length === 0 ? 'none' : draft.logFilters.map(filterName).join(', ')],
    ['Auth Method', draft.authMethod === 'access_key' ? 'Access Key / Secret Key' : 'IAM Role'],
    ...(draft.authMethod === 'access_key'
      ? ([['Access Key', draft.accessKeyId], ['Secret Key', secretShown(draft.secretAccessKey, storedSecrets?.secretAccessKey)]] as Array<[string, string]>)
      : ([
          ['Source Account Access Key', draft.sourceAccessKeyId],
          ['Source Account Secret Key', secretShown(draft.sourceSecretAccessKey, storedSecrets?.sourceSecretAccessKey)],
          ['IAM Role ARN', draft.roleArn],
        ] as Array<[string, string]>)),
    ['Region', draft.region],
    ['Log Group(s)', draft.logGroups.join(', ')],
    ['Log Stream(s)', draft.logStreams.length === 0 ? 'all streams' : draft.logStreams.join(', ')],
    ['VPC Flow Logs', draft.vpcFlowLogs ? 'yes' : 'no'],
    ['Interval (min)', draft.intervalMinutes],
    ['Endpoint', draft.endpoint === '' ? 'default (https://logs.<Region>.amazonaws.com)' : draft.endpoint],
    ['Max lateness (min)', draft.maxLatenessMinutes === '' ? 'default' : draft.maxLatenessMinutes],
  ];
  return (
    <section aria-labelledby="wizard-confirmation-title">
      <h2 id="wizard-confirmation-title" tabIndex={-1}>Confirmation</h2>
      <p className="muted">Check the connector, then click Submit.</p>
      <dl className="summary" aria-label="Connector summary">
        {rows.map(([term, value]) => (
          <div key={term} className="summary-row">
            <dt>{term}</dt>
            <dd className={term.includes('Key') || term.includes('Log') || term === 'Endpoint' ? 'mono' : undefined}>{value === '' ? '—' : value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
