// "Show IAM policy": the least-privilege policies for what was entered (POST /iam-policy), each with a Copy button.
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { CopyButton } from '../../components/CopyButton';
import { policyDraft, type Draft } from './draft';
import type { IamPolicies } from './types';

type State = { state: 'loading' } | { state: 'ready'; policies: IamPolicies } | { state: 'failed'; problems: string[] };

export function IamPolicyPanel({ draft }: { draft: Draft }) {
  const [result, setResult] = useState<State>({ state: 'loading' });
  const body = JSON.stringify(policyDraft(draft));

  useEffect(() => {
    let current = true;
    // Wait a moment while the person types, then ask once.
    const timer = setTimeout(() => {
      api<IamPolicies>('POST', '/iam-policy', JSON.parse(body))
        .then((policies) => current && setResult({ state: 'ready', policies }))
        .catch((error: unknown) => {
          if (!current) return;
          const problems = error instanceof ApiError && error.details.length > 0 ? error.details.map((problem) => `${problem.path} ${problem.message}`) : [error instanceof Error ? error.message : String(error)];
          setResult({ state: 'failed', problems });
        });
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body]);

  return (
    <section className="iam-policy card" aria-labelledby="iam-policy-title" aria-live="polite">
      <h3 id="iam-policy-title">IAM policy</h3>
      {result.state === 'loading' ? <p className="muted">Building the policy…</p> : null}
      {result.state === 'failed' ? (
        <div className="notice warn">
          <p>Enter the fields below to see the policy:</p>
          <ul>{result.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>
        </div>
      ) : null}
      {result.state === 'ready' ? (
        <>
          <PolicyBlock title={draft.authMethod === 'iam_role' ? 'Permissions policy (attach to the role)' : 'Permissions policy (attach to the user of the access key)'} document={result.policies.policy} />
          {result.policies.trustPolicy ? <PolicyBlock title="Trust policy (the role's trust relationship)" document={result.policies.trustPolicy} /> : null}
          {result.policies.sourceUserPolicy ? <PolicyBlock title="Source user policy (lets the source user assume the role)" document={result.policies.sourceUserPolicy} /> : null}
          <ul className="small muted">{result.policies.notes.map((note) => <li key={note}>{note}</li>)}</ul>
        </>
      ) : null}
    </section>
  );
}

function PolicyBlock({ title, document }: { title: string; document: unknown }) {
  const text = JSON.stringify(document, null, 2);
  return (
    <div className="policy-block">
      <div className="policy-head">
        <h4>{title}</h4>
        <CopyButton text={text} label={`Copy ${title.split(' (')[0]?.toLowerCase() ?? 'policy'}`} />
      </div>
      <pre>{text}</pre>
    </div>
  );
}
