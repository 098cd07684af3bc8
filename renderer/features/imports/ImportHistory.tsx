import { Badge, Button, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../common/imports';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { ImportStatus } from './ImportStatus';

const colors: Record<ImportSummary['status'], string> = {
  running: 'blue',
  rollingBack: 'blue',
  done: 'teal',
  cancelled: 'gray',
  interrupted: 'orange',
  rolledBack: 'gray',
};

/** Earlier imports, newest first: any of them can be opened to resume, roll back or download its report. */
export function ImportHistory() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error } = useLiveQuery(() => api.imports.list.query({ limit: 20 }), ['audit_log']);
  const [open, setOpen] = useState<string | null>(null);
  if (error) return <ErrorAlert error={error} />;
  if (!data || data.length === 0) return <Text c="dimmed">{t('imports.history.none')}</Text>;
  return (
    <Table withTableBorder verticalSpacing="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('imports.history.file')}</Table.Th>
          <Table.Th scope="col">{t('imports.history.when')}</Table.Th>
          <Table.Th scope="col">{t('imports.history.status')}</Table.Th>
          <Table.Th scope="col">{t('imports.history.rows')}</Table.Th>
          <Table.Th scope="col">
            <VisuallyHidden>{t('imports.history.actions')}</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.map((summary) => (
          <Table.Tr key={summary.id}>
            <Table.Td>
              <Stack gap={0}>
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {summary.fileName}
                </Text>
                <Text size="xs" c="dimmed">
                  {[summary.sheet, t(`imports.kinds.${summary.kind}`)].filter(Boolean).join(' · ')}
                </Text>
              </Stack>
              {open === summary.id && (
                <Stack mt="sm">
                  <ImportStatus initial={summary} />
                </Stack>
              )}
            </Table.Td>
            <Table.Td>{format.dateTime(summary.createdAt)}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={colors[summary.status]}>
                {t(`imports.statuses.${summary.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>{format.number(summary.total)}</Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="subtle"
                onClick={() => setOpen(open === summary.id ? null : summary.id)}
                aria-expanded={open === summary.id}
              >
                {open === summary.id ? t('imports.history.close') : t('imports.history.open')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
