import { parseArgs } from 'node:util';
import { DEFAULTS } from '../config.js';

/** Streams a command writes to: process.stdout/stderr in the CLI, memory in tests. */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env?: Record<string, string | undefined>;
}

export interface OptionSpec {
  name: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Placeholder in help, e.g. `PATH`. */
  arg?: string;
  description: string;
}

/** `--db` of the commands that only read the store (report, export, consents). */
export const READ_DB_OPTION: OptionSpec = {
  name: 'db',
  type: 'string',
  arg: 'PATH|URL',
  description:
    'SQLite file or postgres:// URL to read (env CONSENTLOG_DB or DATABASE_URL, default ./data/consentlog.db).',
};

/** `--db`, else CONSENTLOG_DB, else DATABASE_URL, else the default SQLite file. */
export const dbValue = (values: ParsedValues, env: Record<string, string | undefined> = {}): string =>
  stringValue(values, 'db') || env.CONSENTLOG_DB || env.DATABASE_URL || DEFAULTS.db;

export interface Command {
  name: string;
  summary: string;
  options: readonly OptionSpec[];
  /** Positional arguments in help, e.g. `export|delete|correct`; they arrive as `values._`. */
  positionals?: string;
  run(values: ParsedValues, io: Io): Promise<number>;
}

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** Wrong flags or values: the CLI prints the message and exits with 2 (usage error). */
export class UsageError extends Error {
  override name = 'UsageError';
}

const HELP: OptionSpec = { name: 'help', type: 'boolean', description: 'Show this help.' };

/** Strict parsing: unknown flags and stray arguments are errors naming the culprit. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedValues {
  const options = Object.fromEntries(
    [...command.options, HELP].map((o) => [o.name, { type: o.type, multiple: o.multiple ?? false }]),
  );
  try {
    const allowPositionals = command.positionals !== undefined;
    const parsed = parseArgs({ args: argv, options, strict: true, allowPositionals });
    return { ...(parsed.values as ParsedValues), ...(allowPositionals ? { _: parsed.positionals } : {}) };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const quoted = /'([^']+)'/.exec((err as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${quoted}`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError(`unexpected argument "${quoted}"`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError((err as Error).message.split('\n')[0]);
    throw err;
  }
}

export function commandHelp(command: Command): string {
  const lines = [...command.options, HELP].map((o) => {
    const flag = `--${o.name}${o.arg ? ` ${o.arg}` : ''}`;
    return `  ${flag.padEnd(24)}${o.description}${o.multiple ? ' Repeatable.' : ''}`;
  });
  const args = command.positionals ? ` ${command.positionals}` : '';
  return `Usage: consentlog ${command.name}${args} [options]\n\n${command.summary}\n\nOptions:\n${lines.join('\n')}\n`;
}

/** A string flag's value, or undefined when absent. */
export const stringValue = (values: ParsedValues, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};
