// Seeds an emulator with benchmark data through PutLogEvents: VPC Flow lines, and a mixed syslog workload.
import { readFileSync } from 'node:fs';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';

const credentials = () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
const samples = new URL('../../../shared/samples/', import.meta.url);

export function client(url: string, region = 'us-west-2'): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ region, endpoint: url, credentials: credentials(), maxAttempts: 10 });
}

export function vpcFlowLine(i: number): string {
  const action = i % 7 === 0 ? 'REJECT' : 'ACCEPT';
  return `2 123456789012 eni-0${(i % 40).toString(16).padStart(7, '0')} 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} 172.31.${i % 200}.${(i * 7) % 250} ${1024 + (i % 60000)} ${[443, 22, 80, 53, 3389][i % 5]} ${i % 5 === 3 ? 17 : 6} ${1 + (i % 90)} ${60 + ((i * 37) % 90000)} 1732780800 1732780860 ${action} OK`;
}

/** WAF documents, EKS audit events and plain container lines, varied by index so no two are identical. */
export function mixedMessages(): (i: number) => string {
  const waf = readFileSync(new URL('waf/awsdocs/all-examples.minified.ndjson', samples), 'utf8').trim().split('\n');
  const audit = readFileSync(new URL('eks/panther-eks-audit-anonymous-webscanner.ndjson', samples), 'utf8').trim().split('\n');
  return (i: number) => {
    const ip = `198.51.100.${i % 250}`;
    switch (i % 3) {
      case 0:
        return (waf[i % waf.length] as string).replace(/"clientIp":"[^"]*"/, `"clientIp":"${ip}"`);
      case 1:
        return (audit[i % audit.length] as string).replace(/"sourceIPs":\["[^"]*"\]/, `"sourceIPs":["${ip}"]`);
      default:
        return `2026-11-28T03:00:00.${String(i % 1000).padStart(3, '0')}Z INFO request from ${ip} GET /api/orders/${i} 200 ${i % 900}ms`;
    }
  };
}

/** Writes `count` events into `group` across `streams` streams, in PutLogEvents batches under the 1 MiB limit. */
export async function seed(logs: CloudWatchLogsClient, group: string, count: number, message: (i: number) => string, streams = 20, baseTime = Date.now() - 30 * 60_000): Promise<void> {
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  for (let s = 0; s < streams; s++) await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: `stream-${s}` }));
  const inFlight: Array<Promise<unknown>> = [];
  let i = 0;
  let batchNumber = 0;
  while (i < count) {
    const logEvents: Array<{ timestamp: number; message: string }> = [];
    let bytes = 0;
    while (i < count && logEvents.length < 10_000) {
      const text = message(i);
      const size = Buffer.byteLength(text) + 26;
      if (bytes + size > 1_000_000) break;
      bytes += size;
      // Spread over 25 minutes so time windows and pages look like real traffic.
      logEvents.push({ timestamp: baseTime + Math.floor((i / count) * 25 * 60_000), message: text });
      i++;
    }
    inFlight.push(logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: `stream-${batchNumber++ % streams}`, logEvents })));
    if (inFlight.length >= 4) await inFlight.shift();
  }
  await Promise.all(inFlight);
}
