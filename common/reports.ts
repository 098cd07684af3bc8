import { z } from 'zod';
import { type AgeBand, ageBands, type Sex } from './beneficiaries';
import { isoDate } from './validation';

export const periodPresets = ['thisWeek', 'thisMonth', 'lastMonth', 'quarter', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** The longest period a dashboard covers: a few years keeps every query bounded. */
const MAX_DAYS = 3 * 366;

/**
 * The dashboard filters. Presets are resolved against `today`, the user's own
 * calendar day (their time zone, not UTC); custom periods give from and to,
 * both inclusive. Type and staff narrow the session figures only.
 */
export const dashboardInput = z
  .object({
    period: z.enum(periodPresets).default('thisMonth'),
    from: isoDate.nullish(),
    to: isoDate.nullish(),
    today: isoDate,
    clinicId: z.uuid().nullish(),
    typeId: z.uuid().nullish(),
    staffId: z.uuid().nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.period !== 'custom') return;
    if (!value.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'errors.required' });
    if (!value.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'errors.required' });
    if (value.from && value.to && value.from > value.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'reports.errors.order' });
    if (value.from && value.to && daysBetween(value.from, value.to) >= MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'reports.errors.tooLong' });
  });
export type DashboardInput = z.input<typeof dashboardInput>;

/** A closed range of calendar days, YYYY-MM-DD, both ends inclusive. */
export interface DateRange {
  from: string;
  to: string;
}

/** What every report query takes: resolved dates and the narrowing filters. */
export interface ReportFilters {
  period: DateRange;
  /** The period of equal length just before `period`. */
  previous: DateRange;
  /** The user's calendar day: age bands and overdue follow-ups are counted against it. */
  today: string;
  clinicId: string | null;
  typeId: string | null;
  staffId: string | null;
}

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
export const addDays = (day: string, n: number) => toDay(dayMs(day) + n * DAY);
export const daysBetween = (from: string, to: string) => Math.round((dayMs(to) - dayMs(from)) / DAY);

/** The calendar days a preset covers on `today`. Weeks start on Monday. */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, today: string): DateRange {
  const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
  const monthRange = (y: number, m: number) => ({ from: toDay(Date.UTC(y, m, 1)), to: toDay(Date.UTC(y, m + 1, 0)) });
  switch (preset) {
    case 'thisWeek': {
      const weekday = (new Date(dayMs(today)).getUTCDay() + 6) % 7;
      const from = addDays(today, -weekday);
      return { from, to: addDays(from, 6) };
    }
    case 'thisMonth':
      return monthRange(year, month);
    case 'lastMonth':
      return monthRange(year, month - 1);
    case 'quarter': {
      const first = month - (month % 3);
      return { from: toDay(Date.UTC(year, first, 1)), to: toDay(Date.UTC(year, first + 3, 0)) };
    }
  }
}

/** The period of the same number of days that ends the day before `range` starts. */
export function previousRange(range: DateRange): DateRange {
  const length = daysBetween(range.from, range.to) + 1;
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

export function resolveFilters(input: z.output<typeof dashboardInput>): ReportFilters {
  const period = input.period === 'custom' ? { from: input.from!, to: input.to! } : presetRange(input.period, input.today);
  return {
    period,
    previous: previousRange(period),
    today: input.today,
    clinicId: input.clinicId ?? null,
    typeId: input.typeId ?? null,
    staffId: input.staffId ?? null,
  };
}

/** A figure in the period beside the same figure in the previous period. */
export interface Compared {
  current: number;
  previous: number;
}

export interface AttendanceCounts {
  attended: number;
  /** Attended plus missed: excused absences do not count against the rate. */
  marked: number;
}

export interface Headline {
  /** Active records registered by the end of the period. */
  activeBeneficiaries: Compared;
  newRegistrations: Compared;
  /** Completed sessions. */
  sessionsHeld: Compared;
  /** Different people who attended at least one session. */
  beneficiariesServed: Compared;
  attendance: { current: AttendanceCounts; previous: AttendanceCounts };
  /** Follow-ups due in the period, still open and now past their date. */
  overdueFollowUps: Compared;
}

export interface TypeCount {
  typeId: string;
  count: number;
}

export interface WeekSessions {
  /** The Monday that starts the week, YYYY-MM-DD. */
  week: string;
  byType: TypeCount[];
}

export interface WeekAttendance extends AttendanceCounts {
  week: string;
}

export interface MonthRegistrations {
  /** YYYY-MM */
  month: string;
  count: number;
}

export const demographicSexes = ['female', 'male', 'other', 'unknown'] as const satisfies readonly Sex[];
export const demographicBands = [...ageBands, 'unknown'] as const;
export type DemographicBand = AgeBand | 'unknown';

export interface DemographicCount {
  sex: Sex;
  band: DemographicBand;
  count: number;
}

export interface StaffSessions {
  staffId: string;
  staffName: string | null;
  count: number;
}

export interface ReportType {
  id: string;
  name: string;
  color: string;
}

export interface Dashboard {
  filters: ReportFilters;
  headline: Headline;
  /** Session types that appear in the charts, with their colours. */
  types: ReportType[];
  sessionsByWeek: WeekSessions[];
  attendanceByWeek: WeekAttendance[];
  /** The twelve months up to the end of the period. */
  registrationsByMonth: MonthRegistrations[];
  /** Active beneficiaries registered by the end of the period, by sex and age band today. */
  demographics: DemographicCount[];
  sessionsByStaff: StaffSessions[];
}

/** Attendance as a share, or null when nobody was marked. */
export const attendanceRate = (counts: AttendanceCounts): number | null => (counts.marked === 0 ? null : counts.attended / counts.marked);
