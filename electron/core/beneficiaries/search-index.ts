import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { nameKey, phoneKey, searchText } from './fold';

export interface IndexedFields {
  id: string;
  givenName: string;
  familyName: string;
  otherNames: string | null;
  code: string;
  nationalId: string | null;
  phone: string | null;
  birthDate: string | null;
}

/** Keeps beneficiaries_search (and through its triggers, the FTS index) in step. Call in the write's transaction. */
export function indexBeneficiary(sqlite: Sqlite, row: IndexedFields): void {
  statement(
    sqlite,
    `insert into beneficiaries_search (beneficiary_id, text, name_key, phone_key, birth_year) values (?, ?, ?, ?, ?)
       on conflict (beneficiary_id) do update set text = excluded.text, name_key = excluded.name_key,
         phone_key = excluded.phone_key, birth_year = excluded.birth_year`,
  ).run(row.id, searchText(row), nameKey(row.givenName, row.familyName), phoneKey(row.phone), row.birthDate?.slice(0, 4) ?? null);
}

export function unindexBeneficiary(sqlite: Sqlite, id: string): void {
  statement(sqlite, 'delete from beneficiaries_search where beneficiary_id = ?').run(id);
}
