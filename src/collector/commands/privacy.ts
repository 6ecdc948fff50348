import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { correctVisitor, deleteVisitor, exportVisitor, VISITOR_ID_PATTERN } from '../privacy/rights.js';
import { openStore } from '../store/open.js';
import { CORRECTABLE_COLUMNS, type Corrections } from '../store/types.js';
import { type Command, dbValue, type Io, READ_DB_OPTION, stringValue, UsageError } from './spec.js';

const ACTIONS = ['export', 'delete', 'correct'] as const;
type Action = (typeof ACTIONS)[number];

/** `--set title=New` → { title: 'New' }; `--set title=` clears it (null). Only correctable columns. */
export function parseCorrections(sets: string[]): Corrections {
  const changes: Record<string, string | null> = {};
  for (const item of sets) {
    const eq = item.indexOf('=');
    const column = eq > 0 ? item.slice(0, eq) : '';
    if (!(CORRECTABLE_COLUMNS as readonly string[]).includes(column)) {
      throw new UsageError(
        `--set must be COLUMN=VALUE with COLUMN one of ${CORRECTABLE_COLUMNS.join(', ')}, got ${JSON.stringify(item)}`,
      );
    }
    changes[column] = item.slice(eq + 1) || null;
  }
  if (!Object.keys(changes).length) throw new UsageError('correct needs at least one --set COLUMN=VALUE');
  return changes as Corrections;
}

async function writeOut(io: Io, text: string, out: string | undefined): Promise<void> {
  if (!out) {
    io.stdout.write(text);
    return;
  }
  // The export holds personal data: owner-only permissions.
  const stream = createWriteStream(out, { mode: 0o600 });
  stream.end(text);
  await once(stream, 'finish');
}

/** Operator side of the visitors' rights, for a request that arrived by e-mail. Audited (actor `cli`). */
export const privacyCommand: Command = {
  name: 'privacy',
  positionals: 'export|delete|correct',
  summary: "Answer a visitor's data request: export, delete or correct every row of one visitor id.",
  options: [
    {
      name: 'visitor',
      type: 'string',
      arg: 'ID',
      description: 'The visitor id (32 hex characters, cookie cl_vid).',
    },
    READ_DB_OPTION,
    {
      name: 'set',
      type: 'string',
      arg: 'COL=VALUE',
      multiple: true,
      description: `correct: new value of ${CORRECTABLE_COLUMNS.join(', ')} (empty clears).`,
    },
    {
      name: 'out',
      type: 'string',
      arg: 'FILE',
      description: 'export: write the JSON here (mode 0600) instead of stdout.',
    },
  ],
  async run(values, io) {
    const [action, ...extra] = (values._ as string[] | undefined) ?? [];
    if (!ACTIONS.includes(action as Action) || extra.length) {
      throw new UsageError(
        `expected one of ${ACTIONS.join(', ')}, got ${JSON.stringify([action, ...extra].join(' '))}`,
      );
    }
    const visitor = stringValue(values, 'visitor')?.toLowerCase();
    if (!visitor || !VISITOR_ID_PATTERN.test(visitor))
      throw new UsageError('--visitor must be 32 hex characters');
    const changes = action === 'correct' ? parseCorrections((values.set as string[] | undefined) ?? []) : {};
    const store = await openStore(dbValue(values, io.env), { mustExist: true });
    try {
      if (action === 'export') {
        const data = await exportVisitor(store, visitor, 'cli');
        await writeOut(io, `${JSON.stringify(data, null, 2)}\n`, stringValue(values, 'out'));
      } else if (action === 'delete') {
        const r = await deleteVisitor(store, visitor, 'cli');
        io.stdout.write(
          `deleted ${r.access_log} access-log rows and ${r.bad_rows} bad rows; ${r.consent_detached} consent records kept as proof, detached\n`,
        );
      } else {
        io.stdout.write(`corrected ${await correctVisitor(store, visitor, changes, 'cli')} rows\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
