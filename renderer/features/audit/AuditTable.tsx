import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../common/audit';
import { useFormat } from '../../i18n/format';
import { actionLabel, type DiffContext, diffLines, entityLabel, entryNotes } from './describe';

const short = (id: string) => `…${id.slice(-8)}`;

export interface RecordRef {
  entity: string;
  rowId: string;
  /** How the record reads on screen: a name, or the start of its id. */
  label: string;
}

export interface AuditTableProps {
  entries: AuditEntry[];
  label: string;
  context: DiffContext & {
    userName?(id: string): string | undefined;
    /** A record's name when the page knows it (the record being filtered on, a registration in view). */
    recordName?(rowId: string): string | undefined;
  };
  /** With it, each entry names its record, which can be clicked to see only that record's entries. */
  onRecord?(record: RecordRef): void;
}

function tone(action: string): string {
  if (action.endsWith('Failed') || /\.(erase|deactivate)$/.test(action)) return 'red';
  if (action === 'backups.restore') return 'orange';
  if (action.startsWith('account.')) return 'gray';
  return 'teal';
}

/** How an entry names its record: a clinic or user by name, a registration by the person's name, anything else by the end of its id. */
export function recordLabel(entry: AuditEntry, context: AuditTableProps['context']): string | null {
  if (!entry.entity || !entry.rowId) return null;
  const known = context.recordName?.(entry.rowId);
  if (known) return known;
  if (entry.entity === 'clinics') return context.clinicName(entry.rowId) ?? short(entry.rowId);
  if (entry.entity === 'users') return context.userName?.(entry.rowId) ?? short(entry.rowId);
  const diff = entry.detail?.diff as Record<string, [unknown, unknown]> | undefined;
  const given = diff?.givenName?.[1];
  const family = diff?.familyName?.[1];
  if (entry.action === 'beneficiaries.register' && typeof given === 'string' && typeof family === 'string') return `${given} ${family}`;
  return short(entry.rowId);
}

/** Audit entries: when (in the user's locale), who, what, on which record, and what changed field by field. */
export function AuditTable({ entries, label, context, onRecord }: AuditTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const arrow = t('audit.arrow');
  return (
    <Table.ScrollContainer minWidth={onRecord ? 820 : 640}>
      <Table aria-label={label} verticalSpacing="sm" striped="even" stripedColor="gray.0" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('audit.when')}</Table.Th>
            <Table.Th w={160}>{t('audit.who')}</Table.Th>
            <Table.Th w={170}>{t('audit.action')}</Table.Th>
            {onRecord && <Table.Th w={160}>{t('audit.record')}</Table.Th>}
            <Table.Th>{t('audit.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const lines = diffLines(t, context, entry);
            const notes = entryNotes(t, entry);
            const record = recordLabel(entry, context);
            return (
              <Table.Tr key={entry.id}>
                <Table.Td>
                  <Text size="sm" component="time" dateTime={entry.at}>
                    {format.dateTime(entry.at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    <bdi>{entry.userName ?? (entry.userId ? t('audit.unknownUser') : t('audit.system'))}</bdi>
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={tone(entry.action)} radius="sm" tt="none" fw={500} maw="100%">
                    {actionLabel(t, entry.action)}
                  </Badge>
                </Table.Td>
                {onRecord && (
                  <Table.Td>
                    {entry.entity && entry.rowId && record !== null ? (
                      <Stack gap={0}>
                        <Text size="xs" c="dimmed">
                          {entityLabel(t, entry.entity)}
                        </Text>
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          ta="start"
                          style={{ overflowWrap: 'anywhere' }}
                          aria-label={t('audit.viewer.onlyRecord', { record })}
                          onClick={() => onRecord({ entity: entry.entity!, rowId: entry.rowId!, label: record })}
                        >
                          <bdi>{record}</bdi>
                        </Anchor>
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {entry.entity ? entityLabel(t, entry.entity) : t('audit.emptyValue')}
                      </Text>
                    )}
                  </Table.Td>
                )}
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
                    {notes.map((note) => (
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
