import { Badge, Loader, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../common/audit';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { actionLabel, type DiffContext, diffLines } from '../audit/describe';
import { useClinics } from '../clinics/useClinics';

/** What an entry says besides its field changes: why a possible duplicate was registered, which record was merged in. */
function notes(t: TFunction, entry: AuditEntry): string[] {
  const detail = entry.detail ?? {};
  const lines: string[] = [];
  if (typeof detail.duplicateReason === 'string' && detail.duplicateReason) {
    lines.push(t('beneficiaries.history.duplicateReason', { reason: detail.duplicateReason }));
  }
  if (typeof detail.duplicateCode === 'string') lines.push(t('beneficiaries.history.mergedIn', { code: detail.duplicateCode }));
  else if (typeof detail.duplicateId === 'string' && entry.action === 'beneficiaries.merge')
    lines.push(t('beneficiaries.history.mergedInUnknown'));
  return lines;
}

const colors: Record<string, string> = {
  'beneficiaries.register': 'teal',
  'beneficiaries.update': 'blue',
  'beneficiaries.archive': 'orange',
  'beneficiaries.restore': 'teal',
  'beneficiaries.merge': 'grape',
};

/** Who did what to this record and when, field by field: "phone: 0712 → 0733". */
export function History({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error } = useLiveQuery(() => api.beneficiaries.history.query({ id }), ['beneficiaries'], [id]);
  const { data: clinics } = useClinics();
  const context: DiffContext = { clinicName: (clinicId) => clinics?.find((clinic) => clinic.id === clinicId)?.name };
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (data.length === 0) return <Text c="dimmed">{t('beneficiaries.history.empty')}</Text>;
  const arrow = t('audit.arrow');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t('beneficiaries.history.tableLabel')} verticalSpacing="sm" striped="even" stripedColor="gray.0" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={180}>{t('audit.when')}</Table.Th>
            <Table.Th w={170}>{t('audit.who')}</Table.Th>
            <Table.Th w={170}>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.map((entry) => {
            // A registration's every field is on the profile already: its history line is the event itself.
            const lines = entry.action === 'beneficiaries.register' ? [] : diffLines(t, context, entry);
            const extra = notes(t, entry);
            return (
              <Table.Tr key={entry.id}>
                <Table.Td>
                  <Text size="sm" component="time" dateTime={entry.at}>
                    {format.dateTime(entry.at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {entry.userName ?? (entry.userId ? t('audit.unknownUser') : t('audit.system'))}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={colors[entry.action] ?? 'gray'} radius="sm" tt="none" fw={500} maw="100%">
                    {actionLabel(t, entry.action)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {lines.map((line) => (
                      <Text size="sm" key={line.field} style={{ overflowWrap: 'anywhere' }}>
                        <Text span c="dimmed">
                          <bdi>{line.field}</bdi>:
                        </Text>{' '}
                        {line.from !== null && (
                          <>
                            <bdi>{line.from}</bdi> {arrow}{' '}
                          </>
                        )}
                        <Text span fw={500}>
                          <bdi>{line.to}</bdi>
                        </Text>
                      </Text>
                    ))}
                    {extra.map((note) => (
                      <Text size="sm" key={note} fs="italic" c="gray.7" style={{ overflowWrap: 'anywhere' }}>
                        <bdi>{note}</bdi>
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
