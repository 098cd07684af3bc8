import { Badge, Group, Paper, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { attendanceRate, type Headline } from '../../../common/reports';
import { useFormat } from '../../i18n/format';
import { useChartLabels } from './charts/labels';

export type HeadlineKey =
  'activeBeneficiaries' | 'newRegistrations' | 'sessionsHeld' | 'beneficiariesServed' | 'attendance' | 'overdueFollowUps';

interface Figure {
  key: HeadlineKey;
  value: string;
  previous: string;
  /** Change against the previous period, already worded ("+12%", "−3 pts"), or null when there is nothing to compare. */
  change: string | null;
  direction: 'up' | 'down' | 'same';
  /** Overdue follow-ups are better when fewer. */
  fewerIsBetter?: boolean;
}

function changeColour(figure: Figure): string {
  if (figure.direction === 'same') return 'gray';
  return (figure.direction === 'up') !== !!figure.fewerIsBetter ? 'teal' : 'orange';
}

function FigureCard({ figure, onOpen }: { figure: Figure; onOpen?: () => void }) {
  const { t } = useTranslation();
  const body = (
    <Stack gap={6}>
      <Text size="sm" c="dimmed" fw={500}>
        {t(`reports.headline.${figure.key}`)}
      </Text>
      <Text fz={34} fw={700} lh={1.1} data-testid={`figure-${figure.key}`}>
        {figure.value}
      </Text>
      <Group gap={6} wrap="nowrap">
        {figure.change && (
          <Badge variant="light" color={changeColour(figure)} radius="sm" tt="none">
            {figure.change}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {t('reports.headline.previous', { value: figure.previous })}
        </Text>
      </Group>
    </Stack>
  );
  return (
    <Paper withBorder radius="md" p="md" style={{ height: '100%' }}>
      {onOpen ? (
        <UnstyledButton
          onClick={onOpen}
          w="100%"
          h="100%"
          aria-label={t('reports.headline.open', { label: t(`reports.headline.${figure.key}`), value: figure.value })}
        >
          {body}
        </UnstyledButton>
      ) : (
        body
      )}
    </Paper>
  );
}

/** The six headline figures, each beside the previous period; those that count a list open it. */
export function HeadlineFigures({ headline, onOpen }: { headline: Headline; onOpen?: (key: HeadlineKey) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useChartLabels();
  const count = (key: Exclude<HeadlineKey, 'attendance'>): Figure => {
    const { current, previous } = headline[key];
    const change = previous === 0 ? null : (current - previous) / previous;
    return {
      key,
      value: format.number(current),
      previous: format.number(previous),
      change: change === null ? null : `${change > 0 ? '+' : ''}${labels.percent(change)}`,
      direction: current > previous ? 'up' : current < previous ? 'down' : 'same',
    };
  };
  const now = attendanceRate(headline.attendance.current);
  const before = attendanceRate(headline.attendance.previous);
  const points = now !== null && before !== null ? Math.round((now - before) * 100) : null;
  const figures: Figure[] = [
    count('activeBeneficiaries'),
    count('newRegistrations'),
    count('sessionsHeld'),
    count('beneficiariesServed'),
    {
      key: 'attendance',
      value: now === null ? '—' : labels.percent(now),
      previous: before === null ? '—' : labels.percent(before),
      change: points === null ? null : t('reports.headline.points', { value: `${points > 0 ? '+' : ''}${format.number(points)}` }),
      direction: points === null || points === 0 ? 'same' : points > 0 ? 'up' : 'down',
    },
    { ...count('overdueFollowUps'), fewerIsBetter: true },
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
      {figures.map((figure) => (
        <FigureCard
          key={figure.key}
          figure={figure}
          onOpen={onOpen && figure.key !== 'overdueFollowUps' ? () => onOpen(figure.key) : undefined}
        />
      ))}
    </SimpleGrid>
  );
}
