import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AdminError, createClinic, createSessionType, createUser, resetPassword, updateUser } from './admin';
import { createServer } from './app';
import { openDatabase, type Db } from './store/open';

/**
 * `npm run server -- <command>`. With no command it serves; the commands set
 * up clinics and users so an installer never writes SQL. Settings come from
 * the environment: PORT, HOST, DATA_DIR (PGlite), DATABASE_URL (PostgreSQL).
 */
const usage = `Usage: npm run server -- [command] [options]

  (no command)            serve (PORT=8787, HOST=127.0.0.1, DATA_DIR=./server-data, or DATABASE_URL)
  create-clinic           --name "Kisumu clinic" --code KIS
  create-user             --email a@b.org --name "Ann" --role admin|manager|staff --clinic KIS [--clinic NBO] --password ...
  update-user             --email a@b.org [--name ...] [--role ...] [--clinic KIS ...] [--active yes|no]
  reset-password          --email a@b.org --password ...
  create-session-type     --name Counselling --color blue --minutes 30 [--group]

A password can come from OUTPOST_PASSWORD instead of --password (keeps it out of shell history).`;

type Env = Record<string, string | undefined>;

/** Runs one command (tests call it in-process); `print` receives what the command reports. */
export async function runCli(argv: string[], env: Env = process.env, print: (line: string) => void = console.log): Promise<void> {
  const storage = { dataDir: env.DATA_DIR || 'server-data', databaseUrl: env.DATABASE_URL || undefined };
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      code: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      clinic: { type: 'string', multiple: true },
      password: { type: 'string' },
      color: { type: 'string' },
      minutes: { type: 'string' },
      group: { type: 'boolean' },
      active: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help) return print(usage);
  if (!command) return serve(storage, env);

  const required = (key: keyof typeof values): string => {
    const value = key === 'password' ? (values.password ?? env.OUTPOST_PASSWORD) : values[key];
    if (typeof value !== 'string' || !value) throw new AdminError(`--${key} is required.\n\n${usage}`);
    return value;
  };
  // Arguments are checked before the database is opened: a typo answers at once.
  let task: (db: Db) => Promise<string>;
  switch (command) {
    case 'create-clinic': {
      const input = { name: required('name'), code: required('code') };
      task = async (db) => {
        const clinic = await createClinic(db, input);
        return `Created clinic ${clinic.code} (${clinic.id}).`;
      };
      break;
    }
    case 'create-user': {
      const clinics = (values.clinic ?? []).flatMap((c) => c.split(',')).filter(Boolean);
      const role = required('role') as 'admin' | 'manager' | 'staff';
      const input = { email: required('email'), name: required('name'), role, clinics, password: required('password') };
      task = async (db) => {
        const user = await createUser(db, input);
        return `Created ${user.role} ${user.id}.`;
      };
      break;
    }
    case 'update-user': {
      const clinics = (values.clinic ?? []).flatMap((c) => c.split(',')).filter(Boolean);
      if (values.active !== undefined && !['yes', 'no'].includes(values.active)) throw new AdminError('--active is yes or no.');
      const input = {
        email: required('email'),
        name: values.name,
        role: values.role as 'admin' | 'manager' | 'staff' | undefined,
        clinics: clinics.length > 0 ? clinics : undefined,
        active: values.active === undefined ? undefined : values.active === 'yes',
      };
      task = async (db) => {
        const user = await updateUser(db, input);
        return `Updated ${user.role} ${user.id}${user.active ? '' : ' (may not sign in)'}.`;
      };
      break;
    }
    case 'reset-password': {
      const input = { email: required('email'), password: required('password') };
      task = async (db) => {
        await resetPassword(db, input);
        return 'Password changed.';
      };
      break;
    }
    case 'create-session-type': {
      const minutes = Number(required('minutes'));
      if (!Number.isInteger(minutes) || minutes <= 0) throw new AdminError('--minutes is a whole number of minutes.');
      const input = { name: required('name'), color: required('color'), defaultDurationMinutes: minutes, isGroup: !!values.group };
      task = async (db) => `Created session type ${(await createSessionType(db, input)).id}.`;
      break;
    }
    default:
      throw new AdminError(`Unknown command ${command}.\n\n${usage}`);
  }
  const { db, close } = await openDatabase(storage);
  try {
    print(await task(db));
  } finally {
    await close();
  }
}

async function serve(storage: { dataDir: string; databaseUrl?: string }, env: Env): Promise<void> {
  const app = await createServer({ ...storage, logger: true });
  const port = Number(env.PORT || 8787);
  const host = env.HOST || '127.0.0.1';
  await app.listen({ port, host });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
}

/** A mistake by the person typing: shown as a message, not a stack trace. */
export function isUsageError(error: unknown): error is Error {
  return error instanceof AdminError || !!(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2)).catch((error: unknown) => {
    if (!isUsageError(error)) throw error;
    console.error(error.message);
    process.exit(2);
  });
}
