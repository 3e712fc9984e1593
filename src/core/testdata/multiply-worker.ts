// A tiny worker used by worker-thread.test.ts: multiplies each number it receives by workerData.factor.
import { parentPort, workerData } from 'node:worker_threads';

const { factor } = workerData as { factor: number };
parentPort?.on('message', (value: number) => parentPort?.postMessage(value * factor));
