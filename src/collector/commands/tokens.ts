import { createToken } from '../auth/tokens.js';
import { formatTable } from '../format/table.js';
import { openStore } from '../store/open.js';
import { ROLES, type Role, type Store } from '../store/types.js';
import { type Command, dbValue, type Io, type ParsedValues, stringValue, UsageError } from './spec.js';

const ACTIONS = ['create', 'list', 'revoke'] as const;
type Action = (typeof ACTIONS)[number];
const NAME = /^[\w.@-]{1,64}$/;

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

async function create(store: Store, values: ParsedValues, io: Io): Promise<void> {
  const role = stringValue(values, 'role') ?? '';
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got ${JSON.stringify(role)}`);
  }
  const name = stringValue(values, 'name') ?? '';
  if (!NAME.test(name)) throw new UsageError('--name must be 1-64 letters, digits, or . _ @ -');
  const { id, token } = await createToken(store, role as Role, name);
  await store.appendAudit({
    ts: Date.now(),
    actor: 'cli',
    action: 'token.create',
    subject: null,
    detail: JSON.stringify({ id, name, role }),
  });
  io.stdout.write(`${role} token "${name}" (id ${id}), shown only this once:\n${token}\n`);
}

async function list(store: Store, io: Io): Promise<void> {
  const tokens = await store.listTokens();
  if (!tokens.length) {
    io.stdout.write('(no tokens; the first-start admin token is configuration, not listed)\n');
    return;
  }
  const rows = tokens.map((t) => [t.id, t.name, t.role, iso(t.created_at), iso(t.revoked_at)]);
  io.stdout.write(`${formatTable(['id', 'name', 'role', 'created (UTC)', 'revoked (UTC)'], rows)}\n`);
}

async function revoke(store: Store, target: string | undefined, io: Io): Promise<number> {
  if (!target) throw new UsageError('revoke needs the token name or id: tokens revoke NAME');
  if (!(await store.revokeToken(target, Date.now()))) {
    io.stderr.write(`consentlog tokens: no live token named or with id ${JSON.stringify(target)}\n`);
    return 1;
  }
  await store.appendAudit({
    ts: Date.now(),
    actor: 'cli',
    action: 'token.revoke',
    subject: null,
    detail: JSON.stringify({ token: target }),
  });
  io.stdout.write(`revoked ${target}; it is refused from now on\n`);
  return 0;
}

/** Tokens with a role for the admin routes and the dashboard; only their hashes are stored. */
export const tokensCommand: Command = {
  name: 'tokens',
  positionals: 'create|list|revoke [NAME]',
  summary: 'Create (printed once), list or revoke admin and analyst tokens.',
  options: [
    { name: 'role', type: 'string', arg: 'ROLE', description: 'create: admin or analyst.' },
    { name: 'name', type: 'string', arg: 'NAME', description: 'create: who or what the token is for.' },
    {
      name: 'db',
      type: 'string',
      arg: 'PATH',
      description:
        'SQLite file or postgres:// URL (env CONSENTLOG_DB or DATABASE_URL, default ./data/consentlog.db).',
    },
  ],
  async run(values, io) {
    const [action, target, ...extra] = (values._ as string[] | undefined) ?? [];
    if (!ACTIONS.includes(action as Action) || extra.length || (action !== 'revoke' && target)) {
      throw new UsageError(
        `expected create, list or revoke NAME, got ${JSON.stringify((values._ as string[]).join(' '))}`,
      );
    }
    const db = dbValue(values, io.env);
    const store = await openStore(db, { mustExist: action !== 'create' });
    try {
      if (action === 'create') await create(store, values, io);
      else if (action === 'list') await list(store, io);
      else return await revoke(store, target, io);
      return 0;
    } finally {
      await store.close();
    }
  },
};
