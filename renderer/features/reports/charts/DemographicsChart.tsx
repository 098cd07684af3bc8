import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Sex } from '../../../../common/beneficiaries';
import { type DemographicBand, type DemographicCount, demographicBands, demographicSexes } from '../../../../common/reports';
import { DrillCell } from './DrillCell';

interface Props {
  counts: DemographicCount[];
  /** A bar or a count was chosen (never for an unknown age). */
  onSelect?(sex: Sex, band: DemographicBand): void;
}

const sexColours: Record<Sex, string> = { female: 'grape.6', male: 'blue.6', other: 'orange.6', unknown: 'gray.5' };
const countOf = (counts: DemographicCount[], sex: Sex, band: DemographicBand) =>
  counts.find((c) => c.sex === sex && c.band === band)?.count ?? 0;

/** Sexes that appear, so an empty "other" does not crowd the legend. */
const sexesUsed = (counts: DemographicCount[]) => demographicSexes.filter((sex) => counts.some((c) => c.sex === sex));

/** Beneficiaries by age band, side by side by sex. */
export function DemographicsChart({ counts, onSelect }: Props) {
  const { t } = useTranslation();
  const data = demographicBands.map((band) => ({
    band,
    label: t(`reports.bands.${band}`),
    ...Object.fromEntries(demographicSexes.map((sex) => [sex, countOf(counts, sex, band)])),
  }));
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="label"
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      series={sexesUsed(counts).map((sex) => ({ name: sex, label: t(`beneficiaries.sex.${sex}`), color: sexColours[sex] }))}
      barProps={(series) => ({
        cursor: onSelect ? 'pointer' : undefined,
        onClick: (entry: { payload?: { band: DemographicBand } }) =>
          entry.payload && entry.payload.band !== 'unknown' && onSelect?.(series.name as Sex, entry.payload.band),
      })}
      tooltipAnimationDuration={150}
      maxBarWidth={32}
    />
  );
}

export function DemographicsTable({ counts, onSelect }: Props) {
  const { t } = useTranslation();
  const sexes = sexesUsed(counts);
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('reports.charts.ageBand')}</Table.Th>
          {sexes.map((sex) => (
            <Table.Th scope="col" key={sex}>
              {t(`beneficiaries.sex.${sex}`)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {demographicBands.map((band) => (
          <Table.Tr key={band}>
            <Table.Th scope="row" fw={500}>
              {t(`reports.bands.${band}`)}
            </Table.Th>
            {sexes.map((sex) => (
              <Table.Td key={sex}>
                <DrillCell
                  count={countOf(counts, sex, band)}
                  what={`${t(`beneficiaries.sex.${sex}`)}, ${t(`reports.bands.${band}`)}`}
                  // The lists cannot filter on a missing birth date, so that row leads nowhere.
                  onOpen={onSelect && band !== 'unknown' ? () => onSelect(sex, band) : undefined}
                />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
