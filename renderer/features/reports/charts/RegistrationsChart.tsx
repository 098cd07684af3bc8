import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MonthRegistrations } from '../../../../common/reports';
import { DrillCell } from './DrillCell';
import { useChartLabels } from './labels';

interface Props {
  months: MonthRegistrations[];
  /** A month was chosen, YYYY-MM. */
  onSelect?(month: string): void;
}

/** New registrations per month. */
export function RegistrationsChart({ months, onSelect }: Props) {
  const { t } = useTranslation();
  const labels = useChartLabels();
  const data = months.map((m) => ({ month: m.month, label: labels.month(m.month), count: m.count }));
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="label"
      series={[{ name: 'count', label: t('reports.charts.registrations'), color: 'indigo.6' }]}
      barProps={{
        cursor: onSelect ? 'pointer' : undefined,
        onClick: (entry: { payload?: { month: string } }) => entry.payload && onSelect?.(entry.payload.month),
      }}
      tooltipAnimationDuration={150}
      maxBarWidth={40}
    />
  );
}

export function RegistrationsTable({ months, onSelect }: Props) {
  const { t } = useTranslation();
  const labels = useChartLabels();
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('reports.charts.month')}</Table.Th>
          <Table.Th scope="col">{t('reports.charts.registrations')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {months.map((m) => (
          <Table.Tr key={m.month}>
            <Table.Th scope="row" fw={500}>
              {labels.month(m.month)}
            </Table.Th>
            <Table.Td>
              <DrillCell
                count={m.count}
                what={`${t('reports.charts.registrations')}, ${labels.month(m.month)}`}
                onOpen={onSelect && (() => onSelect(m.month))}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
