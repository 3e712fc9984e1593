// The product document's prompt after Submit: add the new connector to the default Data Analyzer profile? (OK / Cancel)
import { useState } from 'react';
import { api, ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import type { ConnectorView, Profile } from './types';

const ASK_ADMINISTRATOR = 'You do not have the privileges to configure Data Analyzer profiles. Ask your root administrator to add this connector to a profile: it pulls no data until it is in one.';

export function ProfilePrompt({ connector, onDone }: { connector: ConnectorView; onDone: () => void }) {
  const [state, setState] = useState<{ step: 'ask' } | { step: 'adding' } | { step: 'advice'; message: string }>({ step: 'ask' });

  const add = async () => {
    setState({ step: 'adding' });
    try {
      const { profiles } = await api<{ profiles: Profile[] }>('GET', '/profiles');
      const profile = profiles.find((candidate) => candidate.isDefault);
      if (profile === undefined) throw new ApiError(404, 'not_found', 'There is no default Data Analyzer profile.');
      await api('PUT', `/profiles/${encodeURIComponent(profile.id)}/connectors/${encodeURIComponent(connector.id)}`);
      onDone();
    } catch (error) {
      const message = error instanceof ApiError && error.status === 403 ? ASK_ADMINISTRATOR : `The connector was added, but not to the default profile: ${error instanceof Error ? error.message : String(error)}`;
      setState({ step: 'advice', message });
    }
  };

  if (state.step === 'advice') {
    return (
      <Dialog title="Data Analyzer profile" role="alertdialog" onClose={onDone} footer={<button type="button" className="primary" onClick={onDone}>OK</button>}>
        <p>{state.message}</p>
      </Dialog>
    );
  }
  return (
    <Dialog
      title="Add to the default Data Analyzer profile?"
      role="alertdialog"
      onClose={onDone}
      footer={
        <>
          <button type="button" onClick={onDone} disabled={state.step === 'adding'}>Cancel</button>
          <button type="button" className="primary" onClick={() => void add()} disabled={state.step === 'adding'}>OK</button>
        </>
      }
    >
      <p>
        Connector <strong>{connector.name}</strong> runs on the Data Processor: it pulls data only while it belongs to a Data Analyzer profile.
        Click OK to add it to the default profile (it pulls at once, then every interval), or Cancel to leave it out and add it to another profile later.
      </p>
    </Dialog>
  );
}
