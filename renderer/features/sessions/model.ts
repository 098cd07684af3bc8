import type { BeneficiarySummary } from '../../../common/beneficiaries';
import type { Attendance, Session, SessionInput, SessionStatus, SessionSummary } from '../../../common/sessions';
import { fullName } from '../beneficiaries/person';
import type { AttendeeRow } from './AttendanceGrid';
import { fromLocal, lastQuarter, localDate, localTime, nextQuarter } from './time';

/** The session form as typed: the start as a local date and time, blanks as ''. */
export interface SessionFormValues {
  clinicId: string;
  typeId: string;
  staffId: string;
  location: string;
  date: string;
  time: string;
  durationMinutes: number | string;
  status: SessionStatus;
  notes: string;
  followUpDate: string;
  attendees: AttendeeRow[];
}

/** The fields the core may name in a VALIDATION error, all placed on this form. */
export const sessionFields = [
  'clinicId',
  'typeId',
  'staffId',
  'location',
  'scheduledAt',
  'durationMinutes',
  'status',
  'notes',
  'followUpDate',
  'attendees',
];

export function attendeeOf(person: BeneficiarySummary, attendance: Attendance = 'expected'): AttendeeRow {
  return { beneficiaryId: person.id, name: fullName(person), code: person.code, attendance, outcome: '' };
}

/**
 * A new session. Scheduled: the next quarter hour. Recorded (it happened, it
 * was never planned): the last quarter hour before half an hour ago.
 */
export function blankSession(
  kind: 'schedule' | 'record',
  defaults: { clinicId: string; staffId: string; typeId?: string; durationMinutes?: number; attendees?: AttendeeRow[]; at?: Date },
  now = new Date(),
): SessionFormValues {
  const start = defaults.at ?? (kind === 'schedule' ? nextQuarter(now) : lastQuarter(new Date(now.getTime() - 30 * 60_000)));
  return {
    clinicId: defaults.clinicId,
    typeId: defaults.typeId ?? '',
    staffId: defaults.staffId,
    location: '',
    date: localDate(start),
    time: localTime(start),
    durationMinutes: defaults.durationMinutes ?? '',
    status: kind === 'schedule' ? 'scheduled' : 'completed',
    notes: '',
    followUpDate: '',
    attendees: defaults.attendees ?? [],
  };
}

export function valuesOfSession(session: Session): SessionFormValues {
  const start = new Date(session.scheduledAt);
  return {
    clinicId: session.clinicId,
    typeId: session.typeId,
    staffId: session.staffId,
    location: session.location ?? '',
    date: localDate(start),
    time: localTime(start),
    durationMinutes: session.durationMinutes,
    status: session.status,
    notes: session.notes ?? '',
    followUpDate: session.followUpDate ?? '',
    attendees: session.attendees.map((a) => ({
      beneficiaryId: a.beneficiaryId,
      name: a.beneficiaryName,
      code: a.beneficiaryCode,
      attendance: a.attendance,
      outcome: a.outcome ?? '',
    })),
  };
}

/** What the core receives. An unreadable date or time is '' (the schema then says so next to the date). */
export function inputOfSession(values: SessionFormValues): SessionInput {
  const duration = values.durationMinutes === '' ? undefined : Number(values.durationMinutes);
  return {
    clinicId: values.clinicId,
    typeId: values.typeId,
    staffId: values.staffId,
    location: values.location.trim() || null,
    scheduledAt: fromLocal(values.date, values.time) ?? '',
    durationMinutes: duration as number,
    status: values.status,
    notes: values.notes.trim() || null,
    followUpDate: values.followUpDate || null,
    attendees: values.attendees.map((a) => ({
      beneficiaryId: a.beneficiaryId,
      // A planned session has not happened: nobody is marked yet.
      attendance: values.status === 'scheduled' ? 'expected' : a.attendance,
      outcome: a.outcome.trim() || null,
    })),
  };
}

/** A session summary is one-to-one when exactly one person is on it. */
export const isOneToOne = (session: Pick<SessionSummary, 'attendeeCount'>) => session.attendeeCount === 1;

/** Whether a session has started by `now` (attendance can be taken, and it can be completed). */
export const hasStarted = (session: Pick<SessionSummary, 'scheduledAt'>, now = Date.now()) => Date.parse(session.scheduledAt) <= now;
