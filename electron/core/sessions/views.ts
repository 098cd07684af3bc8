import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import {
  AGENDA_PER_DAY,
  type AgendaView,
  type agendaInput,
  type clashInput,
  type SessionWarning,
  type SessionSummary,
  type sessionListInput,
  type TodayView,
  type todayInput,
} from '../../../common/sessions';
import { statement } from '../../../db/statements';
import type { Sqlite } from '../../../db/open';
import { searchTerms } from '../beneficiaries/fold';
import { scope } from '../beneficiaries/queries';
import { overlaps, sessionScope, summaryColumns, summaryJoins, withAttendees } from './queries';

type Row = Omit<SessionSummary, 'attendeeCount' | 'attendeeNames'>;

/** The list's filters as SQL over `sessions s` (the list and its exports share them). */
export function sessionFilter(
  user: SessionUser,
  input: Omit<z.output<typeof sessionListInput>, 'offset' | 'limit'>,
): { whereSql: string; params: unknown[] } {
  const where = ['s.deleted_at is null'];
  const params: unknown[] = [];
  const scoped = sessionScope(user);
  where.push(scoped.sql);
  params.push(...scoped.params);
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (input.from) add('s.scheduled_at >= ?', input.from);
  if (input.to) add("s.scheduled_at < date(?, '+1 day')", input.to);
  if (input.typeId) add('s.type_id = ?', input.typeId);
  if (input.staffId) add('s.staff_id = ?', input.staffId);
  if (input.status) add('s.status = ?', input.status);
  if (input.clinicId) add('s.clinic_id = ?', input.clinicId);
  if (input.attendance)
    add(
      'exists (select 1 from session_attendees a where a.session_id = s.id and a.deleted_at is null and a.attendance = ?)',
      input.attendance,
    );
  const terms = searchTerms(input.search);
  if (terms.match || terms.short.length) {
    const people = ['b.deleted_at is null'];
    const peopleParams: unknown[] = [];
    if (terms.match) {
      people.push(
        'b.id in (select x.beneficiary_id from beneficiaries_fts f join beneficiaries_search x on x.rowid = f.rowid where beneficiaries_fts match ?)',
      );
      peopleParams.push(terms.match);
    }
    for (const short of terms.short) {
      people.push('b.id in (select beneficiary_id from beneficiaries_search where instr(text, ?) > 0)');
      peopleParams.push(short);
    }
    where.push(`s.id in (select a.session_id from session_attendees a join beneficiaries b on b.id = a.beneficiary_id
      where a.deleted_at is null and ${people.join(' and ')})`);
    params.push(...peopleParams);
  }
  return { whereSql: where.join(' and '), params };
}

/** The session list: every filter combines, and text search matches attendee names (and codes, IDs, phones). */
export function list(
  sqlite: Sqlite,
  user: SessionUser,
  input: z.output<typeof sessionListInput>,
): { total: number; rows: SessionSummary[] } {
  const { whereSql, params } = sessionFilter(user, input);
  const total = sqlite
    .prepare(`select count(*) from sessions s where ${whereSql}`)
    .pluck()
    .get(...params) as number;
  const rows = sqlite
    .prepare(`select ${summaryColumns} ${summaryJoins} where ${whereSql} order by s.scheduled_at desc, s.id limit ? offset ?`)
    .all(...params, input.limit, input.offset) as Row[];
  return { total, rows: withAttendees(sqlite, rows) };
}

/** A day or a week: per staff member, or the whole clinic. */
export function agenda(sqlite: Sqlite, user: SessionUser, input: z.output<typeof agendaInput>): AgendaView {
  const scoped = sessionScope(user);
  const where = ['s.deleted_at is null', 's.scheduled_at >= ?', 's.scheduled_at < ?', scoped.sql];
  const params: unknown[] = [...scoped.params];
  if (input.staffId) {
    where.push('s.staff_id = ?');
    params.push(input.staffId);
  }
  if (input.clinicId) {
    where.push('s.clinic_id = ?');
    params.push(input.clinicId);
  }
  // One row past the limit tells whether the day has more than it brings (counting them would read every row).
  const page = statement(
    sqlite,
    `select ${summaryColumns} ${summaryJoins} where ${where.join(' and ')} order by s.scheduled_at, s.id limit ${AGENDA_PER_DAY + 1}`,
  );
  const rows: Row[] = [];
  const more: boolean[] = [];
  const end = Date.parse(input.to);
  // Days are 24 hours from `from`: across a clock change a late session may count toward the next day's limit, never hide.
  for (let day = Date.parse(input.from); day < end; day += 86_400_000) {
    const found = page.all(new Date(day).toISOString(), new Date(Math.min(day + 86_400_000, end)).toISOString(), ...params) as Row[];
    rows.push(...found.slice(0, AGENDA_PER_DAY));
    more.push(found.length > AGENDA_PER_DAY);
  }
  return { sessions: withAttendees(sqlite, rows), more };
}

/**
 * Today, for the signed-in staff member: their sessions today, follow-ups now
 * overdue, and sessions someone missed with no follow-up planned yet (last 60 days).
 */
export function today(sqlite: Sqlite, user: SessionUser, input: z.output<typeof todayInput>, now: Date): TodayView {
  const scoped = sessionScope(user);
  const start = new Date(input.dayStart).toISOString();
  const end = new Date(input.dayEnd).toISOString();
  const todayDate = now.toISOString().slice(0, 10);
  const mine = (extra: string, order: string, ...extraParams: unknown[]) =>
    withAttendees(
      sqlite,
      sqlite
        .prepare(
          `select ${summaryColumns} ${summaryJoins} where s.deleted_at is null and s.staff_id = ? and ${scoped.sql} and ${extra} order by ${order} limit 200`,
        )
        .all(user.id, ...scoped.params, ...extraParams) as Row[],
    );
  return {
    sessions: mine("s.scheduled_at >= ? and s.scheduled_at < ? and s.status != 'cancelled'", 's.scheduled_at', start, end),
    overdueFollowUps: mine(
      's.follow_up_date is not null and s.follow_up_done_at is null and s.follow_up_date < ?',
      's.follow_up_date',
      todayDate,
    ),
    missedWithoutFollowUp: mine(
      `s.scheduled_at >= ? and s.scheduled_at < ? and s.follow_up_date is null and s.follow_up_done_at is null and s.status = 'completed'
       and exists (select 1 from session_attendees a where a.session_id = s.id and a.attendance = 'missed' and a.deleted_at is null)`,
      's.scheduled_at desc',
      new Date(now.getTime() - 60 * 86_400_000).toISOString(),
      now.toISOString(),
    ),
  };
}

/** The double bookings saving this session would warn about, among the people and sessions this user may see. */
export function clashes(sqlite: Sqlite, user: SessionUser, input: z.output<typeof clashInput>): SessionWarning[] {
  const people = scope(user);
  const visible = statement(sqlite, `select b.id from beneficiaries b where b.id in (select value from json_each(?)) and ${people.sql}`)
    .pluck()
    .all(JSON.stringify(input.beneficiaryIds), ...people.params) as string[];
  const start = new Date(input.scheduledAt).toISOString();
  const warnings = overlaps(sqlite, {
    id: input.id,
    staffId: input.staffId,
    beneficiaryIds: visible,
    start,
    end: new Date(Date.parse(start) + input.durationMinutes * 60_000).toISOString(),
  });
  const sessions = sessionScope(user);
  const seen = new Set(
    statement(sqlite, `select s.id from sessions s where s.id in (select value from json_each(?)) and ${sessions.sql}`)
      .pluck()
      .all(JSON.stringify(warnings.map((w) => w.sessionId)), ...sessions.params) as string[],
  );
  return warnings.filter((w) => seen.has(w.sessionId));
}
