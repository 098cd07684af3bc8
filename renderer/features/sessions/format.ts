import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeFor } from '../../i18n/format';

const end = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

/** Session times in the chosen language, in the user's own time zone. */
export function useSessionFormat() {
  const { i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  return useMemo(() => {
    const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const weekdayDay = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric' });
    const longDay = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    const shortDay = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' });
    const dateTime = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    const hour = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    return {
      locale,
      /** "14:00" */
      time: (iso: string) => time.format(new Date(iso)),
      /** "14:00–15:00" */
      timeRange: (iso: string, minutes: number) => time.formatRange(new Date(iso), end(iso, minutes)),
      /** "Mon 23 Nov, 14:00" */
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      /** "23 Nov 2026" */
      day: (at: Date | string) => day.format(typeof at === 'string' ? new Date(at) : at),
      /** "Mon 23" for a column header. */
      weekdayDay: (at: Date) => weekdayDay.format(at),
      /** "Monday 23 November 2026" */
      longDay: (at: Date) => longDay.format(at),
      /** "Mon 23 Nov" */
      shortDay: (at: Date | string) => shortDay.format(typeof at === 'string' ? new Date(at) : at),
      /** "23–29 Nov 2026" for a week. */
      dayRange: (from: Date, to: Date) => day.formatRange(from, to),
      /** "Mon 23 Nov, 14:00–15:00" */
      when: (iso: string, minutes: number) => dateTime.formatRange(new Date(iso), end(iso, minutes)),
      /** An hour line of the agenda: "08:00". */
      hour: (at: Date) => hour.format(at),
    };
  }, [locale]);
}
