import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexesSetAside, restoreIndexes, restoreIndexSteps, setIndexesAside } from './indexes';
import { openEncrypted, openStore, StoreKeyError } from './open';

const migrationsFolder = path.join(import.meta.dirname, 'migrations');

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-db-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const key = 'a'.repeat(64);

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** A migrations folder holding only the first `count` migrations: the store as an older version left it. */
function olderMigrations(count: number): string {
  const dir = tempDir();
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;
  fs.mkdirSync(path.join(dir, 'meta'));
  const kept = journal.entries.slice(0, count);
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  for (const entry of kept) fs.copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  return dir;
}

describe('opening the store', () => {
  it('refuses a key that is not 64 hex characters before it reaches SQL', () => {
    expect(() => openEncrypted(path.join(tempDir(), 'x.db'), "abc'; drop table users; --")).toThrow(/64 lowercase hex/);
  });

  it('names the problem when the key is wrong', () => {
    const file = path.join(tempDir(), 'outpost.db');
    openStore(file, key, migrationsFolder).sqlite.close();
    expect(() => openEncrypted(file, 'b'.repeat(64))).toThrow(StoreKeyError);
  });
});

describe('migrations', () => {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;

  it('migrate an empty database to the latest schema', () => {
    const { sqlite, preMigrationBackup } = openStore(path.join(tempDir(), 'outpost.db'), key, migrationsFolder);
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'clinics',
        'users',
        'beneficiaries',
        'session_types',
        'sessions',
        'session_attendees',
        'audit_log',
        'outbox',
        'sync_state',
        'conflicts',
        'settings',
      ]),
    );
    expect(preMigrationBackup).toBeNull();
    sqlite.close();
  });

  it.each(journal.entries.slice(1).map((e) => [e.tag, e.idx] as const))(
    'migrate a database at the version before %s, keeping its rows and backing it up first',
    (_tag, idx) => {
      const file = path.join(tempDir(), 'outpost.db');
      const old = openStore(file, key, olderMigrations(idx));
      old.sqlite
        .prepare(
          "insert into clinics (id, created_at, updated_at, code, name) values ('c1', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'KIS', 'Kisumu')",
        )
        .run();
      old.sqlite.close();

      const { sqlite, preMigrationBackup } = openStore(file, key, migrationsFolder);
      expect(sqlite.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(journal.entries.length);
      expect(sqlite.prepare('select name from clinics').pluck().all()).toEqual(['Kisumu']);
      expect(preMigrationBackup).not.toBeNull();
      const backup = openEncrypted(preMigrationBackup!, key, { readonly: true });
      expect(backup.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(idx);
      backup.close();
      sqlite.close();
    },
  );

  it('0011 lets two records share a national ID (both arrived by sync), still found by the index', () => {
    const file = path.join(tempDir(), 'outpost.db');
    const idx = journal.entries.findIndex((e) => e.tag === '0011_national_id_not_unique');
    const insert = (sqlite: ReturnType<typeof openEncrypted>, id: string) =>
      sqlite
        .prepare(
          `insert into beneficiaries (id, created_at, updated_at, clinic_id, code, given_name, family_name, national_id)
           values (?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'c1', ?, 'Halima', 'Omondi', 'KE-1')`,
        )
        .run(id, `KIS-${id}`);
    const old = openStore(file, key, olderMigrations(idx));
    insert(old.sqlite, 'b1');
    expect(() => insert(old.sqlite, 'b2')).toThrow(/UNIQUE/);
    old.sqlite.close();

    const { sqlite } = openStore(file, key, migrationsFolder);
    insert(sqlite, 'b2');
    const plan = sqlite.prepare("explain query plan select id from beneficiaries where national_id = 'KE-1' and deleted_at is null").all();
    expect(JSON.stringify(plan)).toContain('beneficiaries_national_id');
    expect(sqlite.prepare("select id from beneficiaries where national_id = 'KE-1' order by id").pluck().all()).toEqual(['b1', 'b2']);
    sqlite.close();
  });

  it('0018 drops the clinic and family name index; the list and count of a clinic still read live records by index', () => {
    const { sqlite } = openStore(path.join(tempDir(), 'outpost.db'), key, migrationsFolder);
    const indexes = sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'beneficiaries'").pluck().all();
    expect(indexes).not.toContain('beneficiaries_clinic');
    const plan = (sql: string) => JSON.stringify(sqlite.prepare(`explain query plan ${sql}`).all('c1'));
    const live = 'from beneficiaries b where b.deleted_at is null and b.clinic_id = ?';
    expect(plan(`select b.id ${live} order by b.family_name collate nocase, b.given_name collate nocase, b.id limit 50`)).toContain(
      'beneficiaries_name_order',
    );
    expect(plan(`select count(*) ${live}`)).toMatch(/USING COVERING INDEX beneficiaries_(live|report_clinic)/);
    sqlite.close();
  });
});

describe('indexes set aside by a bulk load', () => {
  const tables = ['beneficiaries', 'sessions', 'session_attendees'];
  const schemaOf = (sqlite: ReturnType<typeof openEncrypted>) =>
    sqlite.prepare("select name, sql from sqlite_master where type = 'index' order by name").all() as {
      name: string;
      sql: string | null;
    }[];

  it('drops only the non-unique ones of those tables, and a store opened again builds them before anything else', () => {
    const file = path.join(tempDir(), 'outpost.db');
    const store = openStore(file, key, migrationsFolder);
    const full = schemaOf(store.sqlite);
    setIndexesAside(store.sqlite, tables);
    const left = schemaOf(store.sqlite);
    // The app is killed here, in the middle of its first sync.
    store.sqlite.close();

    expect(left.length).toBeLessThan(full.length - 10);
    expect(left.map((i) => i.name)).toContain('session_attendees_pair');
    expect(left.map((i) => i.name)).toContain('beneficiaries_search_name_key');
    for (const gone of full.filter((i) => !left.some((l) => l.name === i.name))) {
      expect(gone.sql).not.toMatch(/^create unique/i);
      expect(gone.sql).toMatch(/ ON `?(beneficiaries|sessions|session_attendees)`? /);
    }

    const { sqlite } = openStore(file, key, migrationsFolder);
    expect(schemaOf(sqlite)).toEqual(full);
    restoreIndexes(sqlite); // nothing left to do
    expect(schemaOf(sqlite)).toEqual(full);
    sqlite.close();
  });

  it('built again one a transaction: cut short between two, the rest stay recorded and the next open builds them', () => {
    const file = path.join(tempDir(), 'outpost.db');
    const store = openStore(file, key, migrationsFolder);
    const full = schemaOf(store.sqlite);
    setIndexesAside(store.sqlite, tables);
    const aside = full.length - schemaOf(store.sqlite).length;
    const steps = restoreIndexSteps(store.sqlite);
    steps.next();
    steps.next();
    expect(schemaOf(store.sqlite).length).toBe(full.length - aside + 2);
    expect(indexesSetAside(store.sqlite)).toBe(true);
    store.sqlite.close();

    const { sqlite } = openStore(file, key, migrationsFolder);
    expect(schemaOf(sqlite)).toEqual(full);
    expect(indexesSetAside(sqlite)).toBe(false);
    sqlite.close();
  });

  it('a store set aside by an older version is whole again before a migration drops one of them', () => {
    const file = path.join(tempDir(), 'outpost.db');
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;
    const idx = journal.entries.findIndex((e) => e.tag === '0014_report_covering');
    const old = openStore(file, key, olderMigrations(idx));
    setIndexesAside(old.sqlite, tables);
    old.sqlite.close();

    // 0014 drops sessions_report, which the older version had set aside.
    const { sqlite } = openStore(file, key, migrationsFolder);
    const fresh = openStore(path.join(tempDir(), 'outpost.db'), key, migrationsFolder);
    expect(schemaOf(sqlite)).toEqual(schemaOf(fresh.sqlite));
    fresh.sqlite.close();
    sqlite.close();
  });
});
