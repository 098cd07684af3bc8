import type { SessionUser } from '../../../common/account';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { scope } from '../beneficiaries/queries';

/**
 * The registry's duplicate keys, read in one pass when a preview starts: each of
 * 100,000 rows then asks a map instead of the database (the same rules as
 * findDuplicates: national ID; name skeleton with birth year; phone's last nine
 * digits). Values are rowids, so that a large registry costs little memory; the
 * few records a row matches are read by rowid. The preview writes nothing, so the
 * keys hold for its whole run.
 */
export interface RegistryKeys {
  /** Every live record holding a national ID, visible to this user or not. */
  nationalIds: Map<string, number>;
  /** Records this user may see, by `nameKey|birthYear`. */
  people: Map<string, number>;
  /** Records this user may see, by phone key. */
  phones: Map<string, number>;
}

export function registryKeys(sqlite: Sqlite, user: SessionUser): RegistryKeys {
  const keys: RegistryKeys = { nationalIds: new Map(), people: new Map(), phones: new Map() };
  const scoped = scope(user);
  const rows = statement(
    sqlite,
    `select b.rowid as id, b.national_id as nationalId, (${scoped.sql}) as visible, s.name_key as nameKey, s.birth_year as birthYear,
       s.phone_key as phoneKey
     from beneficiaries b left join beneficiaries_search s on s.beneficiary_id = b.id where b.deleted_at is null`,
  )
    .raw()
    .iterate(...scoped.params) as Iterable<[number, string | null, number, string | null, string | null, string | null]>;
  for (const [id, nationalId, visible, nameKey, birthYear, phoneKey] of rows) {
    if (nationalId !== null && !keys.nationalIds.has(nationalId)) keys.nationalIds.set(nationalId, id);
    if (!visible) continue;
    if (nameKey !== null && birthYear !== null && !keys.people.has(`${nameKey}|${birthYear}`))
      keys.people.set(`${nameKey}|${birthYear}`, id);
    if (phoneKey !== null && !keys.phones.has(phoneKey)) keys.phones.set(phoneKey, id);
  }
  return keys;
}

export interface RegistryRecord {
  id: string;
  code: string;
  givenName: string;
  familyName: string;
  birthYear: string | null;
  nameKey: string | null;
  phoneKey: string | null;
  visible: number;
}

/** One record a key pointed at. */
export function registryRecord(sqlite: Sqlite, user: SessionUser, rowid: number): RegistryRecord {
  const scoped = scope(user);
  return statement(
    sqlite,
    `select b.id, b.code, b.given_name as givenName, b.family_name as familyName, substr(b.birth_date, 1, 4) as birthYear,
       s.name_key as nameKey, s.phone_key as phoneKey, (${scoped.sql}) as visible
     from beneficiaries b left join beneficiaries_search s on s.beneficiary_id = b.id where b.rowid = ?`,
  ).get(...scoped.params, rowid) as RegistryRecord;
}
