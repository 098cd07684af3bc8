import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { localeFor } from '../../../i18n/format';

/** Short labels for chart axes: a week by its Monday, a month by name and year. */
export function useChartLabels() {
  const { i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    return {
      week: (monday: string) => day.format(new Date(`${monday}T00:00:00Z`)),
      month: (ym: string) => month.format(new Date(`${ym}-01T00:00:00Z`)),
      percent: (share: number) => percent.format(share),
    };
  }, [locale]);
}
