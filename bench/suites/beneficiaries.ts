import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakerEN } from '@faker-js/faker';
import type { RegisterInput } from '../../common/beneficiaries';
import { listInput } from '../../common/beneficiaries';
import { searchTerms } from '../../electron/core/beneficiaries/fold';
import { listBeneficiaries } from '../../electron/core/beneficiaries/queries';
import * as beneficiaries from '../../electron/core/beneficiaries/service';
import { registerInput } from '../../common/beneficiaries';
import { FileSecretStore, openCore } from '../../electron/core';
import { ensureAdmin, seedBeneficiaries } from '../demo-data';
import { type BenchResult, percentiles, timeEach } from '../measure';
import type { Scale } from '../run';

const SUITE = 'beneficiaries';

interface Person {
  given_name: string;
  family_name: string;
  code: string;
  national_id: string | null;
  phone: string | null;
}

/** 200 fixed queries drawn from the data: name fragments, whole names, codes, IDs, phones, Arabic. */
function queries(people: Person[]): string[] {
  const faker = fakerEN;
  faker.seed(7);
  const pick = (filter: (p: Person) => boolean) => faker.helpers.arrayElement(people.filter(filter));
  const fragment = (text: string, min = 3) => {
    const chars = [...text];
    const length = Math.min(chars.length, faker.number.int({ min, max: Math.max(min, 6) }));
    const start = faker.number.int({ min: 0, max: chars.length - length });
    return chars.slice(start, start + length).join('');
  };
  const latin = (p: Person) => /^[\p{Script=Latin}\s'-]+$/u.test(p.family_name);
  const arabic = (p: Person) => /\p{Script=Arabic}/u.test(p.family_name);
  const list: string[] = [];
  for (let i = 0; i < 50; i++) list.push(fragment(pick(latin).family_name).toLowerCase());
  for (let i = 0; i < 30; i++) list.push(pick(latin).given_name);
  for (let i = 0; i < 20; i++) list.push(pick(() => true).code.slice(-8));
  for (let i = 0; i < 30; i++) list.push(fragment(pick((p) => !!p.national_id).national_id!, 5));
  for (let i = 0; i < 30; i++) list.push(fragment(pick((p) => !!p.phone).phone!.replace(/\D/g, ''), 4));
  for (let i = 0; i < 40; i++) list.push(fragment(pick(arabic).family_name));
  return list;
}

export async function run(scale: Scale): Promise<BenchResult[]> {
  const count = scale === 'full' ? 100_000 : 5_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-bench-'));
  const core = await openCore({
    dataDir,
    secrets: new FileSecretStore(dataDir),
    migrationsFolder: path.resolve(import.meta.dirname, '../../db/migrations'),
  });
  try {
    const admin = await ensureAdmin(core);
    seedBeneficiaries(core, admin, count);
    const { sqlite } = core.store;
    sqlite.pragma('optimize');
    const people = sqlite.prepare('select given_name, family_name, code, national_id, phone from beneficiaries').all() as Person[];
    const results: BenchResult[] = [];

    // Search: our whole list query (FTS, scoping, count, sort, first page) against the bare FTS lookup.
    const fixed = queries(people);
    const rawSearch = sqlite.prepare(
      'select s.beneficiary_id from beneficiaries_fts f join beneficiaries_search s on s.rowid = f.rowid where beneficiaries_fts match ? limit 100',
    );
    const matchOf = (q: string) => searchTerms(q).match ?? '""';
    timeEach(fixed.slice(0, 20), (q) => listBeneficiaries(sqlite, admin, listInput.parse({ search: q }), core.now())); // warm-up
    const ours = timeEach(fixed, (q) => listBeneficiaries(sqlite, admin, listInput.parse({ search: q }), core.now()));
    const limit = timeEach(fixed, (q) => rawSearch.all(matchOf(q)));
    results.push(...percentiles(SUITE, 'search', ours, limit));

    // First list page, sorted by name, with its total.
    const firstPage = listInput.parse({});
    const rawPage = sqlite.prepare(
      'select * from beneficiaries where deleted_at is null order by family_name collate nocase, given_name collate nocase, id limit 100',
    );
    const runs = Array.from({ length: 50 }, (_, i) => i);
    results.push(
      ...percentiles(
        SUITE,
        'first_page',
        timeEach(runs, () => listBeneficiaries(sqlite, admin, firstPage, core.now())),
        timeEach(runs, () => rawPage.all()),
      ),
    );

    // Register: validation, duplicate check, code, row, search index, audit and outbox in one durable transaction,
    // against a bare insert of the same row in its own durable transaction.
    const faker = fakerEN;
    faker.seed(11);
    const newPeople: RegisterInput[] = Array.from({ length: 200 }, () => ({
      clinicId: admin.clinicIds[0]!,
      givenName: faker.person.firstName(),
      familyName: `${faker.person.lastName()}-${faker.string.alpha(6)}`,
      sex: 'female',
      birthDate: faker.date.birthdate().toISOString().slice(0, 10),
      phone: null,
      duplicateReason: 'benchmark',
    }));
    const registered = timeEach(newPeople, (p) => beneficiaries.register(core, admin, registerInput.parse(p)));
    const rawInsert = sqlite.prepare(
      `insert into beneficiaries (id, clinic_id, code, given_name, family_name, sex, birth_date, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rawRegister = sqlite.transaction((p: RegisterInput, i: number) => {
      const at = new Date().toISOString();
      rawInsert.run(`raw-${i}`, p.clinicId, `RAW-${i}`, p.givenName, p.familyName, p.sex, p.birthDate, at, at);
    });
    const rawSamples = timeEach(
      newPeople.map((p, i) => [p, i] as const),
      ([p, i]) => rawRegister.immediate(p, i),
    );
    results.push(...percentiles(SUITE, 'register', registered, rawSamples));
    return results;
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
