// `cwc serve`: the REST API and the scheduler on one address; with --demo, the emulator's demo scenario in-process.
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { startEmulator, type RunningEmulator } from '../../emulator/emulator.js';
import { applyConfigFile } from '../../api/config-file.js';
import { startDemo } from '../../api/demo.js';
import { DEFAULT_HOST, DEFAULT_PORT, startService, type RunningService } from '../../api/serve.js';
import { integerOption, stringOption, type Command } from '../command.js';

export const DEFAULT_DATA_DIRECTORY = 'data';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the REST API and the connector scheduler (--demo: with the emulator and demo data)',
  usage: `Usage: cwc serve [--config FILE] [--data DIR] [--host H] [--port P] [--demo]

Opens the store (<data>/interflow.db) and the config database (<data>/cwc-config.db), schedules every connector
that belongs to a Data Analyzer profile, and serves the REST API under /api/v1 (OpenAPI at /api/v1/openapi.json).
The first start creates the user "admin" with CWC_ADMIN_PASSWORD, or prints a generated password once.
Secrets are sealed with CWC_MASTER_KEY, or a key file created in the data folder. JSON logs go to stderr
(level from CWC_LOG_LEVEL, default info). SIGINT/SIGTERM stop gracefully: running pages are committed.

Options:
  --config FILE  connectors as code (JSON): {"tenants": [...], "connectors": [{...connector, "addToDefaultProfile": true}]};
                 a secret field may say "\${env:NAME}" to take its value from the environment
  --data DIR     data folder (default ./${DEFAULT_DATA_DIRECTORY})
  --host H       address to listen on (default ${DEFAULT_HOST})
  --port P       port (default ${DEFAULT_PORT}; 0 picks a free one)
  --demo         also run the emulator's demo scenario in-process, with a demo tenant and demo connectors
                 in the default profile, so data is searchable within a minute
  -h, --help     this help`,
  options: {
    config: { type: 'string' },
    data: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    demo: { type: 'boolean' },
  },
  async run(args, io) {
    const port = integerOption(args, 'port', { min: 0, max: 65535 }) ?? DEFAULT_PORT;
    const host = stringOption(args, 'host') ?? DEFAULT_HOST;
    if (host.trim() === '') throw new UsageError('--host: must not be empty');
    const dataDirectory = resolve(stringOption(args, 'data') ?? DEFAULT_DATA_DIRECTORY);
    const configFile = stringOption(args, 'config');
    const demo = args.values.demo === true;

    let emulator: RunningEmulator | undefined;
    let running: RunningService | undefined;
    const notes: string[] = [];
    try {
      if (demo) emulator = await startEmulator({ port: 0, scenario: 'demo' });
      running = await startService({
        dataDirectory,
        host,
        port,
        api: { logStream: io.stderr, logLevel: process.env.CWC_LOG_LEVEL ?? 'info' },
        seed: async (service, store) => {
          if (configFile !== undefined) {
            const applied = applyConfigFile(service, configFile);
            notes.push(`config ${configFile}: ${applied.created.length} connector(s) created, ${applied.updated.length} updated`);
          }
          if (emulator !== undefined) {
            const seeded = await startDemo(service, store, emulator.url);
            notes.push(`demo: emulator at ${emulator.url}, tenant "${seeded.tenant}", ${seeded.connectorIds.length} connector(s) in the default profile`);
          }
        },
      });
    } catch (error) {
      await emulator?.stop();
      throw error;
    }

    const lines = [`listening on ${running.url}`, `  Console: ${running.url}/   (sign in as "admin")`, `  API: ${running.url}/api/v1   OpenAPI: ${running.url}/api/v1/openapi.json`, `  data: ${dataDirectory}`, ...notes.map((note) => `  ${note}`)];
    if (running.generatedAdminPassword !== undefined) {
      lines.push('', `First start: sign in as "admin" with this generated password (shown only now):`, `  ${running.generatedAdminPassword}`);
    }
    lines.push('', `Open ${running.url}/ in a browser, or from a script: curl -s -X POST ${running.url}/api/v1/auth/login -H 'content-type: application/json' -d '{"username":"admin","password":"..."}'`, 'Stop with Ctrl-C.', '');
    io.stdout.write(lines.join('\n'));

    await new Promise<void>((done) => {
      const onSignal = () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        done();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    io.stdout.write('stopping: finishing running collection pages\n');
    await running.close();
    await emulator?.stop();
    io.stdout.write('stopped\n');
    return 0;
  },
};
