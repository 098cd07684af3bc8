import type { SessionUser } from '../../../common/account';
import type { Attendance, SessionStatus, SessionSummary, SessionWarning, TimelineEntry } from '../../../common/sessions';
import type { Sqlite } from '../../../db/open';
import { statement } from '../../../db/statements';
import { scope } from '../beneficiaries/queries';

// A session's type may not be here (sync applies pages out of order; a type made on a standalone install that joined
// later never reaches colleagues): the session still shows, untyped, in grey. For `left join session_types t`.
const typeColumns = `coalesce(t.name, '') as typeName, coalesce(t.color, '#868e96') as typeColor`;
export const summaryColumns = `s.id, s.clinic_id as clinicId, s.type_id as typeId, ${typeColumns}, s.staff_id as staffId,
  u.name as staffName, s.location, s.scheduled_at as scheduledAt, s.duration_minutes as durationMinutes, s.status,
  s.follow_up_date as followUpDate`;
export const summaryJoins = `from sessions s left join session_types t on t.id = s.type_id left join users u on u.id = s.staff_id`;

type SummaryRow = Omit<SessionSummary, 'attendeeCount' | 'attendeeNames'>;

/**
 * Attendee counts and the first three names for a page of sessions, in one cached statement:
 * a group of 40 looks up three people, not forty.
 */
export function withAttendees(sqlite: Sqlite, rows: SummaryRow[]): SessionSummary[] {
  if (rows.length === 0) return [];
  const firstNames = statement(
    sqlite,
    `select x.sessionId, x.count, b.given_name || ' ' || b.family_name as name
     from (select a.session_id as sessionId, a.beneficiary_id as beneficiaryId,
             row_number() over (partition by a.session_id order by a.created_at, a.id) as k,
             count(*) over (partition by a.session_id) as count
           from session_attendees a
           where a.deleted_at is null and a.session_id in (select value from json_each(?))) x
     join beneficiaries b on b.id = x.beneficiaryId
     where x.k <= 3
     order by x.sessionId, x.k`,
  );
  const bySession = new Map<string, { count: number; names: string[] }>();
  for (const { sessionId, count, name } of firstNames.all(JSON.stringify(rows.map((r) => r.id))) as {
    sessionId: string;
    count: number;
    name: string;
  }[]) {
    const entry = bySession.get(sessionId) ?? bySession.set(sessionId, { count, names: [] }).get(sessionId)!;
    entry.names.push(name);
  }
  return rows.map((row) => {
    const entry = bySession.get(row.id);
    return { ...row, attendeeCount: entry?.count ?? 0, attendeeNames: entry?.names ?? [] };
  });
}

export const sessionScope = (user: SessionUser) => scope(user, 's.clinic_id');

// Another live, not cancelled session overlapping [@start, @end). Sessions are under a day long, so anything
// starting a day before @start (@earliest) is the widest overlap to check.
const overlapping = `s.deleted_at is null and s.status != 'cancelled' and s.id is not @id
    and s.scheduled_at >= @earliest and s.scheduled_at < @end
    and strftime('%Y-%m-%dT%H:%M:%fZ', s.scheduled_at, '+' || s.duration_minutes || ' minutes') > @start`;
const overlapParams = (input: { id: string | null; start: string; end: string }) => ({
  id: input.id,
  earliest: new Date(Date.parse(input.start) - 86_400_000).toISOString(),
  start: input.start,
  end: input.end,
});

/** Other live, not cancelled sessions that overlap [start, end) for the staff member or any of the people. */
export function overlaps(
  sqlite: Sqlite,
  input: { id: string | null; staffId: string; beneficiaryIds: string[]; start: string; end: string },
): SessionWarning[] {
  const params = overlapParams(input);
  const staff = statement(
    sqlite,
    `select s.id as sessionId, s.scheduled_at as scheduledAt from sessions s where s.staff_id = @staffId and ${overlapping}`,
  ).all({
    ...params,
    staffId: input.staffId,
  }) as { sessionId: string; scheduledAt: string }[];
  const warnings: SessionWarning[] = staff.map((s) => ({ kind: 'staffDoubleBooked', ...s }));
  if (input.beneficiaryIds.length > 0) {
    // The people as one JSON parameter: one prepared statement whatever the group's size.
    const people = statement(
      sqlite,
      `select s.id as sessionId, s.scheduled_at as scheduledAt, b.given_name || ' ' || b.family_name as beneficiaryName
       from session_attendees a join sessions s on s.id = a.session_id join beneficiaries b on b.id = a.beneficiary_id
       where a.beneficiary_id in (select value from json_each(@people)) and a.deleted_at is null and ${overlapping}`,
    ).all({ ...params, people: JSON.stringify(input.beneficiaryIds) }) as Omit<SessionWarning, 'kind'>[];
    warnings.push(...people.map((p) => ({ kind: 'beneficiaryDoubleBooked' as const, ...p })));
  }
  return warnings;
}

/**
 * For a new session, before it is written: the sessions before it that still owe these people a follow-up
 * (it settles them), and, unless it is cancelled, their other sessions overlapping [start, end). One walk over
 * the people's attendances answers both: on a large store each session it meets is a page read.
 */
export function groupSessions(
  sqlite: Sqlite,
  input: { beneficiaryIds: string[]; start: string; end: string; cancelled: boolean },
): { owed: string[]; booked: SessionWarning[] } {
  const owedSql = `s.follow_up_done_at is null and s.scheduled_at < @start and (s.follow_up_date is not null or exists (
      select 1 from session_attendees m where m.session_id = s.id and m.attendance = 'missed' and m.deleted_at is null))`;
  const bookedSql = `not @cancelled and ${overlapping}`;
  const rows = statement(
    sqlite,
    `select s.id as sessionId, s.scheduled_at as scheduledAt, ${bookedSql} as booked, ${owedSql} as owed,
       case when ${bookedSql} then (select b.given_name || ' ' || b.family_name from beneficiaries b where b.id = a.beneficiary_id) end
         as beneficiaryName
     from session_attendees a join sessions s on s.id = a.session_id
     where a.beneficiary_id in (select value from json_each(@people)) and a.deleted_at is null and s.deleted_at is null
       and ((${bookedSql}) or (${owedSql}))`,
  ).all({ ...overlapParams({ id: null, ...input }), cancelled: input.cancelled ? 1 : 0, people: JSON.stringify(input.beneficiaryIds) }) as {
    sessionId: string;
    scheduledAt: string;
    owed: number;
    booked: number;
    beneficiaryName: string;
  }[];
  return {
    owed: [...new Set(rows.filter((r) => r.owed).map((r) => r.sessionId))],
    booked: rows
      .filter((r) => r.booked)
      .map(({ sessionId, scheduledAt, beneficiaryName }) => ({ kind: 'beneficiaryDoubleBooked', sessionId, scheduledAt, beneficiaryName })),
  };
}

export function timeline(sqlite: Sqlite, user: SessionUser, beneficiaryId: string): TimelineEntry[] {
  const scoped = sessionScope(user);
  return sqlite
    .prepare(
      `select s.id as sessionId, s.scheduled_at as scheduledAt, ${typeColumns}, s.status, a.attendance, a.outcome,
         u.name as staffName, s.follow_up_date as followUpDate
       from session_attendees a join sessions s on s.id = a.session_id left join session_types t on t.id = s.type_id
       left join users u on u.id = s.staff_id
       where a.beneficiary_id = ? and a.deleted_at is null and s.deleted_at is null and ${scoped.sql}
       order by s.scheduled_at desc`,
    )
    .all(beneficiaryId, ...scoped.params) as (Omit<TimelineEntry, 'status' | 'attendance'> & {
    status: SessionStatus;
    attendance: Attendance;
  })[];
}
