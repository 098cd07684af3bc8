import type { SessionUser } from '../../../common/account';
import {
  addDays,
  type Compared,
  type DateRange,
  type DemographicCount,
  demographicBands,
  demographicSexes,
  type Headline,
  type MonthRegistrations,
  type ReportFilters,
  type ReportType,
  type StaffSessions,
  type WeekAttendance,
  type WeekSessions,
} from '../../../common/reports';
import type { Sqlite } from '../../../db/open';
import { indexesSetAside } from '../../../db/indexes';
import { statement } from '../../../db/statements';
import { scope } from '../beneficiaries/queries';

// Every query here is pure: (database, user, filters) in, plain data out, so
// the dashboard and the exported reports count the same way. Periods are
// calendar days compared with the stored UTC instants, as the session list does.

interface Where {
  sql: string;
  params: unknown[];
}

/** Clinic scope and the clinic filter, on a table alias. */
function clinicWhere(user: SessionUser, filters: ReportFilters, column: string): Where {
  const scoped = scope(user, column);
  const where = [scoped.sql];
  const params: unknown[] = [...scoped.params];
  if (filters.clinicId) {
    where.push(`${column} = ?`);
    params.push(filters.clinicId);
  }
  return { sql: where.join(' and '), params };
}

/** Scope plus clinic, type and staff, on sessions or the daily summary (same column names) under `alias`. */
function sessionWhere(user: SessionUser, filters: ReportFilters, alias = 's'): Where {
  const where = clinicWhere(user, filters, `${alias}.clinic_id`);
  const parts = [where.sql];
  const params = [...where.params];
  if (filters.typeId) {
    parts.push(`${alias}.type_id = ?`);
    params.push(filters.typeId);
  }
  if (filters.staffId) {
    parts.push(`${alias}.staff_id = ?`);
    params.push(filters.staffId);
  }
  return { sql: parts.join(' and '), params };
}

/** Instants as the stored strings compare: a day's start, and the start of the day after the last. */
const bounds = (filters: ReportFilters) => ({
  previousStart: filters.previous.from,
  start: filters.period.from,
  end: addDays(filters.period.to, 1),
});

/** The Monday that starts the week of a YYYY-MM-DD day. */
export function weekOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** Every Monday from the week of `from` to the week of `to`: weeks with nothing still show. */
function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let week = weekOf(from); week <= to; week = addDays(week, 7)) weeks.push(week);
  return weeks;
}

const compared = (row: { current: number | null; previous: number | null }): Compared => ({
  current: row.current ?? 0,
  previous: row.previous ?? 0,
});

export function beneficiaryHeadline(
  sqlite: Sqlite,
  user: SessionUser,
  filters: ReportFilters,
): Pick<Headline, 'activeBeneficiaries' | 'newRegistrations'> {
  const { previousStart, start, end } = bounds(filters);
  const where = clinicWhere(user, filters, 'b.clinic_id');
  const row = statement(
    sqlite,
    `select sum(b.status = 'active' and b.created_at < ?) as activeNow, sum(b.status = 'active' and b.created_at < ?) as activeBefore,
       sum(b.created_at >= ? and b.created_at < ?) as newNow, sum(b.created_at >= ? and b.created_at < ?) as newBefore
     from beneficiaries b where b.deleted_at is null and b.created_at < ? and ${where.sql}`,
  ).get(end, start, start, end, previousStart, start, end, ...where.params) as Record<string, number | null>;
  return {
    activeBeneficiaries: compared({ current: row.activeNow!, previous: row.activeBefore! }),
    newRegistrations: compared({ current: row.newNow!, previous: row.newBefore! }),
  };
}

// Session counts and attendance read report_daily and report_served
// (db/schema/reports.ts): rows per day, clinic, type and staff member, kept in
// step by triggers in the transaction of every write.

export function sessionsHeld(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): Compared {
  const { previousStart, start, end } = bounds(filters);
  const where = sessionWhere(user, filters, 'r');
  return compared(
    statement(
      sqlite,
      `select sum(case when r.day >= @start then r.held end) as current, sum(case when r.day < @start then r.held end) as previous
       from report_daily r where r.day >= @previousStart and r.day < @end and ${where.sql}`,
    ).get({ start, previousStart, end }, ...where.params) as Compared,
  );
}

export function attendance(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): Headline['attendance'] {
  const { previousStart, start, end } = bounds(filters);
  const where = sessionWhere(user, filters, 'r');
  const row = statement(
    sqlite,
    `select sum(case when r.day >= @start then r.attended end) as attendedNow, sum(case when r.day >= @start then r.marked end) as markedNow,
       sum(case when r.day < @start then r.attended end) as attendedBefore, sum(case when r.day < @start then r.marked end) as markedBefore
     from report_daily r where r.day >= @previousStart and r.day < @end and ${where.sql}`,
  ).get({ start, previousStart, end }, ...where.params) as Record<string, number | null>;
  return {
    current: { attended: row.attendedNow ?? 0, marked: row.markedNow ?? 0 },
    previous: { attended: row.attendedBefore ?? 0, marked: row.markedBefore ?? 0 },
  };
}

/**
 * Served on a day of `range`, in the report_reach rows of `year` (db/schema/reports.ts: `m1`…`m24` are the months of
 * `year` and the next). Months the range covers whole are one test of `months`; only a month it cuts reads its day
 * bits. The test runs once per person, so this is most of the query's work.
 */
function servedTest(range: DateRange, year: number): Where {
  let whole = 0;
  const cut: Where[] = [];
  for (let j = 1; j <= 24; j++) {
    const first = `${year + Math.floor((j - 1) / 12)}-${String(((j - 1) % 12) + 1).padStart(2, '0')}-01`;
    const last = addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1);
    if (last < range.from || first > range.to) continue;
    if (first >= range.from && last <= range.to) whole |= 1 << (j - 1);
    else {
      const fromDay = first < range.from ? Number(range.from.slice(8)) : 1;
      const toDay = last > range.to ? Number(range.to.slice(8)) : Number(last.slice(8));
      cut.push({ sql: `r.m${j} & ? != 0`, params: [2 ** toDay - 2 ** (fromDay - 1)] });
    }
  }
  const tests = [...(whole ? [{ sql: 'r.months & ? != 0', params: [whole] }] : []), ...cut];
  if (tests.length === 0) return { sql: '0', params: [] };
  return { sql: `(${tests.map((test) => test.sql).join(' or ')})`, params: tests.flatMap((test) => test.params) };
}

/** The report_reach years a range reads: each row covers two calendar years. */
function reachYears(range: DateRange): number[] {
  const years = [];
  for (let year = Number(range.from.slice(0, 4)); year <= Number(range.to.slice(0, 4)); year += 2) years.push(year);
  return years;
}

const reachRows = 'from report_reach r where r.clinic_id = ? and r.type_id = ? and r.staff_id = ? and r.year = ?';
// Past this many arms, one distinct count beats a merge of that many.
const MAX_ARMS = 48;

/** The clinics a user's figures cover: the filter's, if in scope, or every clinic in scope. */
function clinicsOf(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): string[] {
  const inScope = (id: string) => user.role === 'admin' || user.clinicIds.includes(id);
  if (filters.clinicId) return inScope(filters.clinicId) ? [filters.clinicId] : [];
  if (user.role !== 'admin') return user.clinicIds;
  return (statement(sqlite, 'select id from clinics').all() as { id: string }[]).map((clinic) => clinic.id);
}

/**
 * Different people who attended a completed session in a period, from
 * report_reach: at most one row per person, two calendar years and clinic at
 * the filters' level (every type or staff member is ''), whatever the number
 * of sessions. A period of one clinic and up to two years is a plain count;
 * more arms (clinics, or longer periods) are merged as a UNION of runs already
 * in beneficiary order (no sort, no temporary index), so the cost follows the
 * people, not the sessions.
 */
function servedIn(sqlite: Sqlite, clinics: string[], filters: ReportFilters, range: DateRange): number {
  const level = [filters.typeId ?? '', filters.staffId ?? ''];
  const arms = clinics.flatMap((clinic) =>
    reachYears(range).map((year) => {
      const served = servedTest(range, year);
      return { sql: `select r.beneficiary_id ${reachRows} and ${served.sql}`, params: [clinic, ...level, year, ...served.params] };
    }),
  );
  if (arms.length === 0) return 0;
  const sql =
    arms.length === 1
      ? `select count(*) as n from (${arms[0]!.sql})`
      : arms.length <= MAX_ARMS
        ? `select count(*) as n from (${arms.map((arm) => arm.sql).join(' union ')} order by 1)`
        : `select count(distinct beneficiary_id) as n from (${arms.map((arm) => arm.sql).join(' union all ')})`;
  return (statement(sqlite, sql).get(...arms.flatMap((arm) => arm.params)) as { n: number }).n;
}

export function beneficiariesServed(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): Compared {
  const clinics = clinicsOf(sqlite, user, filters);
  const year = Number(filters.previous.from.slice(0, 4));
  if (clinics.length === 1 && Number(filters.period.to.slice(0, 4)) <= year + 1) {
    // Both periods in the rows of one clinic and two years (a month, a quarter, and the one before): one pass counts both.
    const [now, before] = [servedTest(filters.period, year), servedTest(filters.previous, year)];
    return statement(
      sqlite,
      `select coalesce(sum(${now.sql}), 0) as current, coalesce(sum(${before.sql}), 0) as previous ${reachRows}`,
    ).get(...now.params, ...before.params, clinics[0], filters.typeId ?? '', filters.staffId ?? '', year) as Compared;
  }
  return { current: servedIn(sqlite, clinics, filters, filters.period), previous: servedIn(sqlite, clinics, filters, filters.previous) };
}

/** Follow-ups due in the period (and the one before), still open, and past their date today. */
export function overdueFollowUps(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): Compared {
  const where = sessionWhere(user, filters);
  // Named, because the clinic's time index looks cheaper to the planner on a one-clinic store, and reads a million rows.
  // Not while a first sync has set the indexes aside (db/indexes.ts): naming a missing index is an error.
  const index = indexesSetAside(sqlite) ? '' : 'indexed by sessions_follow_up_report';
  return compared(
    statement(
      sqlite,
      `select sum(s.follow_up_date >= @from) as current, sum(s.follow_up_date < @from) as previous
       from sessions s ${index}
       where s.follow_up_date is not null and s.follow_up_done_at is null and s.deleted_at is null
         and s.follow_up_date >= @previousFrom and s.follow_up_date <= @to and s.follow_up_date < @today and ${where.sql}`,
    ).get(
      { from: filters.period.from, previousFrom: filters.previous.from, to: filters.period.to, today: filters.today },
      ...where.params,
    ) as Compared,
  );
}

export function headline(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): Headline {
  return {
    ...beneficiaryHeadline(sqlite, user, filters),
    sessionsHeld: sessionsHeld(sqlite, user, filters),
    beneficiariesServed: beneficiariesServed(sqlite, user, filters),
    attendance: attendance(sqlite, user, filters),
    overdueFollowUps: overdueFollowUps(sqlite, user, filters),
  };
}

/** Completed sessions per week and type: summed by day in SQL, by week here. */
export function sessionsByWeek(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): WeekSessions[] {
  const { start, end } = bounds(filters);
  const where = sessionWhere(user, filters, 'r');
  const rows = statement(
    sqlite,
    `select r.day, r.type_id as typeId, sum(r.held) as count from report_daily r
     where r.day >= ? and r.day < ? and ${where.sql} group by r.day, r.type_id having count > 0`,
  ).all(start, end, ...where.params) as { day: string; typeId: string; count: number }[];
  const weeks = new Map(weeksOf(filters.period.from, filters.period.to).map((week) => [week, new Map<string, number>()]));
  for (const row of rows) {
    const byType = weeks.get(weekOf(row.day))!;
    byType.set(row.typeId, (byType.get(row.typeId) ?? 0) + row.count);
  }
  return [...weeks].map(([week, byType]) => ({ week, byType: [...byType].map(([typeId, count]) => ({ typeId, count })) }));
}

/** Attended and marked attendances per week: the attendance-rate trend. */
export function attendanceByWeek(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): WeekAttendance[] {
  const { start, end } = bounds(filters);
  const where = sessionWhere(user, filters, 'r');
  const rows = statement(
    sqlite,
    `select r.day, sum(r.attended) as attended, sum(r.marked) as marked from report_daily r
     where r.day >= ? and r.day < ? and ${where.sql} group by r.day`,
  ).all(start, end, ...where.params) as { day: string; attended: number; marked: number }[];
  const weeks = new Map(weeksOf(filters.period.from, filters.period.to).map((week) => [week, { week, attended: 0, marked: 0 }]));
  for (const row of rows) {
    const week = weeks.get(weekOf(row.day))!;
    week.attended += row.attended;
    week.marked += row.marked;
  }
  return [...weeks.values()];
}

/** New registrations in each of the twelve months that end with the period's last month. */
export function registrationsByMonth(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): MonthRegistrations[] {
  const last = filters.period.to;
  const monthStart = (i: number) => new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)) - 12 + i, 1)).toISOString();
  const months = Array.from({ length: 12 }, (_, i) => monthStart(i).slice(0, 7));
  const where = clinicWhere(user, filters, 'b.clinic_id');
  const rows = statement(
    sqlite,
    `select substr(b.created_at, 1, 7) as month, count(*) as count from beneficiaries b
     where b.deleted_at is null and b.created_at >= ? and b.created_at < ? and ${where.sql} group by month`,
  ).all(monthStart(0).slice(0, 10), monthStart(12).slice(0, 10), ...where.params) as MonthRegistrations[];
  const counts = new Map(rows.map((r) => [r.month, r.count]));
  return months.map((month) => ({ month, count: counts.get(month) ?? 0 }));
}

/**
 * Active beneficiaries registered by the end of the period, by sex and age
 * band. Ages are counted on `today`, as the beneficiary list's age filter
 * does, so a bar and the list it opens hold the same people.
 */
export function demographics(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): DemographicCount[] {
  const { end } = bounds(filters);
  const where = clinicWhere(user, filters, 'b.clinic_id');
  // Someone is N or older when born on or before this day N years ago: plain string comparisons, the list's own cut-offs.
  const yearsAgo = (n: number) =>
    new Date(Date.UTC(Number(filters.today.slice(0, 4)) - n, Number(filters.today.slice(5, 7)) - 1, Number(filters.today.slice(8, 10))))
      .toISOString()
      .slice(0, 10);
  // One integer per sex and band, so the grouping sorts integers, not two strings a row (full demo store: ~2x faster).
  const band = `case when b.birth_date is null then 4 when b.birth_date > @five then 0 when b.birth_date > @eighteen then 1
    when b.birth_date > @sixty then 2 else 3 end`;
  const sex = `case b.sex ${demographicSexes.map((name, i) => `when '${name}' then ${i * demographicBands.length}`).join(' ')}
    else ${demographicSexes.indexOf('unknown') * demographicBands.length} end`;
  const rows = statement(
    sqlite,
    `select ${sex} + ${band} as k, count(*) as count
     from beneficiaries b where b.deleted_at is null and b.status = 'active' and b.created_at < @end and ${where.sql}
     group by 1 order by 1`,
  ).all({ five: yearsAgo(5), eighteen: yearsAgo(18), sixty: yearsAgo(60), end }, ...where.params) as { k: number; count: number }[];
  return rows.map(({ k, count }) => ({
    sex: demographicSexes[Math.floor(k / demographicBands.length)]!,
    band: demographicBands[k % demographicBands.length]!,
    count,
  }));
}

/** Completed sessions per staff member, most first. */
export function sessionsByStaff(sqlite: Sqlite, user: SessionUser, filters: ReportFilters): StaffSessions[] {
  const { start, end } = bounds(filters);
  const where = sessionWhere(user, filters, 'r');
  const counts = statement(
    sqlite,
    `select r.staff_id as staffId, sum(r.held) as count from report_daily r
     where r.day >= ? and r.day < ? and ${where.sql} group by r.staff_id having count > 0`,
  ).all(start, end, ...where.params) as { staffId: string; count: number }[];
  const names = new Map(
    (statement(sqlite, 'select id, name from users').all() as { id: string; name: string }[]).map((u) => [u.id, u.name]),
  );
  return counts
    .map((row) => ({ ...row, staffName: names.get(row.staffId) ?? null }))
    .sort((a, b) => b.count - a.count || (a.staffName ?? '').localeCompare(b.staffName ?? ''));
}

/** Session types, with their colours, for chart legends (retired ones too: old sessions still use them). */
export function reportTypes(sqlite: Sqlite): ReportType[] {
  return statement(sqlite, 'select id, name, color from session_types where deleted_at is null order by name').all() as ReportType[];
}
