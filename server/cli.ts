import { parseArgs } from 'node:util';
import { AdminError, createClinic, createSessionType, createUser, resetPassword } from './admin';
import { createServer } from './app';
import { openDatabase } from './store/open';

/**
 * `npm run server -- <command>`. With no command it serves; the commands set
 * up clinics and users so an installer never writes SQL. Settings come from
 * the environment: PORT, HOST, DATA_DIR (PGlite), DATABASE_URL (PostgreSQL).
 */
const usage = `Usage: npm run server -- [command] [options]

  (no command)            serve (PORT=8787, HOST=127.0.0.1, DATA_DIR=./server-data, or DATABASE_URL)
  create-clinic           --name "Kisumu clinic" --code KIS
  create-user             --email a@b.org --name "Ann" --role admin|manager|staff --clinic KIS [--clinic NBO] --password ...
  reset-password          --email a@b.org --password ...
  create-session-type     --name Counselling --color blue --minutes 30 [--group]

A password can come from OUTPOST_PASSWORD instead of --password (keeps it out of shell history).`;

const storage = { dataDir: process.env.DATA_DIR || 'server-data', databaseUrl: process.env.DATABASE_URL || undefined };

async function main(argv: string[]): Promise<void> {
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
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help) return console.log(usage);
  if (!command) return serve();

  const required = (key: keyof typeof values): string => {
    const value = key === 'password' ? (values.password ?? process.env.OUTPOST_PASSWORD) : values[key];
    if (typeof value !== 'string' || !value) throw new AdminError(`--${key} is required.\n\n${usage}`);
    return value;
  };
  const { db, close } = await openDatabase(storage);
  try {
    switch (command) {
      case 'create-clinic': {
        const clinic = await createClinic(db, { name: required('name'), code: required('code') });
        console.log(`Created clinic ${clinic.code} (${clinic.id}).`);
        break;
      }
      case 'create-user': {
        const clinics = (values.clinic ?? []).flatMap((c) => c.split(',')).filter(Boolean);
        const role = required('role') as 'admin' | 'manager' | 'staff';
        const user = await createUser(db, {
          email: required('email'),
          name: required('name'),
          role,
          clinics,
          password: required('password'),
        });
        console.log(`Created ${user.role} ${user.id}.`);
        break;
      }
      case 'reset-password':
        await resetPassword(db, { email: required('email'), password: required('password') });
        console.log('Password changed.');
        break;
      case 'create-session-type': {
        const minutes = Number(required('minutes'));
        if (!Number.isInteger(minutes) || minutes <= 0) throw new AdminError('--minutes is a whole number of minutes.');
        const type = await createSessionType(db, {
          name: required('name'),
          color: required('color'),
          defaultDurationMinutes: minutes,
          isGroup: !!values.group,
        });
        console.log(`Created session type ${type.id}.`);
        break;
      }
      default:
        throw new AdminError(`Unknown command ${command}.\n\n${usage}`);
    }
  } finally {
    await close();
  }
}

async function serve(): Promise<void> {
  const app = await createServer({ ...storage, logger: true });
  const port = Number(process.env.PORT || 8787);
  const host = process.env.HOST || '127.0.0.1';
  await app.listen({ port, host });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof AdminError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error((error as Error).message);
    process.exit(2);
  }
  throw error;
});
