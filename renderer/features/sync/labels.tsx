import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { SyncRecord } from '../../../common/sync';
import { i18n } from '../../i18n';
import { useTranslation } from 'react-i18next';
import { entityLabel } from '../audit/describe';
import { useSessionFormat } from '../sessions/format';

type RecordProps = SyncRecord & { entity: string; rowId: string };

/** A table's name in the user's language (unknown ones as they are). */
export const entityName = (entity: string) => (i18n.exists(`sync.entities.${entity}`) ? i18n.t(`sync.entities.${entity}`) : entity);

/** The record a change or conflict is about: a link to a beneficiary's profile or to the session, otherwise its label. */
export function RecordLink({ entity, rowId, label, sessionId }: RecordProps) {
  const to = entity === 'beneficiaries' ? `/beneficiaries/${rowId}` : sessionId ? `/sessions/${sessionId}` : null;
  if (!to) return <bdi>{label}</bdi>;
  return (
    <Anchor component={Link} to={to} fw={600} size="sm">
      <bdi>{label}</bdi>
    </Anchor>
  );
}

/** A table cell's content for that record: the link, and under it which kind of record it is and, for a session, when. */
export function RecordCell(record: RecordProps) {
  const { t } = useTranslation();
  const format = useSessionFormat();
  const kind = entityLabel(t, record.entity);
  return (
    <Stack gap={0}>
      <RecordLink {...record} />
      <Text size="xs" c="dimmed">
        {record.when ? `${kind} · ${format.dateTime(record.when)}` : kind}
      </Text>
    </Stack>
  );
}
