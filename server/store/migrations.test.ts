import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));
const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

/** The migrations as they stood up to (and including) `last`: a database of that version. */
function migrationsUpTo(last: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'outpost-server-migrations-'));
  folders.push(folder);
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === last) + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe('server migrations', () => {
  it(
    '0002 moves entries pushed as audit_log mutations into audit_log, unchecked, and drops the old table; 0003 keeps refresh tokens as they were; 0004 sums the rows already there into their checksum buckets',
    { timeout: 60_000 },
    async () => {
      const client = new PGlite();
      const db = drizzle({ client });
      try {
        await migrate(db, { migrationsFolder: migrationsUpTo('0001_audit_log') });
        const data = {
          at: '2026-11-01T10:00:00.000Z',
          userId: 'u-1',
          deviceId: 'd-1',
          action: 'beneficiaries.view',
          entity: 'beneficiaries',
          rowId: 'b-1',
          clinicId: 'c-1',
          detail: { diff: { phone: [null, '+254700000001'] } },
          prevHash: 'p',
          hash: 'h',
          seq: 7,
        };
        await client.query(
          `insert into audit_entries (id, clinic_id, device_id, user_id, version, data, received_at) values ($1, $2, $3, $4, $5, $6, $7)`,
          ['e-1', 'c-1', 'd-1', 'u-1', 12, JSON.stringify(data), '2026-11-01T10:05:00Z'],
        );
        await client.query(
          `insert into audit_entries (id, clinic_id, device_id, user_id, version, data, received_at) values ($1, null, $2, $3, $4, $5, $6)`,
          [
            'e-2',
            'd-1',
            'u-1',
            13,
            JSON.stringify({ at: '2026-11-01T10:01:00.000Z', deviceId: 'd-1', action: 'account.signInFailed' }),
            '2026-11-01T10:05:00Z',
          ],
        );

        await client.query(
          `insert into refresh_tokens (token_hash, family_id, user_id, device_id, expires_at, used_at) values
           ('h-1', 'f-1', 'u-1', 'd-1', '2026-12-01T00:00:00Z', null), ('h-0', 'f-1', 'u-1', 'd-1', '2026-12-01T00:00:00Z', '2026-11-01T00:00:00Z')`,
        );

        await client.query(
          `insert into rows (entity, row_id, clinic_ids, version, deleted, data, field_meta) values
           ('beneficiaries', 'b-1', '{c-1}', 3, false, '{}', '{}'), ('beneficiaries', 'b-2', '{c-1}', 4, true, '{}', '{}'),
           ('session_types', 't-1', '{}', 5, false, '{}', '{}')`,
        );

        await migrate(db, { migrationsFolder });
        const hash = (line: string) => createHash('md5').update(line).digest().readBigInt64BE(0);
        const buckets = await client.query(
          'select entity, clinic_ids, count::int as count, hash::text as hash from row_digests order by entity',
        );
        expect(buckets.rows).toEqual([
          { entity: 'beneficiaries', clinic_ids: ['c-1'], count: 2, hash: String(hash('b-1:3') ^ hash('b-2:4')) },
          { entity: 'session_types', clinic_ids: [], count: 1, hash: String(hash('t-1:5')) },
        ]);
        const tokens = await client.query(
          'select token_hash, used_at is null as unused, successor, resent_at from refresh_tokens order by token_hash',
        );
        expect(tokens.rows).toEqual([
          { token_hash: 'h-0', unused: false, successor: null, resent_at: null },
          { token_hash: 'h-1', unused: true, successor: null, resent_at: null },
        ]);
        const moved = await client.query<Record<string, unknown>>('select * from audit_log order by id');
        expect(moved.rows).toMatchObject([
          {
            id: 'e-1',
            pushed_by_device: 'd-1',
            pushed_by_user: 'u-1',
            seq: 7,
            at: data.at,
            user_id: 'u-1',
            device_id: 'd-1',
            action: 'beneficiaries.view',
            entity: 'beneficiaries',
            row_id: 'b-1',
            clinic_id: 'c-1',
            prev_hash: 'p',
            hash: 'h',
            chain_break: 'unchecked',
          },
          { id: 'e-2', seq: 0, user_id: null, clinic_id: null, detail: null, action: 'account.signInFailed', chain_break: 'unchecked' },
        ]);
        expect(JSON.parse(moved.rows[0]!.detail as string)).toEqual(data.detail);
        const left = await client.query(`select to_regclass('audit_entries') as t`);
        expect(left.rows).toEqual([{ t: null }]);
      } finally {
        await client.close();
      }
    },
  );
});
