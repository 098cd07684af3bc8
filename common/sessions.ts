import { z } from 'zod';
import { isoDate, optionalDate, optionalText, requiredText } from './validation';

export const sessionStatuses = ['scheduled', 'completed', 'cancelled'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
/** `expected` until someone marks what happened. */
export const attendanceStates = ['expected', 'attended', 'missed', 'excused'] as const;
export type Attendance = (typeof attendanceStates)[number];

const minutes = z
  .number('errors.number')
  .int('errors.number')
  .min(1, 'sessions.errors.duration')
  .max(24 * 60, 'errors.range');

export const sessionTypeInput = z.object({
  name: requiredText(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'sessions.errors.color'),
  defaultDurationMinutes: minutes,
  isGroup: z.boolean().default(false),
  active: z.boolean().default(true),
});
export const sessionTypeUpdate = sessionTypeInput.extend({ id: z.uuid() });

export interface SessionType {
  id: string;
  name: string;
  color: string;
  defaultDurationMinutes: number;
  isGroup: boolean;
  active: boolean;
}

export const attendeeInput = z.object({
  beneficiaryId: z.uuid(),
  attendance: z.enum(attendanceStates).default('expected'),
  outcome: optionalText(500),
});

export const sessionInput = z.object({
  clinicId: z.uuid('errors.required'),
  typeId: z.uuid('errors.required'),
  staffId: z.uuid('errors.required'),
  location: optionalText(200),
  /** UTC ISO instant. */
  scheduledAt: z.iso.datetime({ offset: true, message: 'errors.date' }),
  durationMinutes: minutes,
  status: z.enum(sessionStatuses).default('scheduled'),
  notes: optionalText(20000),
  followUpDate: optionalDate,
  attendees: z
    .array(attendeeInput)
    .min(1, 'sessions.errors.noAttendees')
    .max(200, 'errors.tooMany')
    .refine((list) => new Set(list.map((a) => a.beneficiaryId)).size === list.length, 'sessions.errors.sameAttendeeTwice'),
});
export type SessionInput = z.input<typeof sessionInput>;

export const sessionUpdate = sessionInput.extend({ id: z.uuid() });
export type SessionUpdate = z.input<typeof sessionUpdate>;

export const attendanceInput = z.object({
  sessionId: z.uuid(),
  attendees: z
    .array(attendeeInput.extend({ attendance: z.enum(attendanceStates) }))
    .min(1)
    .max(200),
  /** Marking attendance completes the session unless told otherwise. */
  complete: z.boolean().default(true),
});

export const rescheduleInput = z.object({
  id: z.uuid(),
  scheduledAt: z.iso.datetime({ offset: true, message: 'errors.date' }),
});

export const sessionListInput = z.object({
  from: isoDate.nullish(),
  to: isoDate.nullish(),
  typeId: z.uuid().nullish(),
  staffId: z.uuid().nullish(),
  status: z.enum(sessionStatuses).nullish(),
  clinicId: z.uuid().nullish(),
  attendance: z.enum(attendanceStates).nullish(),
  search: z.string().max(200).default(''),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type SessionListInput = z.input<typeof sessionListInput>;

export const agendaInput = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    staffId: z.uuid().nullish(),
    clinicId: z.uuid().nullish(),
  })
  // A day or a week (a week that crosses a clock change is an hour longer or shorter).
  .refine(({ from, to }) => Date.parse(to) > Date.parse(from) && Date.parse(to) - Date.parse(from) <= 8 * 86_400_000, {
    path: ['to'],
    message: 'errors.range',
  });

/** A session being filled in, for the double bookings it would make (warnings only, nothing blocks). */
export const clashInput = z.object({
  id: z.uuid().nullable(),
  staffId: z.uuid(),
  scheduledAt: z.iso.datetime({ offset: true }),
  durationMinutes: minutes,
  beneficiaryIds: z.array(z.uuid()).max(200, 'errors.tooMany'),
});

/** A busy clinic's day can hold more sessions than a grid can show: each day of the agenda brings at most this many. */
export const AGENDA_PER_DAY = 100;

export const todayInput = z.object({
  /** The user's local day as UTC instants [start, end). */
  dayStart: z.iso.datetime({ offset: true }),
  dayEnd: z.iso.datetime({ offset: true }),
});

export interface SessionAttendee {
  id: string;
  beneficiaryId: string;
  beneficiaryName: string;
  beneficiaryCode: string;
  attendance: Attendance;
  outcome: string | null;
}

export interface Session {
  id: string;
  clinicId: string;
  typeId: string;
  typeName: string;
  typeColor: string;
  staffId: string;
  staffName: string | null;
  location: string | null;
  scheduledAt: string;
  durationMinutes: number;
  status: SessionStatus;
  notes: string | null;
  followUpDate: string | null;
  attendees: SessionAttendee[];
}

/** A session as a row of a list or agenda: attendees summarised. */
export interface SessionSummary extends Omit<Session, 'attendees' | 'notes'> {
  attendeeCount: number;
  /** The first few attendee names, for display. */
  attendeeNames: string[];
}

export interface SessionWarning {
  kind: 'staffDoubleBooked' | 'beneficiaryDoubleBooked';
  sessionId: string;
  scheduledAt: string;
  /** The beneficiary, for beneficiaryDoubleBooked. */
  beneficiaryName?: string;
}

export interface SavedSession {
  session: Session;
  /** Non-blocking: the save went through. */
  warnings: SessionWarning[];
}

/** The agenda's sessions (each day's first AGENDA_PER_DAY), and whether each day [from, from + 24 h), … has more. */
export interface AgendaView {
  sessions: SessionSummary[];
  more: boolean[];
}

export interface TodayView {
  sessions: SessionSummary[];
  overdueFollowUps: SessionSummary[];
  missedWithoutFollowUp: SessionSummary[];
}

export interface TimelineEntry {
  sessionId: string;
  scheduledAt: string;
  typeName: string;
  typeColor: string;
  status: SessionStatus;
  attendance: Attendance;
  outcome: string | null;
  staffName: string | null;
  followUpDate: string | null;
}
