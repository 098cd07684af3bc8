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
  indexBeneficiaries(sqlite, [row]);
}

/**
 * Many records in ONE statement. FTS5 writes its pending terms to disk as a new segment at the start of
 * every later statement of the transaction that may need undoing, so a batch that indexes its records one
 * statement each leaves a segment a record for FTS5 to merge again; one statement leaves one.
 */
export function indexBeneficiaries(sqlite: Sqlite, rows: IndexedFields[]): void {
  if (rows.length === 0) return;
  const values = rows.map((row) => [
    row.id,
    searchText(row),
    nameKey(row.givenName, row.familyName),
    phoneKey(row.phone),
    row.birthDate?.slice(0, 4) ?? null,
  ]);
  statement(
    sqlite,
    // "where true": an upsert's select needs a where clause, or "on conflict" reads as a join constraint.
    `insert into beneficiaries_search (beneficiary_id, text, name_key, phone_key, birth_year)
       select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 from json_each(?) where true
       on conflict (beneficiary_id) do update set text = excluded.text, name_key = excluded.name_key,
         phone_key = excluded.phone_key, birth_year = excluded.birth_year`,
  ).run(JSON.stringify(values));
}

export function unindexBeneficiary(sqlite: Sqlite, id: string): void {
  statement(sqlite, 'delete from beneficiaries_search where beneficiary_id = ?').run(id);
}
