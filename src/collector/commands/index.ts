import { auditCommand } from './audit.js';
import { consentsCommand } from './consents.js';
import { copyCommand } from './copy.js';
import { exportCommand } from './export.js';
import { migrateCommand } from './migrate.js';
import { privacyCommand } from './privacy.js';
import { purgeCommand } from './purge.js';
import { reportCommand } from './report.js';
import { rotateKeyCommand } from './rotate-key.js';
import { serveCommand } from './serve.js';
import { type Command, commandHelp, type Io, parseCommandArgs, UsageError } from './spec.js';
import { tokensCommand } from './tokens.js';

export const COMMANDS: readonly Command[] = [
  serveCommand,
  reportCommand,
  exportCommand,
  consentsCommand,
  privacyCommand,
  purgeCommand,
  tokensCommand,
  auditCommand,
  migrateCommand,
  copyCommand,
  rotateKeyCommand,
];

export function mainHelp(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(11)}${c.summary}`);
  return `Usage: consentlog <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`consentlog <command> --help\` for a command's options.\n`;
}

/**
 * The CLI without the process: argv in, exit code out (0 ok, 1 failure, 2 usage error), text to
 * `io`. `serve` resolves once listening and leaves the server running.
 */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`consentlog: unknown command "${name}"\nRun \`consentlog --help\` for the list.\n`);
    return 2;
  }
  try {
    const values = parseCommandArgs(command, rest);
    if (values.help) {
      io.stdout.write(commandHelp(command));
      return 0;
    }
    return await command.run(values, io);
  } catch (err) {
    const usage = err instanceof UsageError;
    io.stderr.write(
      `consentlog ${name}: ${(err as Error).message}\n${usage ? `Run \`consentlog ${name} --help\`.\n` : ''}`,
    );
    return usage ? 2 : 1;
  }
}
