import { resolveConfig } from '../config.js';
import { startServer } from '../server.js';
import { type Command, stringValue, UsageError } from './spec.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the collector: receive events and consent decisions, serve consentlog.js.',
  options: [
    {
      name: 'port',
      type: 'string',
      arg: 'N',
      description: 'Port to listen on; 0 picks a free one (env PORT, default 8080).',
    },
    {
      name: 'host',
      type: 'string',
      arg: 'H',
      description: 'Interface to bind (env HOST, default 127.0.0.1; 0.0.0.0 for all).',
    },
    {
      name: 'db',
      type: 'string',
      arg: 'PATH',
      description: 'SQLite file, created if missing (env CONSENTLOG_DB, default ./data/consentlog.db).',
    },
    {
      name: 'allow-origin',
      type: 'string',
      arg: 'ORIGIN',
      multiple: true,
      description: 'Only accept beacons from this origin, e.g. https://example.com (default: any).',
    },
    {
      name: 'ip-mode',
      type: 'string',
      arg: 'MODE',
      description: 'Client IP to store: truncated (default; /24, /48), none or full.',
    },
    { name: 'demo', type: 'boolean', description: 'Also serve the demo site at /.' },
  ],
  async run(values, io) {
    let config: ReturnType<typeof resolveConfig>;
    try {
      config = resolveConfig(
        {
          port: stringValue(values, 'port'),
          host: stringValue(values, 'host'),
          db: stringValue(values, 'db'),
          allowOrigins: (values['allow-origin'] as string[] | undefined) ?? null,
          ipMode: stringValue(values, 'ip-mode'),
          demo: values.demo === true,
        },
        io.env ?? process.env,
      );
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    // Resolves once listening; the open server keeps the process alive until a signal closes it.
    await startServer({ ...config, stdout: io.stdout, logStream: io.stderr });
    return 0;
  },
};
