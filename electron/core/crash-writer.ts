import { parseArgs } from 'node:util';
import { registerInput } from '../../common/beneficiaries';
import * as account from './account/service';
import * as beneficiaries from './beneficiaries/service';
import { openCore } from './core';
import { FileSecretStore } from './secrets/file-secret-store';
import { migrationsFolder, setupAdmin } from './testing';

// The victim of the crash test: writes through the real write path and prints
// each id only after its transaction committed. The test SIGKILLs it at random.
const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
const dataDir = values['data-dir']!;
const core = await openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder });
const admin = account.status(core, { user: null, locked: false }).needsSetup
  ? await account.setup(core, setupAdmin)
  : await account.signIn(core, setupAdmin);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const saved = beneficiaries.register(
    core,
    admin,
    registerInput.parse({
      clinicId: admin.clinicIds[0],
      givenName: `Crash${process.pid}`,
      familyName: `Test${i}`,
      sex: 'female',
      birthDate: '1990-01-01',
      duplicateReason: 'crash test',
    }),
  );
  process.stdout.write(`${saved.id}\n`);
}
