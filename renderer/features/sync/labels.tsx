import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { i18n } from '../../i18n';

/** A table's name in the user's language (unknown ones as they are). */
export const entityName = (entity: string) => (i18n.exists(`sync.entities.${entity}`) ? i18n.t(`sync.entities.${entity}`) : entity);

/** The record a change or conflict is about: a link to a beneficiary's profile, otherwise its label. */
export function RecordLink({ entity, rowId, label }: { entity: string; rowId: string; label: string }) {
  if (entity !== 'beneficiaries') return <bdi>{label}</bdi>;
  return (
    <Anchor component={Link} to={`/beneficiaries/${rowId}`} fw={600} size="sm">
      <bdi>{label}</bdi>
    </Anchor>
  );
}

/** A table cell's content for that record: the link, and under it which kind of record it is. */
export function RecordCell({ entity, rowId, label }: { entity: string; rowId: string; label: string }) {
  return (
    <Stack gap={0}>
      <RecordLink entity={entity} rowId={rowId} label={label} />
      <Text size="xs" c="dimmed">
        {entityName(entity)}
      </Text>
    </Stack>
  );
}
