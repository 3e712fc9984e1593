// A connector's status as the overview shows it: a word, a tone, and the explanation behind it (hover or expand).
import type { ConnectorStatusView } from './types';

export interface ShownStatus {
  label: string;
  tone: 'ok' | 'bad' | 'warn' | 'idle';
  explanation: string;
}

export function showStatus(view: ConnectorStatusView | undefined): ShownStatus {
  if (view === undefined) return { label: 'Loading', tone: 'idle', explanation: 'The status is being read.' };
  if (!view.pulling) {
    return { label: 'Not in a profile', tone: 'warn', explanation: 'The connector runs on the Data Processor but belongs to no Data Analyzer profile, so it pulls no data. Add it to a profile (System | Profiles).' };
  }
  const status = view.status;
  if (status === null) return { label: 'Not scheduled', tone: 'idle', explanation: 'The collector is not running in this server, so the connector is not scheduled here.' };
  const running = status.running ? ' A collection run is in progress.' : '';
  if (status.state === 'pending') return { label: status.running ? 'Running' : 'Pending', tone: 'idle', explanation: `Waiting for the first collection run to finish.${running}` };
  if (status.state === 'ok') {
    const cleared = status.clearedByTestAt === undefined ? '' : ' A successful test cleared the last failure; if the problem persists the status reverts to failed after a minute.';
    return { label: 'OK', tone: 'ok', explanation: `The last collection run succeeded.${cleared}${running}` };
  }
  const error = status.lastError;
  if (error === undefined) return { label: 'Failed', tone: 'bad', explanation: `The last collection run failed.${running}` };
  const where = error.logGroup === undefined ? '' : ` on log group ${error.logGroup}`;
  return {
    label: `Failed (${error.httpStatus})`,
    tone: 'bad',
    explanation: `${error.httpStatus} ${error.httpName}${where}: ${error.explanation} ${error.recommendation} AWS said ${error.awsCode}: ${error.awsMessage}${running}`,
  };
}

/** The largest lag over the connector's log groups: how far behind the newest events collection is. */
export function lagMilliseconds(view: ConnectorStatusView | undefined): number | undefined {
  const groups = view?.status?.logGroups ?? [];
  return groups.length === 0 ? undefined : Math.max(...groups.map((group) => group.lagMilliseconds));
}
