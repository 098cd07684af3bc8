import { Anchor, Badge, Loader, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { Fragment, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../common/audit';
import type { Session } from '../../../common/sessions';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { i18n } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { useClinics } from '../clinics/useClinics';
import { useSessionTypes, useStaffDirectory } from './data';
import { type FieldContext, sessionFieldText } from './fieldText';
import { useSessionFormat } from './format';

interface Line {
  field: string;
  from: string | null;
  to: string;
}

interface Context extends FieldContext {
  session: Session;
}

// Bookkeeping every row carries, and keys that only link rows together: they say nothing to a reader.
const hidden = new Set([
  'id',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'deletedAt',
  'serverVersion',
  'sessionId',
  'beneficiaryId',
  'followUpDoneAt',
]);
const order = [
  'scheduledAt',
  'durationMinutes',
  'status',
  'typeId',
  'staffId',
  'attendance',
  'outcome',
  'location',
  'followUpDate',
  'notes',
];
const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
const colors: Record<string, string> = {
  'sessions.schedule': 'blue',
  'sessions.record': 'teal',
  'sessions.update': 'blue',
  'sessions.complete': 'teal',
  'sessions.markAttendance': 'grape',
  'sessions.addAttendee': 'gray',
  'sessions.removeAttendee': 'orange',
  'sessions.followUpDone': 'teal',
};

function linesOf(c: Context, entry: AuditEntry): Line[] {
  const diff = entry.detail?.diff;
  if (typeof diff !== 'object' || diff === null) return [];
  const created = entry.action === 'sessions.schedule' || entry.action === 'sessions.record' || entry.action === 'sessions.addAttendee';
  // A new session's every field is on the page already; a new attendee is named in the row.
  if (created) return [];
  return Object.entries(diff as Record<string, unknown>)
    .filter(([field, change]) => !hidden.has(field) && Array.isArray(change) && change.length === 2)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([field, change]) => {
      const [before, after] = change as [unknown, unknown];
      return {
        field: i18n.exists(`sessions.historyFields.${field}`) ? c.t(`sessions.historyFields.${field}`) : field,
        from: sessionFieldText(c, field, before),
        to: sessionFieldText(c, field, after),
      };
    });
}

/** Whose attendance row an entry is about, by the attendee row id. */
function personOf(session: Session, entry: AuditEntry): string | null {
  if (entry.entity !== 'session_attendees') return null;
  const byRow = session.attendees.find((a) => a.id === entry.rowId);
  if (byRow) return byRow.beneficiaryName;
  const diff = entry.detail?.diff as Record<string, [unknown, unknown]> | undefined;
  const beneficiaryId = diff?.beneficiaryId?.[1] ?? diff?.beneficiaryId?.[0];
  return session.attendees.find((a) => a.beneficiaryId === beneficiaryId)?.beneficiaryName ?? null;
}

/** A long list of people in one history row: the first few, and a button for the rest. */
function Collapsed({ children }: { children: ReactNode[] }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  if (children.length <= 4) return <>{children}</>;
  return (
    <>
      {expanded ? children : children.slice(0, 3)}
      <UnstyledButton
        onClick={() => setExpanded(!expanded)}
        aria-expanded={expanded}
        fz="sm"
        fw={600}
        c="teal.8"
        style={{ alignSelf: 'flex-start' }}
      >
        {expanded ? t('sessions.history.showLess') : t('sessions.history.showAll', { count: children.length })}
      </UnstyledButton>
    </>
  );
}

/** "phone: 0712 → 0733" (a created field has no "from"). */
function Change({ line, arrow }: { line: Line; arrow: string }) {
  return (
    <>
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
    </>
  );
}

/**
 * Entries one write made for many people at once (forty added to a group,
 * forty marked) read as one row: same action, same person, same moment.
 */
function groupEntries(entries: AuditEntry[]): AuditEntry[][] {
  const groups: AuditEntry[][] = [];
  for (const entry of entries) {
    const last = groups.at(-1)?.[0];
    if (
      last &&
      entry.entity === 'session_attendees' &&
      last.entity === 'session_attendees' &&
      last.action === entry.action &&
      last.userId === entry.userId &&
      last.at === entry.at
    )
      groups.at(-1)!.push(entry);
    else groups.push([entry]);
  }
  return groups;
}

/** Who changed what on the session and its list of people, and when, newest first. */
export function SessionHistory({ session }: { session: Session }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sessionFormat = useSessionFormat();
  const { data, error } = useLiveQuery(
    () => api.sessions.history.query({ id: session.id }),
    ['sessions', 'session_attendees'],
    [session.id],
  );
  const { data: types } = useSessionTypes();
  const { data: staff } = useStaffDirectory();
  const { data: clinics } = useClinics();
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (data.length === 0) return <Text c="dimmed">{t('sessions.history.empty')}</Text>;
  const context: Context = {
    t,
    session,
    types,
    staff,
    clinicName: (id) => clinics?.find((clinic) => clinic.id === id)?.name,
    dateTime: sessionFormat.dateTime,
    date: format.date,
  };
  const arrow = t('audit.arrow');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table aria-label={t('sessions.history.tableLabel')} verticalSpacing="sm" striped="even" stripedColor="gray.0" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={180}>{t('audit.when')}</Table.Th>
            <Table.Th w={170}>{t('audit.who')}</Table.Th>
            <Table.Th w={190}>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groupEntries(data).map((group) => {
            const entry = group[0]!;
            const action = i18n.exists(`sessions.history.actions.${entry.action}`)
              ? t(`sessions.history.actions.${entry.action}`)
              : entry.action;
            // Newest first between rows; within one write, in the order the list was written.
            const people = [...group]
              .reverse()
              .map((item) => ({ id: item.id, person: personOf(session, item), lines: linesOf(context, item) }));
            const details = (
              <Stack gap={2}>
                {entry.action === 'sessions.followUpDone' && typeof entry.detail?.by === 'string' && (
                  <Text size="sm">
                    {t('sessions.history.settledBy')}{' '}
                    <Anchor component={Link} to={`/sessions/${entry.detail.by}`} size="sm" fw={600}>
                      {t('sessions.history.openNext')}
                    </Anchor>
                  </Text>
                )}
                <Collapsed>
                  {people.map(({ id, person, lines }) =>
                    group.length > 1 ? (
                      <Text size="sm" key={id} style={{ overflowWrap: 'anywhere' }}>
                        <Text span fw={600}>
                          <bdi>{person}</bdi>
                        </Text>
                        {lines.length > 0 && t('sessions.history.personSeparator')}
                        {lines.map((line, i) => (
                          <Fragment key={line.field}>
                            {i > 0 && ' · '}
                            <Change line={line} arrow={arrow} />
                          </Fragment>
                        ))}
                      </Text>
                    ) : (
                      <Fragment key={id}>
                        {person && (
                          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                            <bdi>{person}</bdi>
                          </Text>
                        )}
                        {lines.map((line) => (
                          <Text size="sm" key={line.field} style={{ overflowWrap: 'anywhere' }}>
                            <Change line={line} arrow={arrow} />
                          </Text>
                        ))}
                      </Fragment>
                    ),
                  )}
                </Collapsed>
              </Stack>
            );
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
                  <Stack gap={4} align="flex-start">
                    <Badge variant="light" color={colors[entry.action] ?? 'gray'} radius="sm" tt="none" fw={500} maw="100%">
                      {action}
                    </Badge>
                    {group.length > 1 && (
                      <Text size="xs" c="dimmed">
                        {t('sessions.peopleCount', { count: group.length })}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>{details}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
