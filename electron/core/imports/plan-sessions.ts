import { sessionInput } from '../../../common/sessions';
import type { CellProblem, ImportField } from '../../../common/imports';
import { statement } from '../../../db/statements';
import { scope } from '../beneficiaries/queries';
import { normal } from './guess';
import { cellOf, type PlanContext, type PlannedRow, problemsOf } from './plan-people';
import type { RawRow } from './table';
import { parseAttendance, parseDate, parseTime } from './transform';

interface Lookups {
  types: Map<string, { id: string; minutes: number }>;
  staff: Map<string, string>;
  seen: Map<string, number>;
}

/** Session types by name and staff by e-mail or name, looked up once per preview. */
export function sessionLookups(ctx: PlanContext): Lookups {
  const { sqlite } = ctx.core.store;
  const types = new Map<string, { id: string; minutes: number }>();
  for (const t of statement(
    sqlite,
    'select id, name, default_duration_minutes as minutes from session_types where deleted_at is null',
  ).all() as {
    id: string;
    name: string;
    minutes: number;
  }[])
    types.set(normal(t.name), { id: t.id, minutes: t.minutes });
  const staff = new Map<string, string>();
  for (const u of statement(sqlite, 'select id, name, email from users where active = 1').all() as {
    id: string;
    name: string;
    email: string;
  }[]) {
    staff.set(u.email.toLowerCase(), u.id);
    staff.set(normal(u.name), u.id);
  }
  return { types, staff, seen: new Map() };
}

/** A wall-clock date and time in a time zone, as a UTC instant. */
export function zonedInstant(day: string, time: string, timeZone: string): string {
  const guess = new Date(`${day}T${time}:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess.getTime() - (shown - guess.getTime())).toISOString();
}

/** The people with this national ID or code: neither is unique (two devices offline may register the same person). */
function people(ctx: PlanContext, nationalId: string, code: string) {
  const scoped = scope(ctx.user);
  const column = nationalId ? 'b.national_id' : 'b.code';
  return statement(
    ctx.core.store.sqlite,
    `select b.id, b.code, b.given_name as givenName, b.family_name as familyName from beneficiaries b
       where ${column} = ? and b.deleted_at is null and ${scoped.sql} limit 2`,
  ).all(nationalId || code, ...scoped.params) as { id: string; code: string; givenName: string; familyName: string }[];
}

/** A past session of one person: completed, with their attendance, linked by national ID or code. */
export function planSession(ctx: PlanContext & { timeZone: string }, row: RawRow, lookups: Lookups): PlannedRow {
  const { table, mapping } = ctx;
  const cell = (field: ImportField) => cellOf(table, mapping, row, field);
  const problems: CellProblem[] = [];
  const refuse = (field: ImportField, message: string) =>
    problems.push({
      field,
      column: mapping[field] === undefined ? null : (table.headers[mapping[field]] ?? null),
      message,
      value: cell(field).slice(0, 200),
    });
  const nationalId = cell('nationalId');
  const code = cell('code');
  const matches = nationalId || code ? people(ctx, nationalId, code) : [];
  const who = matches.length === 1 ? matches[0] : undefined;
  if (!nationalId && !code) refuse(mapping.nationalId !== undefined ? 'nationalId' : 'code', 'imports.reasons.noPerson');
  else if (matches.length === 0) refuse(nationalId ? 'nationalId' : 'code', 'imports.reasons.personNotFound');
  else if (!who) refuse(nationalId ? 'nationalId' : 'code', 'imports.reasons.personAmbiguous');

  let day: string | null = null;
  const date = cell('date');
  if (!date) refuse('date', 'errors.required');
  else {
    // A date cell with a time of day ("2024-03-01 14:30") carries both; the date part comes first.
    const parsed = parseDate(date.split(/[ T]/)[0]!, ctx.order, ctx.core.now());
    if (parsed.ok) day = parsed.value;
    else refuse('date', parsed.message);
  }
  const timeText = cell('time') || /[ T](\d{1,2}:\d{2})/.exec(date)?.[1] || '09:00';
  const time = parseTime(timeText);
  if (!time) refuse('time', 'imports.reasons.time');

  const typeName = cell('type');
  const type = typeName ? lookups.types.get(normal(typeName)) : undefined;
  if (!typeName) refuse('type', 'errors.required');
  else if (!type) refuse('type', 'imports.reasons.typeNotFound');

  const staffName = cell('staff');
  const staffId = staffName ? (lookups.staff.get(staffName.toLowerCase()) ?? lookups.staff.get(normal(staffName))) : ctx.user.id;
  if (!staffId) refuse('staff', 'imports.reasons.staffNotFound');

  const attendanceText = cell('attendance');
  const attendance = attendanceText ? parseAttendance(attendanceText) : 'attended';
  if (!attendance) refuse('attendance', 'imports.reasons.attendance');

  const minutesText = cell('durationMinutes');
  const minutes = minutesText ? Number(minutesText.replace(',', '.')) : (type?.minutes ?? 60);

  const label = [date, typeName, who ? `${who.givenName} ${who.familyName}` : nationalId || code].filter(Boolean).join(' · ');
  if (problems.length > 0 || !who || !day || !time || !type || !staffId || !attendance)
    return { row: row.number, status: 'invalid', label, problems, duplicate: null, payload: null };

  const scheduledAt = zonedInstant(day, time, ctx.timeZone);
  const parsed = sessionInput.safeParse({
    clinicId: ctx.clinicId,
    typeId: type.id,
    staffId,
    location: cell('location'),
    scheduledAt,
    durationMinutes: minutes,
    status: 'completed',
    notes: cell('notes'),
    attendees: [{ beneficiaryId: who.id, attendance, outcome: cell('outcome') }],
  });
  if (!parsed.success) {
    const mapped = parsed.error.issues.map((issue) => ({ ...issue, path: [fieldOfSessionPath(issue.path)] }));
    return { row: row.number, status: 'invalid', label, problems: problemsOf(mapped, table, mapping, row), duplicate: null, payload: null };
  }
  if (Date.parse(scheduledAt) > ctx.core.now().getTime())
    return {
      row: row.number,
      status: 'invalid',
      label,
      problems: [
        { field: 'date', column: table.headers[mapping.date!] ?? null, message: 'sessions.errors.completedInFuture', value: date },
      ],
      duplicate: null,
      payload: null,
    };

  // The same person, type and start: already recorded, or twice in the file.
  const key = `${who.id}|${type.id}|${scheduledAt}`;
  const existing = statement(
    ctx.core.store.sqlite,
    `select s.id from sessions s join session_attendees a on a.session_id = s.id
       where a.beneficiary_id = ? and s.type_id = ? and s.scheduled_at = ? and s.deleted_at is null and a.deleted_at is null limit 1`,
  )
    .pluck()
    .get(who.id, type.id, scheduledAt) as string | undefined;
  const earlier = lookups.seen.get(key);
  if (earlier === undefined) lookups.seen.set(key, row.number);
  const duplicate = existing
    ? {
        of: 'existing' as const,
        reasons: [],
        existingId: existing,
        existingCode: who.code,
        existingName: label,
        row: null,
        allowed: ['skip' as const, 'import' as const],
      }
    : earlier !== undefined
      ? {
          of: 'file' as const,
          reasons: [],
          existingId: null,
          existingCode: null,
          existingName: null,
          row: earlier,
          allowed: ['skip' as const, 'import' as const],
        }
      : null;
  return {
    row: row.number,
    status: duplicate ? 'duplicate' : 'valid',
    label,
    problems: [],
    duplicate,
    payload: parsed.data as Record<string, unknown>,
  };
}

const sessionFields: Record<string, ImportField> = {
  scheduledAt: 'date',
  durationMinutes: 'durationMinutes',
  location: 'location',
  notes: 'notes',
  staffId: 'staff',
  typeId: 'type',
};

function fieldOfSessionPath(path: PropertyKey[]): ImportField {
  if (path[0] === 'attendees') return path[2] === 'outcome' ? 'outcome' : 'attendance';
  return sessionFields[String(path[0])] ?? 'notes';
}
