import { Badge, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DuplicateAction, ImportPreview, PreviewRow } from '../../../common/imports';
import { useFormat } from '../../i18n/format';
import { describeProblem } from './report';

export type Decisions = Record<number, { action: DuplicateAction; reason: string }>;

interface Props {
  preview: ImportPreview;
  decisions: Decisions;
  onDecide(row: number, decision: { action: DuplicateAction; reason: string }): void;
}

function Counts({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Group gap="sm" aria-label={t('imports.review.countsLabel')} role="group">
      <Badge size="lg" variant="light" color="teal">
        {t('imports.review.valid', { count: preview.valid, n: format.number(preview.valid) })}
      </Badge>
      <Badge size="lg" variant="light" color={preview.invalid > 0 ? 'red' : 'gray'}>
        {t('imports.review.invalid', { count: preview.invalid, n: format.number(preview.invalid) })}
      </Badge>
      <Badge size="lg" variant="light" color={preview.duplicates > 0 ? 'orange' : 'gray'}>
        {t('imports.review.duplicates', { count: preview.duplicates, n: format.number(preview.duplicates) })}
      </Badge>
    </Group>
  );
}

function Duplicate({
  row,
  decision,
  onDecide,
}: {
  row: PreviewRow;
  decision: Props['decisions'][number] | undefined;
  onDecide: Props['onDecide'];
}) {
  const { t } = useTranslation();
  const dup = row.duplicate!;
  const current = decision ?? { action: 'skip' as const, reason: '' };
  const what =
    dup.of === 'file'
      ? t('imports.review.sameAsRow', { row: dup.row })
      : dup.existingName
        ? t('imports.review.sameAsRecord', { name: dup.existingName, code: dup.existingCode })
        : t('imports.review.sameAsHidden');
  return (
    <Stack gap={6}>
      <Text size="sm">
        {what} ({dup.reasons.map((r) => t(`imports.review.reasons.${r}`)).join(', ')})
      </Text>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          aria-label={t('imports.review.decisionFor', { row: row.row })}
          data={dup.allowed.map((action) => ({ value: action, label: t(`imports.review.actions.${action}`) }))}
          value={current.action}
          allowDeselect={false}
          onChange={(value) => onDecide(row.row, { ...current, action: (value ?? 'skip') as DuplicateAction })}
          w={220}
          size="xs"
        />
        {current.action === 'import' && (
          <TextInput
            aria-label={t('imports.review.reasonFor', { row: row.row })}
            placeholder={t('imports.review.reasonPlaceholder')}
            value={current.reason}
            onChange={(e) => onDecide(row.row, { ...current, reason: e.currentTarget.value })}
            error={current.reason.trim() ? undefined : t('imports.review.reasonNeeded')}
            size="xs"
            w={260}
            maxLength={500}
          />
        )}
      </Group>
    </Stack>
  );
}

/** The rows that need a look before anything is written: what is wrong with each cell, and what to do with each duplicate. */
export function ReviewStep({ preview, decisions, onDecide }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Counts preview={preview} />
      {preview.rows.length > 0 && (
        <Table withTableBorder verticalSpacing="sm">
          <Table.Caption>
            {preview.rowsTruncated ? t('imports.review.truncated', { n: preview.rows.length }) : t('imports.review.caption')}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('imports.review.row')}</Table.Th>
              <Table.Th scope="col">{t('imports.review.who')}</Table.Th>
              <Table.Th scope="col">{t('imports.review.status')}</Table.Th>
              <Table.Th scope="col">{t('imports.review.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2} maw={260}>
                    {row.label || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={row.status === 'invalid' ? 'red' : 'orange'}>
                    {t(`imports.review.statuses.${row.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {row.status === 'duplicate' ? (
                    <Duplicate row={row} decision={decisions[row.row]} onDecide={onDecide} />
                  ) : (
                    <Stack gap={2} component="ul" style={{ margin: 0, paddingInlineStart: 18 }}>
                      {row.problems.map((problem, i) => (
                        <Text component="li" size="sm" key={i} style={{ overflowWrap: 'anywhere' }}>
                          {describeProblem(problem, t)}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
