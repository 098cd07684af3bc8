import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupTo, openEncrypted, StoreKeyError } from '../../db/open';
import { openCore } from './core';
import { FileSecretStore } from './secrets/file-secret-store';
import { dataOf, migrationsFolder, setupAdmin, testClient } from './testing';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const otherKey = 'b'.repeat(64);

describe('the local store is encrypted at rest', () => {
  it('holds no plaintext name in any file of the data folder, and opens only with its key', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-enc-'));
    tempDirs.push(dataDir);
    const secrets = new FileSecretStore(dataDir);
    const core = await openCore({ dataDir, secrets, migrationsFolder });
    const client = testClient(core);
    const name = 'Zebulon Quixotefield';
    await client.mutate('account.setup', { ...setupAdmin, name, clinic: { name: 'Mwanza Riverside', code: 'MWZ' } });
    const clinic = dataOf<{ id: string }[]>(await client.query('clinics.list'))[0]!;
    dataOf(
      await client.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName: 'Philomena',
        familyName: 'Ndegwa-Onyango',
        sex: 'female',
        birthDate: '1991-02-03',
        nationalId: 'NID-55667788',
        phone: '0799 123 456',
        notes: 'Sees the counsellor on Tuesdays',
      }),
    );
    backupTo(core.store.sqlite, path.join(dataDir, 'backups', 'copy.db'));

    // Read while open (WAL and all) and again after closing.
    for (const phase of ['open', 'closed']) {
      if (phase === 'closed') core.close();
      const files = fs.readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
      expect(files.length).toBeGreaterThan(1);
      for (const file of files) {
        if (file.name === 'secrets.json') continue;
        const bytes = fs.readFileSync(path.join(file.parentPath, file.name));
        for (const secret of [
          name,
          'Mwanza Riverside',
          setupAdmin.email,
          'Philomena',
          'Ndegwa-Onyango',
          'NID-55667788',
          '0799 123 456',
          'counsellor',
        ]) {
          expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file.name} (${phase})`).toBe(false);
        }
      }
    }

    const file = path.join(dataDir, 'outpost.db');
    const key = (await secrets.get('database-key'))!;
    const plain = new Database(file);
    expect(() => plain.prepare('select * from sqlite_master').all()).toThrow(/not a database/);
    plain.close();
    expect(() => openEncrypted(file, otherKey)).toThrow(StoreKeyError);
    expect(() => openEncrypted(path.join(dataDir, 'backups', 'copy.db'), otherKey)).toThrow(StoreKeyError);
    const reopened = openEncrypted(path.join(dataDir, 'backups', 'copy.db'), key);
    expect(reopened.prepare('select name from users').get()).toEqual({ name });
    reopened.close();
  });
});
