import { useTranslation } from 'react-i18next';

/**
 * The locale for dates and numbers: the chosen language, in the system's
 * regional variant when it has one (en → en-GB on a British system).
 */
export function localeFor(language: string): string {
  const regional = typeof navigator === 'undefined' ? [] : navigator.languages;
  return regional.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}

/** Dates and numbers in the chosen language, in the user's own time zone. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  return {
    dateTime: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
  };
}
