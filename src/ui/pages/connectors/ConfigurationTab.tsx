// The wizard's Configuration tab (product document steps 12-17): Auth Method and keys, Region, Log Group(s)/Stream(s), interval.
import { useState } from 'react';
import { Field } from '../../components/Field';
import { TagInput } from '../../components/TagInput';
import type { StoredSecrets } from './draft';
import type { TabProps } from './GeneralTab';

const KEEP_SECRET = 'set — leave empty to keep';

export function ConfigurationTab({ draft, update, errorsAt, regions, storedSecrets }: TabProps & { regions: string[]; storedSecrets?: StoredSecrets }) {
  const accessKey = draft.authMethod === 'access_key';
  const streamsAllowed = draft.logGroups.length === 1;
  const [advancedOpen, setAdvancedOpen] = useState(draft.endpoint !== '' || draft.maxLatenessMinutes !== '');
  const advancedErrors = errorsAt('config.endpoint').length + errorsAt('config.maxLatenessMinutes').length > 0;
  const secretHint = (stored: boolean | undefined) => (stored ? KEEP_SECRET : undefined);
  return (
    <section aria-labelledby="wizard-configuration-title">
      <h2 id="wizard-configuration-title" tabIndex={-1}>Configuration</h2>
      <p className="muted small">The asterisk (*) indicates a required field.</p>
      <div className="form-grid">
        <Field label="Auth Method" required errors={errorsAt('config.authMethod')}>
          {(control) => (
            <select {...control} value={draft.authMethod} onChange={(event) => update({ authMethod: event.target.value === 'iam_role' ? 'iam_role' : 'access_key' })}>
              <option value="access_key">Access Key / Secret Key</option>
              <option value="iam_role">IAM Role</option>
            </select>
          )}
        </Field>
      </div>
      {accessKey ? (
        <div className="form-grid">
          <Field label="Access Key" required errors={errorsAt('config.accessKeyId')}>
            {(control) => <input {...control} className="mono" value={draft.accessKeyId} autoComplete="off" spellCheck={false} onChange={(event) => update({ accessKeyId: event.target.value })} />}
          </Field>
          <Field label="Secret Key" required={storedSecrets?.secretAccessKey !== true} errors={errorsAt('config.secretAccessKey')} hint={secretHint(storedSecrets?.secretAccessKey)}>
            {(control) => <input {...control} type="password" value={draft.secretAccessKey} autoComplete="new-password" placeholder={secretHint(storedSecrets?.secretAccessKey)} onChange={(event) => update({ secretAccessKey: event.target.value })} />}
          </Field>
        </div>
      ) : (
        <div className="form-grid">
          <Field label="Source Account Access Key" required errors={errorsAt('config.sourceAccessKeyId')}>
            {(control) => <input {...control} className="mono" value={draft.sourceAccessKeyId} autoComplete="off" spellCheck={false} onChange={(event) => update({ sourceAccessKeyId: event.target.value })} />}
          </Field>
          <Field label="Source Account Secret Key" required={storedSecrets?.sourceSecretAccessKey !== true} errors={errorsAt('config.sourceSecretAccessKey')} hint={secretHint(storedSecrets?.sourceSecretAccessKey)}>
            {(control) => <input {...control} type="password" value={draft.sourceSecretAccessKey} autoComplete="new-password" placeholder={secretHint(storedSecrets?.sourceSecretAccessKey)} onChange={(event) => update({ sourceSecretAccessKey: event.target.value })} />}
          </Field>
          <Field label="IAM Role ARN" required errors={errorsAt('config.roleArn')} hint="arn:aws:iam::123456789012:role/NAME">
            {(control) => <input {...control} className="mono" value={draft.roleArn} spellCheck={false} onChange={(event) => update({ roleArn: event.target.value })} />}
          </Field>
        </div>
      )}
      <div className="form-grid">
        <Field label="Region" required errors={errorsAt('config.region')}>
          {(control) => (
            <select {...control} value={draft.region} onChange={(event) => update({ region: event.target.value })}>
              {(regions.includes(draft.region) ? regions : [draft.region, ...regions]).map((region) => <option key={region} value={region}>{region}</option>)}
            </select>
          )}
        </Field>
        <Field label="Interval (min)" required errors={errorsAt('config.intervalMinutes')} hint="How often the logs are collected.">
          {(control) => <input {...control} inputMode="numeric" value={draft.intervalMinutes} onChange={(event) => update({ intervalMinutes: event.target.value })} />}
        </Field>
      </div>
      <Field label="Log Group(s)" required errors={errorsAt('config.logGroups')} hint="As named in your AWS CloudWatch console. Press Enter after each name.">
        {(control) => (
          <TagInput
            {...control}
            values={draft.logGroups}
            onChange={(logGroups) => update({ logGroups, ...(logGroups.length === 1 ? {} : { logStreams: [] }) })}
          />
        )}
      </Field>
      <Field
        label="Log Stream(s)"
        errors={errorsAt('config.logStreams')}
        hint={streamsAllowed ? 'Optional. Press Enter after each name. Without any, every log stream of the log group is read.' : 'Log Stream(s) can only be entered with exactly one Log Group.'}
      >
        {(control) => <TagInput {...control} values={draft.logStreams} disabled={!streamsAllowed} onChange={(logStreams) => update({ logStreams })} />}
      </Field>
      <div className="field">
        <label className="check">
          <input type="checkbox" checked={draft.vpcFlowLogs} onChange={(event) => update({ vpcFlowLogs: event.target.checked })} /> VPC Flow Logs
        </label>
        <span className="hint">Check if the log groups hold VPC flow logs (they become Traffic records).</span>
        {errorsAt('config.vpcFlowLogs').map((message) => <p key={message} className="error">VPC Flow Logs {message}</p>)}
      </div>
      <details className="advanced" open={advancedOpen || advancedErrors} onToggle={(event) => setAdvancedOpen(event.currentTarget.open)}>
        <summary>Advanced</summary>
        <div className="form-grid">
          <Field label="Endpoint" errors={errorsAt('config.endpoint')} hint="Optional: a VPC endpoint, a FIPS endpoint, or the emulator (http://127.0.0.1:4566).">
            {(control) => <input {...control} type="url" className="mono" value={draft.endpoint} spellCheck={false} onChange={(event) => update({ endpoint: event.target.value })} />}
          </Field>
          <Field label="Max lateness (min)" errors={errorsAt('config.maxLatenessMinutes')} hint="Optional: how late an event may arrive and still be collected.">
            {(control) => <input {...control} inputMode="numeric" value={draft.maxLatenessMinutes} onChange={(event) => update({ maxLatenessMinutes: event.target.value })} />}
          </Field>
        </div>
      </details>
    </section>
  );
}
