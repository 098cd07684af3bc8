import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FileSecretStore, openCore } from '../electron/core';
import { demoAdmin, ensureAdmin, ensureStaff, seedBeneficiaries, seedSessions } from './demo-data';

// npm run seed:demo -- --beneficiaries N --sessions M [--data-dir DIR]
const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    beneficiaries: { type: 'string', default: '1000' },
    sessions: { type: 'string', default: '0' },
    'data-dir': { type: 'string', default: process.env.OUTPOST_DATA_DIR ?? path.join(root, '.outpost-data') },
  },
});
const count = (name: 'beneficiaries' | 'sessions') => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${values[name]}".`);
  return n;
};

const dataDir = path.resolve(values['data-dir']);
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const core = await openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder: path.join(root, 'db/migrations') });
const started = performance.now();
const admin = await ensureAdmin(core);
seedBeneficiaries(core, admin, count('beneficiaries'));
if (count('sessions') > 0) seedSessions(core, admin, await ensureStaff(core, admin, 12), count('sessions'));
core.close();
console.log(
  `Seeded ${count('beneficiaries')} beneficiaries and ${count('sessions')} sessions into ${dataDir} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
console.log(
  `Sign in as ${admin.email}${admin.email === demoAdmin.email ? ` / ${demoAdmin.password}` : ''} (staff: staff1@example.org … with the same password).`,
);
