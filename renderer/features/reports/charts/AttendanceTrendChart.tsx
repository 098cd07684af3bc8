import { LineChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { attendanceRate, type WeekAttendance } from '../../../../common/reports';
import { useFormat } from '../../../i18n/format';
import { useChartLabels } from './labels';

/** The attendance rate week by week; weeks where nobody was marked leave a gap rather than a fall to zero. */
export function AttendanceTrendChart({ weeks }: { weeks: WeekAttendance[] }) {
  const { t } = useTranslation();
  const labels = useChartLabels();
  const data = weeks.map((w) => ({ label: labels.week(w.week), rate: attendanceRate(w) }));
  return (
    <LineChart
      h={260}
      data={data}
      dataKey="label"
      series={[{ name: 'rate', label: t('reports.charts.attendanceRate'), color: 'teal.7' }]}
      yAxisProps={{ domain: [0, 1] }}
      valueFormatter={(value) => labels.percent(value)}
      connectNulls={false}
      curveType="monotone"
      tooltipAnimationDuration={150}
    />
  );
}

export function AttendanceTrendTable({ weeks }: { weeks: WeekAttendance[] }) {
  const { t } = useTranslation();
  const labels = useChartLabels();
  const format = useFormat();
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('reports.charts.weekOf')}</Table.Th>
          <Table.Th scope="col">{t('reports.charts.attended')}</Table.Th>
          <Table.Th scope="col">{t('reports.charts.marked')}</Table.Th>
          <Table.Th scope="col">{t('reports.charts.attendanceRate')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {weeks.map((w) => {
          const rate = attendanceRate(w);
          return (
            <Table.Tr key={w.week}>
              <Table.Th scope="row" fw={500}>
                {labels.week(w.week)}
              </Table.Th>
              <Table.Td>{format.number(w.attended)}</Table.Td>
              <Table.Td>{format.number(w.marked)}</Table.Td>
              <Table.Td>{rate === null ? '—' : labels.percent(rate)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
