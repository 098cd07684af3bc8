// Sessions are stored as UTC instants and shown, typed and grouped by day in
// the user's own time zone (the zone of this computer). These helpers keep the
// conversions in one place; they are pure so the tests can run them in any zone.

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar date (YYYY-MM-DD) of an instant in the local zone. */
export function localDate(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The wall-clock time (HH:MM, 24-hour) of an instant in the local zone. */
export function localTime(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** Local midnight at the start of a calendar date (YYYY-MM-DD). */
export function parseLocalDate(ymd: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const at = new Date(y, m - 1, d);
  return at.getFullYear() === y && at.getMonth() === m - 1 && at.getDate() === d ? at : null;
}

/** A local date and time as typed (YYYY-MM-DD, HH:MM) → the UTC ISO instant, or null when either is not valid. */
export function fromLocal(date: string, time: string): string | null {
  const day = parseLocalDate(date);
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!day || !match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes).toISOString();
}

export function startOfDay(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate());
}

/** Calendar days later (or earlier): local midnight stays midnight across daylight-saving changes. */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + days, at.getHours(), at.getMinutes());
}

/** The user's local day holding `at`, as the UTC instants [start, end) the core asks for. */
export function dayRange(at: Date): { dayStart: string; dayEnd: string } {
  const start = startOfDay(at);
  return { dayStart: start.toISOString(), dayEnd: addDays(start, 1).toISOString() };
}

/** 1 = Monday … 7 = Sunday: the first day of the week where the locale lives (Monday when unknown). */
export function firstDayOfWeek(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    return firstDay && firstDay >= 1 && firstDay <= 7 ? firstDay : 1;
  } catch {
    return 1;
  }
}

/** Local midnight of the first day of the week holding `at`. */
export function startOfWeek(at: Date, firstDay: number): Date {
  const weekday = at.getDay() === 0 ? 7 : at.getDay();
  return addDays(startOfDay(at), -((weekday - firstDay + 7) % 7));
}

/** Minutes since local midnight of `day` (may be negative, or past 24 h, for another day). */
export function minutesInto(day: Date, at: Date): number {
  return Math.round((at.getTime() - day.getTime()) / 60_000);
}

/** The next quarter hour from `at`: a sensible start for a session being scheduled. */
export function nextQuarter(at: Date): Date {
  const next = new Date(at.getTime());
  next.setSeconds(0, 0);
  next.setMinutes(Math.ceil((next.getMinutes() + 1) / 15) * 15);
  return next;
}

/** The last quarter hour at or before `at`: a sensible start for a session being recorded after it happened. */
export function lastQuarter(at: Date): Date {
  const last = new Date(at.getTime());
  last.setSeconds(0, 0);
  last.setMinutes(Math.floor(last.getMinutes() / 15) * 15);
  return last;
}

export interface Placed<T> {
  item: T;
  /** 0-based side-by-side lane among overlapping items, and how many lanes its cluster needs. */
  lane: number;
  lanes: number;
}

/**
 * Lays out a day's sessions as a calendar does: items that overlap sit side by
 * side in lanes; a cluster of overlapping items shares one lane count.
 */
export function placeInLanes<T>(items: T[], start: (item: T) => number, end: (item: T) => number): Placed<T>[] {
  const sorted = [...items].sort((a, b) => start(a) - start(b) || end(b) - end(a));
  const placed: Placed<T>[] = [];
  let cluster: Placed<T>[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    for (const p of cluster) p.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const item of sorted) {
    if (start(item) >= clusterEnd) {
      close();
      clusterEnd = -Infinity;
    }
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start(item));
    if (lane === -1) lane = laneEnds.push(end(item)) - 1;
    else laneEnds[lane] = end(item);
    const entry = { item, lane, lanes: 1 };
    cluster.push(entry);
    placed.push(entry);
    clusterEnd = Math.max(clusterEnd, end(item));
  }
  close();
  return placed;
}
