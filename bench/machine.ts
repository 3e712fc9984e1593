// The machine a benchmark ran on, printed above every result table.
import os from 'node:os';

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `Machine: ${cpus.length} × ${model}, ${memoryGiB} GiB RAM, ${os.type()} ${os.release()}, Node.js ${process.version}`;
}
