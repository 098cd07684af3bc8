import { Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A titled chart with its accessible alternative: the same figures as a
 * table, one toggle away. The drawing itself is an image with a summary for
 * assistive technology; the table is where every figure (and drill-down) is reachable by keyboard.
 */
export function ChartCard({
  title,
  summary,
  chart,
  table,
  actions,
}: {
  title: string;
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  /** Beside the view toggle: the table's export. */
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Paper component="section" aria-labelledby={id} withBorder radius="md" p="lg">
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={2}>
          <Title order={2} size="h4" fw={600} id={id}>
            {title}
          </Title>
          <Text c="dimmed" size="sm">
            {summary}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
          {actions}
          <SegmentedControl
            size="xs"
            aria-label={t('reports.view.label', { title })}
            value={view}
            onChange={(value) => setView(value as 'chart' | 'table')}
            data={[
              { value: 'chart', label: t('reports.view.chart') },
              { value: 'table', label: t('reports.view.table') },
            ]}
          />
        </Group>
      </Group>
      {view === 'chart' ? (
        <div role="img" aria-label={`${title}. ${summary}`}>
          {chart}
        </div>
      ) : (
        table
      )}
    </Paper>
  );
}
