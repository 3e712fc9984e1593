// The connectivity test: runs as soon as the dialog opens (Test starts it), and stays open until closed with X (the product document).
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { formatDuration } from '../../format';
import { href } from '../../router';
import type { ConnectivityResult, ConnectorView } from './types';

type State = { state: 'running' } | { state: 'done'; result: ConnectivityResult } | { state: 'busy'; message: string } | { state: 'error'; message: string };

/** Starts the test: called from the click that opens the dialog, so it runs exactly once (effects may run twice). */
export function startTest(connector: ConnectorView): Promise<ConnectivityResult> {
  const run = api<ConnectivityResult>('POST', `/connectors/${encodeURIComponent(connector.id)}/test`);
  // The dialog reports failures; this keeps an unobserved rejection from reaching the console.
  run.catch(() => undefined);
  return run;
}

export function TestDialog({ connector, run, onClose }: { connector: ConnectorView; run: Promise<ConnectivityResult>; onClose: () => void }) {
  const [test, setTest] = useState<State>({ state: 'running' });
  const [showMore, setShowMore] = useState(false);

  useEffect(() => {
    let current = true;
    run
      .then((result) => current && setTest({ state: 'done', result }))
      .catch((error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.status === 409) setTest({ state: 'busy', message: error.message });
        else setTest({ state: 'error', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      current = false;
    };
  }, [run]);

  return (
    <Dialog title={`Test: ${connector.name}`} onClose={onClose} closeOnEscape={false} className="test-dialog">
      <div aria-live="polite">
        {test.state === 'running' ? <p role="status">Testing authentication and connectivity…</p> : null}
        {test.state === 'busy' ? (
          <div className="notice warn" role="alert">
            <p><strong>Another test is running.</strong> You may run only one test at a time; try again when it finishes.</p>
            <p className="small muted">{test.message}</p>
          </div>
        ) : null}
        {test.state === 'error' ? <p className="notice bad" role="alert">The test could not run: {test.message}</p> : null}
        {test.state === 'done' ? <Result result={test.result} showMore={showMore} onToggle={() => setShowMore((shown) => !shown)} /> : null}
        {test.state === 'done' && !test.result.ok ? (
          // The document: "If the test fails, you can select [Edit] from the same row to review and correct issues."
          <p className="small"><a href={href('connectors', connector.id, 'edit')} onClick={onClose}>Edit {connector.name}</a> to review and correct the configuration, then test again.</p>
        ) : null}
      </div>
    </Dialog>
  );
}

function Result({ result, showMore, onToggle }: { result: ConnectivityResult; showMore: boolean; onToggle: () => void }) {
  if (result.ok) {
    return (
      <div className="test-result ok">
        <p className="test-outcome"><span className="badge ok">Success !</span></p>
        <p>{result.summary}</p>
        <p className="small muted">{result.identity === undefined ? '' : `As ${result.identity}. `}Took {formatDuration(result.durationMilliseconds)}.</p>
        <Checks result={result} showMore={showMore} onToggle={onToggle} />
      </div>
    );
  }
  return (
    <div className="test-result bad">
      <p className="test-outcome"><span className="badge bad">Failure</span></p>
      <p className="test-summary">{result.summary}</p>
      <dl className="summary">
        <div className="summary-row"><dt>HTTP Error Code</dt><dd className="http-code">{result.httpStatus} {result.httpName}</dd></div>
        {result.explanation === undefined ? null : <div className="summary-row"><dt>Explanation</dt><dd className="explanation">{result.explanation}</dd></div>}
        {result.recommendation === undefined ? null : <div className="summary-row"><dt>Recommendation</dt><dd className="recommendation">{result.recommendation}</dd></div>}
      </dl>
      <Checks result={result} showMore={showMore} onToggle={onToggle} />
    </div>
  );
}

function Checks({ result, showMore, onToggle }: { result: ConnectivityResult; showMore: boolean; onToggle: () => void }) {
  return (
    <>
      <button type="button" className="link" aria-expanded={showMore} aria-controls="test-details" onClick={onToggle}>{showMore ? 'Show Less' : 'Show More'}</button>
      {showMore ? (
        <div id="test-details" className="test-details">
          {result.awsCode === undefined ? null : (
            <p>AWS error: <code className="aws-code">{result.awsCode}</code>{result.awsMessage === undefined ? null : <> — <span className="aws-message">{result.awsMessage}</span></>}</p>
          )}
          <ul className="checks">
            {result.checks.map((check, index) => (
              <li key={`${check.name}-${index}`} className={`check-${check.status}`}>
                <span className={`badge ${check.status === 'passed' ? 'ok' : check.status === 'failed' ? 'bad' : 'warn'}`}>{check.status}</span>{' '}
                <strong>{check.name}</strong>: {check.detail}
                {check.error === undefined ? null : (
                  <div className="small mono">{check.error.awsCode}{check.error.awsHttpStatus === undefined ? '' : ` (HTTP ${check.error.awsHttpStatus})`}: {check.error.awsMessage}</div>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
