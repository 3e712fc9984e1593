// One line per record for the results table: the columns each index shows (Traffic: the flow; Syslog: what happened).
import { formatBytes, summarize } from '../../format';
import { valueAt } from './query';

type Fields = Record<string, unknown>;

const text = (record: Fields, path: string): string | undefined => {
  const value = valueAt(record, path);
  return value === undefined || value === null || value === '' ? undefined : String(value);
};

/** `10.0.0.1:443 → 10.0.0.2:51000`; ports left out when absent. */
export function flowEndpoints(record: Fields): string {
  const side = (ip: string, port: string) => {
    const address = text(record, ip) ?? '?';
    const number = text(record, port);
    return number === undefined ? address : `${address}:${number}`;
  };
  return summarize(`${side('srcip', 'srcport')} → ${side('dstip', 'dstport')}`, 120);
}

export function flowProtocol(record: Fields): string {
  return summarize(text(record, 'proto_name') ?? text(record, 'proto') ?? '—', 20);
}

export function flowBytes(record: Fields): string {
  const bytes = valueAt(record, 'bytes');
  return typeof bytes === 'number' ? formatBytes(bytes) : '—';
}

/** What a syslog-index record says, by family: a finding's title, a WAF request, or the application line. */
export function syslogSummary(record: Fields): string {
  switch (record.msg_class) {
    case 'aws_guardduty':
      return summarize([text(record, 'severity_label'), text(record, 'event_name'), text(record, 'guardduty.title')].filter(Boolean).join(' · ') || record.message);
    case 'aws_cloudwatch_waf':
      return summarize([text(record, 'action'), text(record, 'http.method'), `${text(record, 'http.host') ?? ''}${text(record, 'http.uri') ?? ''}`, text(record, 'srcip') ? `from ${text(record, 'srcip')}` : undefined].filter(Boolean).join(' '));
    default:
      return summarize(text(record, 'log') ?? record.message);
  }
}

/** A traffic record summarized on one line, for the mixed (both indices) table. */
export function trafficSummary(record: Fields): string {
  return summarize(`${flowEndpoints(record)} ${flowProtocol(record)} ${text(record, 'action') ?? ''} ${flowBytes(record)}`);
}
