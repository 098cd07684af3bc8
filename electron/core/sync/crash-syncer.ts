import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { registerInput } from '../../../common/beneficiaries';
import { users } from '../../../db/schema';
import { toSessionUser } from '../account/service';
import * as beneficiaries from '../beneficiaries/service';
import { openCore } from '../core';
import { FileSecretStore } from '../secrets/file-secret-store';
import { migrationsFolder } from '../testing';
import { syncEngine } from './engine';

// The victim of the sync crash test: on a data folder already connected to the server, it registers people
// offline and syncs, over and over. It prints `w <id>` only after a registration committed, and `s <outcome>`
// after each sync. The test SIGKILLs it at random, mostly in the middle of a push or a pull.
const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, email: { type: 'string' } } });
const dataDir = values['data-dir']!;
const core = await openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder, signInDelayMs: () => 0 });
// The test signed this user in once; the session is taken as it stands, without a password check's scrypt on each start.
const user = toSessionUser(core.store.db.select().from(users).where(eq(users.email, values.email!)).get()!);
const engine = syncEngine(core, { retry: false, pageSize: 7, batchSize: 3 });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  for (let j = 0; j < 2; j++) {
    const saved = beneficiaries.register(
      core,
      user,
      registerInput.parse({
        clinicId: user.clinicIds[0],
        givenName: `Synced${process.pid}`,
        familyName: `Crash${i}-${j}`,
        sex: 'female',
        duplicateReason: 'crash test',
      }),
    );
    process.stdout.write(`w ${saved.id}\n`);
  }
  const outcome = await engine.run();
  process.stdout.write(`s ${outcome.ok ? 'ok' : outcome.error?.code}\n`);
}
