// A worker thread of simulated API users for the load benchmark: each searches or reads a connector's status, then waits (or not).
import { parentPort, workerData } from 'node:worker_threads';

export interface ApiClientsData {
  url: string;
  token: string;
  connectorIds: string[];
  clients: number;
  /** Think time after each answer, drawn uniformly from [min, max] ms; absent = closed loop (the next request at once). */
  thinkMilliseconds?: [number, number];
}

export interface ApiClientsResult {
  search: number[];
  status: number[];
  /** Answers other than 200, by status code. */
  failures: Record<string, number>;
}

const data = workerData as ApiClientsData;
const port = parentPort;
if (port === null) throw new Error('api-clients must run as a worker thread');

let done = false;
const result: ApiClientsResult = { search: [], status: [], failures: {} };
const headers = { authorization: `Bearer ${data.token}`, 'content-type': 'application/json' };
// What the console's search page and dashboards send: free text, field terms, a boolean query, wildcards.
const queries = ['*', 'error', 'GET AND timeout', 'log_family:container', 'message:login*'];

async function client(n: number): Promise<void> {
  // Spread the first requests like users arriving, not one burst.
  if (data.thinkMilliseconds) await new Promise((resolve) => setTimeout(resolve, Math.random() * data.thinkMilliseconds![1]));
  for (let i = 0; !done; i += 1) {
    const search = (n + i) % 2 === 0;
    const started = performance.now();
    try {
      const response = search
        ? await fetch(`${data.url}/api/v1/search`, { method: 'POST', headers, body: JSON.stringify({ query: queries[(n + i) % queries.length], size: 50, histogram: i % 4 === 0 }) })
        : await fetch(`${data.url}/api/v1/connectors/${data.connectorIds[(n + i) % data.connectorIds.length]}/status`, { headers });
      await response.arrayBuffer();
      (search ? result.search : result.status).push(performance.now() - started);
      if (response.status !== 200) result.failures[response.status] = (result.failures[response.status] ?? 0) + 1;
    } catch (error) {
      const key = (error as Error).name;
      result.failures[key] = (result.failures[key] ?? 0) + 1;
    }
    const think = data.thinkMilliseconds;
    if (think && !done) await new Promise((resolve) => setTimeout(resolve, think[0] + Math.random() * (think[1] - think[0])));
  }
}

const running = Array.from({ length: data.clients }, (_, n) => client(n));
port.on('message', () => {
  done = true;
  void Promise.all(running).then(() => port.postMessage(result));
});
