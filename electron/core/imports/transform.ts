import type { Sex } from '../../../common/beneficiaries';
import type { Attendance } from '../../../common/sessions';
import { normal } from './guess';

// Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A day and month order, or null when the value says nothing about it. */
const slashed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const isoDay = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const serial = /^\d{4,5}(?:\.\d+)?$/;

/** What the date cells of a column say about day and month order. */
export function detectDateOrder(values: Iterable<string>): 'dmy' | 'mdy' | 'ambiguous' | 'none' {
  let dayFirst = false;
  let monthFirst = false;
  let seen = false;
  for (const value of values) {
    const m = slashed.exec(value);
    if (!m) continue;
    seen = true;
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12 && b <= 12) dayFirst = true;
    if (b > 12 && a <= 12) monthFirst = true;
  }
  if (!seen) return 'none';
  if (dayFirst && !monthFirst) return 'dmy';
  if (monthFirst && !dayFirst) return 'mdy';
  // Both seen means the column mixes orders: still the user's call, and the impossible dates are refused.
  return 'ambiguous';
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The ISO day, or null when the calendar has no such day (31/02). Counted, not made into a Date: a preview checks
 * 100,000 of them. Years before 100 are refused, as Date.UTC reads them as 19xx.
 */
function validDay(year: number, month: number, day: number): string | null {
  if (year < 100 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : monthDays[month - 1]!)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type DateResult = { ok: true; value: string } | { ok: false; message: string };

/** A calendar date from ISO, d/m/y or m/d/y (order given), or an Excel serial number. */
export function parseDate(value: string, order: 'dmy' | 'mdy' | null, today: Date): DateResult {
  const iso = isoDay.exec(value);
  if (iso) {
    const day = validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return day ? { ok: true, value: day } : { ok: false, message: 'errors.date' };
  }
  const m = slashed.exec(value);
  if (m) {
    if (!order) return { ok: false, message: 'imports.reasons.dateOrder' };
    const [a, b] = [Number(m[1]), Number(m[2])];
    let year = Number(m[3]);
    if (m[3]!.length === 2) {
      // Two-digit years: the most recent year that is not in the future.
      const century = Math.floor(today.getUTCFullYear() / 100) * 100;
      year = century + year > today.getUTCFullYear() ? century - 100 + year : century + year;
    }
    const day = order === 'dmy' ? validDay(year, b, a) : validDay(year, a, b);
    return day ? { ok: true, value: day } : { ok: false, message: 'errors.date' };
  }
  if (serial.test(value)) {
    const days = Math.floor(Number(value));
    // 1 Jan 1900 to the year 2200: anything else is not a date someone typed.
    if (days >= 1 && days <= 109574) return { ok: true, value: new Date(EXCEL_EPOCH_MS + days * DAY_MS).toISOString().slice(0, 10) };
  }
  return { ok: false, message: 'errors.date' };
}

/** Time of day "14:30", "2:30 PM", or the fraction of a day Excel stores. */
export function parseTime(value: string): string | null {
  const m = /^(\d{1,2})[:h.](\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$/i.exec(value.trim());
  if (m) {
    let hours = Number(m[1]);
    const minutes = Number(m[2]);
    const suffix = m[3]?.toLowerCase().replace(/\./g, '');
    if (suffix === 'pm' && hours < 12) hours += 12;
    if (suffix === 'am' && hours === 12) hours = 0;
    if (hours > 23 || minutes > 59) return null;
    return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  }
  if (/^0?\.\d+$/.test(value)) {
    const total = Math.round(Number(value) * 24 * 60);
    return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  }
  return null;
}

const sexCodes: Record<string, Sex> = {
  m: 'male',
  male: 'male',
  man: 'male',
  boy: 'male',
  h: 'male',
  homme: 'male',
  masculin: 'male',
  garcon: 'male',
  '1': 'male',
  ذكر: 'male',
  رجل: 'male',
  f: 'female',
  female: 'female',
  woman: 'female',
  girl: 'female',
  femme: 'female',
  feminin: 'female',
  fille: 'female',
  '2': 'female',
  انثي: 'female',
  امراه: 'female',
  o: 'other',
  other: 'other',
  autre: 'other',
  اخر: 'other',
  u: 'unknown',
  unknown: 'unknown',
  inconnu: 'unknown',
  'غير معروف': 'unknown',
};

/** M/F, H/F, ذكر/أنثى, 1/2 (ISO 5218), male/female, homme/femme: null when not a sex code. */
export function parseSex(value: string): Sex | null {
  return sexCodes[normal(value)] ?? null;
}

const yes = new Set(['yes', 'y', 'oui', 'o', 'true', 'vrai', '1', 'x', 'نعم']);
const no = new Set(['no', 'n', 'non', 'false', 'faux', '0', 'لا']);

export function parseYesNo(value: string): boolean | null {
  const v = normal(value);
  if (yes.has(v)) return true;
  if (no.has(v)) return false;
  return null;
}

const attendanceCodes: Record<string, Attendance> = {
  attended: 'attended',
  present: 'attended',
  yes: 'attended',
  oui: 'attended',
  '1': 'attended',
  x: 'attended',
  حاضر: 'attended',
  حضر: 'attended',
  missed: 'missed',
  absent: 'missed',
  no: 'missed',
  non: 'missed',
  '0': 'missed',
  غائب: 'missed',
  excused: 'excused',
  excuse: 'excused',
  معذور: 'excused',
};

export function parseAttendance(value: string): Attendance | null {
  return attendanceCodes[normal(value)] ?? null;
}

/** Whole years from "34", "34 ans", "34 years", "34.0". */
export function parseAge(value: string): number | null {
  const m = /^(\d{1,3})(?:[.,]0+)?(?:\s*\p{L}+)?$/u.exec(value.trim());
  return m ? Number(m[1]) : null;
}
