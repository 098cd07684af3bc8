import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import type { PrintChart as Chart } from '../../common/exports';
import { translateMessage } from '../i18n';
import { localeFor } from '../i18n/format';

// Fixed size: a sheet of A4 between its margins, two charts side by side.
const WIDTH = 320;
const HEIGHT = 200;

function useTick(xKey: string) {
  const { i18n } = useTranslation();
  const locale = localeFor(i18n.language);
  if (xKey === 'week') {
    const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    return (value: string) => day.format(new Date(`${value}T00:00:00Z`));
  }
  if (xKey === 'month') {
    const month = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
    return (value: string) => month.format(new Date(`${value}-01T00:00:00Z`));
  }
  return (value: string) => value;
}

/** A chart drawn once, without animation, as SVG: it stays vector in the PDF. */
export function PrintChart({ chart, direction }: { chart: Chart; direction: 'ltr' | 'rtl' }) {
  const { t } = useTranslation();
  const tick = useTick(chart.xKey);
  const rtl = direction === 'rtl';
  const axes = [
    <CartesianGrid key="grid" strokeDasharray="3 3" vertical={false} />,
    <XAxis key="x" dataKey={chart.xKey} tickFormatter={tick} reversed={rtl} fontSize={9} interval="preserveStartEnd" />,
    <YAxis key="y" orientation={rtl ? 'right' : 'left'} fontSize={9} width={32} allowDecimals={false} />,
    <Legend key="legend" iconSize={8} wrapperStyle={{ fontSize: 9 }} />,
  ];
  const size = { width: WIDTH, height: HEIGHT, data: chart.data, margin: { top: 8, right: 8, bottom: 0, left: 0 } };
  return (
    <figure className="chart">
      <figcaption>{t(chart.caption)}</figcaption>
      {chart.data.length === 0 ? (
        <p className="empty">{t('exports.print.noRows')}</p>
      ) : chart.kind === 'line' ? (
        <LineChart {...size}>
          {axes}
          {chart.series.map((series) => (
            <Line
              key={series.key}
              dataKey={series.key}
              name={translateMessage(series.label)}
              stroke={series.color}
              strokeWidth={2}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      ) : (
        <BarChart {...size}>
          {axes}
          {chart.series.map((series) => (
            <Bar
              key={series.key}
              dataKey={series.key}
              name={translateMessage(series.label)}
              fill={series.color}
              stackId={chart.kind === 'stackedBars' ? 'stack' : undefined}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      )}
    </figure>
  );
}
