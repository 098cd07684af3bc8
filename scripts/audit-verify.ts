import path from 'node:path';
import { parseArgs } from 'node:util';
import { openEncrypted } from '../db/open';
import { verifyAuditChain } from '../electron/core/audit/verify';
import { FileSecretStore } from '../electron/core/secrets/file-secret-store';

// npm run audit:verify -- [--data-dir DIR]: checks a data folder's audit chain (web host / test data folders,
// whose key is in the folder; in the app, Admin has the same check as a button).
const { values } = parseArgs({ options: { 'data-dir': { type: 'string', default: process.env.OUTPOST_DATA_DIR ?? '.outpost-data' } } });
const dataDir = path.resolve(values['data-dir']);
const key = await new FileSecretStore(dataDir).get('database-key');
if (!key) {
  console.error(`No database key in ${dataDir}: not an Outpost data folder, or its key is kept by the desktop app's keyring.`);
  process.exit(2);
}
const sqlite = openEncrypted(path.join(dataDir, 'outpost.db'), key, { readonly: true });
const report = verifyAuditChain(sqlite);
sqlite.close();
if (report.ok) {
  console.log(`Audit trail intact: ${report.checked} entries checked.`);
} else {
  const broken = report.firstBroken!;
  console.error(
    `Audit trail BROKEN at entry #${broken.seq} (${broken.id}, ${broken.at}): its ${broken.reason === 'hash' ? 'content was changed' : 'link to the entry before it does not hold (an entry was removed or inserted)'}.`,
  );
  process.exit(1);
}
