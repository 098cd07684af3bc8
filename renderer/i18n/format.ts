import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The locale for dates and numbers: the chosen language, in the system's
 * regional variant when it has one (en → en-GB on a British system).
 */
export function localeFor(language: string): string {
  const regional = typeof navigator === 'undefined' ? [] : navigator.languages;
  return regional.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** A calendar date (YYYY-MM-DD) as a Date at midnight UTC, so no time zone can move it to another day. */
const calendarDay = (ymd: string) => new Date(`${ymd.slice(0, 10)}T00:00:00Z`);

/** Dates and numbers in the chosen language, in the user's own time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const calendar = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const year = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
    const number = new Intl.NumberFormat(locale);
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    return {
      /** An instant (ISO timestamp), with its time. */
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      /** The day of an instant (ISO timestamp), in the user's zone. */
      day: (iso: string) => day.format(new Date(iso)),
      /** A calendar date (YYYY-MM-DD), such as a birth date: never shifted by the time zone. */
      date: (ymd: string) => calendar.format(calendarDay(ymd)),
      /** The year of a calendar date (YYYY-MM-DD), without digit grouping. */
      year: (ymd: string) => year.format(calendarDay(ymd)),
      number: (value: number) => number.format(value),
      /** How long before `now` an instant was, in whole minutes, hours or days: "5 minutes ago", "yesterday". */
      ago: (iso: string, now: Date) => {
        const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
        if (minutes < 60) return relative.format(-minutes, 'minute');
        const hours = Math.floor(minutes / 60);
        return hours < 24 ? relative.format(-hours, 'hour') : relative.format(-Math.floor(hours / 24), 'day');
      },
    };
  }, [locale]);
}
