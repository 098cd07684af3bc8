import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StaffSessions } from '../../../../common/reports';
import { DrillCell } from './DrillCell';

interface Props {
  staff: StaffSessions[];
  onSelect?(staffId: string): void;
}

/** Completed sessions per staff member, longest bar first. */
export function StaffChart({ staff, onSelect }: Props) {
  const { t } = useTranslation();
  const data = staff.map((s) => ({ staffId: s.staffId, name: s.staffName ?? t('reports.charts.formerStaff'), count: s.count }));
  return (
    <BarChart
      h={Math.max(160, 36 * data.length + 40)}
      data={data}
      dataKey="name"
      orientation="vertical"
      yAxisProps={{ width: 140 }}
      series={[{ name: 'count', label: t('reports.charts.sessions'), color: 'teal.6' }]}
      barProps={{
        cursor: onSelect ? 'pointer' : undefined,
        onClick: (entry: { payload?: { staffId: string } }) => entry.payload && onSelect?.(entry.payload.staffId),
      }}
      tooltipAnimationDuration={150}
      maxBarWidth={24}
    />
  );
}

export function StaffTable({ staff, onSelect }: Props) {
  const { t } = useTranslation();
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('reports.charts.staff')}</Table.Th>
          <Table.Th scope="col">{t('reports.charts.sessions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {staff.map((s) => {
          const name = s.staffName ?? t('reports.charts.formerStaff');
          return (
            <Table.Tr key={s.staffId}>
              <Table.Th scope="row" fw={500}>
                {name}
              </Table.Th>
              <Table.Td>
                <DrillCell count={s.count} what={name} onOpen={onSelect && (() => onSelect(s.staffId))} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
