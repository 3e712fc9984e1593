// Work units: one per log group, or per log group and chunk of at most 100 listed streams (the API's limit).
import type { Connector } from '../../core/connector.js';

/** FilterLogEvents accepts at most this many logStreamNames. */
export const MAX_STREAMS_PER_REQUEST = 100;

export interface WorkUnit {
  /** Stable checkpoint key: `cloudwatch/<connector id>/<log group>[#<first stream>…]`. */
  key: string;
  logGroup: string;
  /** Absent: every stream of the group. */
  logStreams?: string[];
}

export function workUnits(connectorId: string, connector: Connector): WorkUnit[] {
  const { logGroups, logStreams = [] } = connector.config;
  if (logStreams.length === 0) return logGroups.map((logGroup) => ({ key: `cloudwatch/${connectorId}/${logGroup}`, logGroup }));
  const logGroup = logGroups[0] as string;
  const sorted = [...logStreams].sort();
  const units: WorkUnit[] = [];
  for (let i = 0; i < sorted.length; i += MAX_STREAMS_PER_REQUEST) {
    const chunk = sorted.slice(i, i + MAX_STREAMS_PER_REQUEST);
    units.push({ key: `cloudwatch/${connectorId}/${logGroup}#${chunk[0] as string}`, logGroup, logStreams: chunk });
  }
  return units;
}
