import path from 'node:path';
import { FileSecretStore } from '../electron/core';
import { damageTable } from '../electron/core/testing';

// process.execPath --import tsx e2e/damage-store.ts DATA_DIR TABLE
// Damages one table of a stopped host's store (electron/core/testing.ts, damageTable): the store still opens, but the
// integrity check finds the damage. The server sign-in is forgotten too (as after a password change), so that no
// start-up sync sends the waiting changes before the check has found the damage.
const [dataDir, table] = process.argv.slice(2) as [string, string];
const secrets = new FileSecretStore(dataDir);
for (const name of ['sync.access-token', 'sync.refresh-token']) await secrets.set(name, '');
damageTable(path.join(dataDir, 'outpost.db'), (await secrets.get('database-key'))!, table);
