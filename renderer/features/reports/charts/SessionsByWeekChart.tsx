import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReportType, WeekSessions } from '../../../../common/reports';
import { DrillCell } from './DrillCell';
import { useChartLabels } from './labels';

interface Props {
  weeks: WeekSessions[];
  types: ReportType[];
  /** A bar or a count was chosen: the week's Monday and the session type. */
  onSelect?(week: string, typeId: string): void;
}

/** Only the types that have sessions in these weeks, in the legend's order. */
const typesUsed = (weeks: WeekSessions[], types: ReportType[]) =>
  types.filter((type) => weeks.some((w) => w.byType.some((t) => t.typeId === type.id)));

/** Completed sessions per week, stacked by session type in the types' own colours. */
export function SessionsByWeekChart({ weeks, types, onSelect }: Props) {
  const labels = useChartLabels();
  const used = typesUsed(weeks, types);
  const data = weeks.map((w) => ({
    week: w.week,
    label: labels.week(w.week),
    ...Object.fromEntries(used.map((type) => [type.id, w.byType.find((t) => t.typeId === type.id)?.count ?? 0])),
  }));
  return (
    <BarChart
      h={280}
      data={data}
      dataKey="label"
      type="stacked"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      series={used.map((type) => ({ name: type.id, label: type.name, color: type.color }))}
      barProps={(series) => ({
        cursor: onSelect ? 'pointer' : undefined,
        onClick: (entry: { payload?: { week: string } }) => entry.payload && onSelect?.(entry.payload.week, series.name),
      })}
      tooltipAnimationDuration={150}
      maxBarWidth={48}
    />
  );
}

export function SessionsByWeekTable({ weeks, types, onSelect }: Props) {
  const { t } = useTranslation();
  const labels = useChartLabels();
  const used = typesUsed(weeks, types);
  return (
    <Table.ScrollContainer minWidth={400}>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.charts.weekOf')}</Table.Th>
            {used.map((type) => (
              <Table.Th scope="col" key={type.id}>
                {type.name}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('reports.charts.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {weeks.map((w) => (
            <Table.Tr key={w.week}>
              <Table.Th scope="row" fw={500}>
                {labels.week(w.week)}
              </Table.Th>
              {used.map((type) => (
                <Table.Td key={type.id}>
                  <DrillCell
                    count={w.byType.find((t) => t.typeId === type.id)?.count ?? 0}
                    what={`${type.name}, ${labels.week(w.week)}`}
                    onOpen={onSelect && (() => onSelect(w.week, type.id))}
                  />
                </Table.Td>
              ))}
              <Table.Td>
                <DrillCell count={w.byType.reduce((n, t) => n + t.count, 0)} what="" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
