import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { AgeBand, BeneficiaryPage, BeneficiarySummary, DuplicateCandidate, listInput } from '../../../common/beneficiaries';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { nameKey, phoneKey, searchTerms } from './fold';

export const summaryColumns = `b.id, b.code, b.given_name as givenName, b.family_name as familyName, b.other_names as otherNames,
  b.sex, b.birth_date as birthDate, b.birth_date_estimated as birthDateEstimated, b.national_id as nationalId,
  b.phone, b.status, b.created_at as createdAt`;

type SummaryRow = Omit<BeneficiarySummary, 'birthDateEstimated'> & { birthDateEstimated: number };
export const toSummary = (row: SummaryRow): BeneficiarySummary => ({ ...row, birthDateEstimated: row.birthDateEstimated === 1 });

/** Clinic scoping as SQL: admins see every clinic, everyone else only their own. */
export function scope(user: SessionUser, column = 'b.clinic_id'): { sql: string; params: string[] } {
  if (user.role === 'admin') return { sql: '1', params: [] };
  if (user.clinicIds.length === 0) return { sql: '0', params: [] };
  return { sql: `${column} in (${user.clinicIds.map(() => '?').join(', ')})`, params: user.clinicIds };
}

/** Birth dates that fall in an age band today: [earliest, latest] as YYYY-MM-DD, inclusive. */
function bandRange(band: AgeBand, today: Date): [string | null, string | null] {
  const yearsAgo = (n: number) => {
    const d = new Date(Date.UTC(today.getUTCFullYear() - n, today.getUTCMonth(), today.getUTCDate()));
    return d.toISOString().slice(0, 10);
  };
  const [low, high] = band === '60+' ? [60, null] : band.split('-').map(Number);
  // Older than `high` years means born before yearsAgo(high + 1) (exclusive), so the day after.
  const earliest = high == null ? null : yearsAgo(high + 1);
  return [earliest, yearsAgo(low!)];
}

const orderBy: Record<string, string> = {
  name: 'b.family_name collate nocase, b.given_name collate nocase, b.id',
  code: 'b.code',
  registered: 'b.created_at desc, b.id',
};

/** The list's filters as SQL over `beneficiaries b` (the list and its exports share them). */
export function beneficiaryFilter(
  user: SessionUser,
  input: Omit<z.output<typeof listInput>, 'offset' | 'limit'>,
  today: Date,
): { whereSql: string; params: unknown[]; orderSql: string } {
  const where = ['b.deleted_at is null'];
  const params: unknown[] = [];
  const scoped = scope(user);
  where.push(scoped.sql);
  params.push(...scoped.params);

  const terms = searchTerms(input.search);
  if (terms.match) {
    where.push(`b.id in (select s.beneficiary_id from beneficiaries_fts f join beneficiaries_search s on s.rowid = f.rowid
      where beneficiaries_fts match ?)`);
    params.push(terms.match);
  }
  for (const short of terms.short) {
    where.push(`b.id in (select beneficiary_id from beneficiaries_search where instr(text, ?) > 0)`);
    params.push(short);
  }
  if (input.clinicId) {
    where.push('b.clinic_id = ?');
    params.push(input.clinicId);
  }
  if (input.status) {
    where.push('b.status = ?');
    params.push(input.status);
  }
  if (input.sex) {
    where.push('b.sex = ?');
    params.push(input.sex);
  }
  if (input.ageBand) {
    const [earliest, latest] = bandRange(input.ageBand, today);
    if (earliest) {
      where.push('b.birth_date > ?');
      params.push(earliest);
    }
    where.push('b.birth_date <= ?');
    params.push(latest);
  }
  if (input.tag) {
    where.push('exists (select 1 from json_each(b.tags) where value = ?)');
    params.push(input.tag);
  }
  if (input.registeredFrom) {
    where.push('b.created_at >= ?');
    params.push(input.registeredFrom);
  }
  if (input.registeredTo) {
    // Inclusive of the whole last day.
    where.push("b.created_at < date(?, '+1 day')");
    params.push(input.registeredTo);
  }

  return { whereSql: where.join(' and '), params, orderSql: orderBy[input.sort]! };
}

export function listBeneficiaries(sqlite: Sqlite, user: SessionUser, input: z.output<typeof listInput>, today: Date): BeneficiaryPage {
  const { whereSql, params, orderSql } = beneficiaryFilter(user, input, today);
  const total = statement(sqlite, `select count(*) from beneficiaries b where ${whereSql}`)
    .pluck()
    .get(...params) as number;
  const rows = statement(
    sqlite,
    `select ${summaryColumns} from beneficiaries b where ${whereSql} order by ${orderSql} limit ? offset ?`,
  ).all(...params, input.limit, input.offset) as SummaryRow[];
  return { total, rows: rows.map(toSummary) };
}

/**
 * Probable duplicates: the same national ID (two devices registered the person
 * offline, and sync brought both records), a similar name (same consonant
 * skeleton, either order) with the same birth date or year, or the same phone.
 * Organisation-wide, not clinic-scoped for the match, since people move between
 * clinics; only records the user may see are returned.
 */
export function findDuplicates(
  sqlite: Sqlite,
  user: SessionUser,
  person: { givenName: string; familyName: string; birthDate: string | null; phone: string | null; nationalId?: string | null },
  excludeId: string | null,
): DuplicateCandidate[] {
  const key = nameKey(person.givenName, person.familyName);
  const phone = phoneKey(person.phone);
  const year = person.birthDate?.slice(0, 4) ?? null;
  const nationalId = person.nationalId ?? null;
  const scoped = scope(user);
  // One indexed lookup per reason, joined by union: an OR across both tables would scan the search table.
  const rows = statement(
    sqlite,
    `select ${summaryColumns}, s.name_key as nameKey, s.phone_key as phoneKey
       from beneficiaries_search s join beneficiaries b on b.id = s.beneficiary_id
       where b.deleted_at is null and b.id is not ? and ${scoped.sql}
         and s.beneficiary_id in (
           select beneficiary_id from beneficiaries_search where name_key = ? and birth_year = ?
           union select beneficiary_id from beneficiaries_search where phone_key = ?
           union select id from beneficiaries where national_id = ? and deleted_at is null)
       limit 20`,
  ).all(excludeId, ...scoped.params, key, year, phone, nationalId) as (SummaryRow & {
    nameKey: string;
    phoneKey: string | null;
  })[];
  return rows.map(({ nameKey: k, phoneKey: p, ...row }) => {
    const reasons: DuplicateCandidate['reasons'] = [];
    if (nationalId !== null && row.nationalId === nationalId) reasons.push('nationalId');
    if (k === key && row.birthDate?.slice(0, 4) === year) reasons.push('name+birth');
    if (phone !== null && p === phone) reasons.push('phone');
    return { ...toSummary(row), reasons };
  });
}
