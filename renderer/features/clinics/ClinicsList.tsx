import { Badge, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../i18n/format';
import { useClinics } from './useClinics';

export function ClinicsList() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, error } = useClinics();
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (data.length === 0) return <Text c="dimmed">{t('clinics.list.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table aria-label={t('clinics.list.tableLabel')} verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('clinics.list.name')}</Table.Th>
            <Table.Th>{t('clinics.list.code')}</Table.Th>
            <Table.Th>{t('clinics.list.updated')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.map((clinic) => (
            <Table.Tr key={clinic.id}>
              <Table.Td fw={500}>{clinic.name}</Table.Td>
              <Table.Td>
                <Badge variant="light" color="gray" radius="sm" ff="monospace">
                  {clinic.code}
                </Badge>
              </Table.Td>
              <Table.Td c="dimmed">{format.dateTime(clinic.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
