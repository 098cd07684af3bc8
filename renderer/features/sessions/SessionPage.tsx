import { Alert, Anchor, Badge, Button, DataList, Grid, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { Session, SessionWarning } from '../../../common/sessions';
import { can } from '../../../common/permissions';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconCheck, IconEdit } from '../../components/icons';
import { Section } from '../../components/Section';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { BackLink } from '../beneficiaries/FormPages';
import { useClinics } from '../clinics/useClinics';
import { AttendanceSummary } from './AttendanceGrid';
import { useSessionFormat } from './format';
import { hasStarted } from './model';
import { AttendanceBadge, SessionStatusBadge, TypeDot } from './parts';
import { RescheduleButton } from './Reschedule';
import { SessionHistory } from './SessionHistory';
import { SavedWarnings } from './Warnings';

/** Long or hostile values wrap inside their box instead of pushing the layout out. */
const wrap = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

/** What the page was opened with after a save: the double bookings to show once. */
export interface SessionPageState {
  warnings?: SessionWarning[];
  notice?: 'rescheduledNew' | 'rescheduled';
}

function Value({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return empty ? (
    <Text span inherit c="dimmed">
      {t('audit.emptyValue')}
    </Text>
  ) : (
    <bdi style={wrap}>{children}</bdi>
  );
}

function Details({ session }: { session: Session }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sessionFormat = useSessionFormat();
  const { data: clinics } = useClinics();
  const clinic = clinics?.find((c) => c.id === session.clinicId);
  const items: [string, ReactNode][] = [
    [t('sessions.fields.when'), <Value>{sessionFormat.when(session.scheduledAt, session.durationMinutes)}</Value>],
    [t('sessions.fields.duration'), <Value>{t('sessions.minutes', { count: session.durationMinutes })}</Value>],
    [
      t('sessions.fields.type'),
      <Group gap={6} wrap="nowrap">
        <TypeDot color={session.typeColor} />
        <Value>{session.typeName}</Value>
      </Group>,
    ],
    [t('sessions.fields.staff'), <Value>{session.staffName}</Value>],
    [t('sessions.fields.status'), <SessionStatusBadge status={session.status} />],
    [t('sessions.fields.location'), <Value>{session.location}</Value>],
    [t('sessions.fields.followUpDate'), <Value>{session.followUpDate && format.date(session.followUpDate)}</Value>],
    [t('sessions.fields.notes'), <Value>{session.notes}</Value>],
  ];
  if (clinics && clinics.length > 1)
    items.splice(4, 0, [t('sessions.fields.clinic'), <Value>{clinic ? `${clinic.name} (${clinic.code})` : null}</Value>]);
  return (
    <DataList labelWidth={150} withDivider aria-label={t('sessions.page.details')}>
      {items.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
          <DataList.ItemValue style={{ minWidth: 0 }}>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

function Attendees({ session }: { session: Session }) {
  const { t } = useTranslation();
  const marked = session.status === 'completed' || session.attendees.some((a) => a.attendance !== 'expected');
  return (
    <Stack gap="sm">
      {marked && (
        <AttendanceSummary
          rows={session.attendees.map((a) => ({ ...a, name: a.beneficiaryName, code: a.beneficiaryCode, outcome: a.outcome ?? '' }))}
        />
      )}
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label={t('sessions.page.attendeesLabel')} verticalSpacing={6} layout="fixed" striped="even" stripedColor="gray.0">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={44}>#</Table.Th>
              <Table.Th>{t('sessions.grid.person')}</Table.Th>
              <Table.Th w={130}>{t('sessions.grid.attendance')}</Table.Th>
              <Table.Th>{t('sessions.grid.outcome')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {session.attendees.map((a, index) => (
              <Table.Tr key={a.id}>
                <Table.Td c="dimmed">{index + 1}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/beneficiaries/${a.beneficiaryId}`} size="sm" fw={600} style={wrap}>
                    <bdi>{a.beneficiaryName}</bdi>
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {a.beneficiaryCode}
                  </Text>
                </Table.Td>
                <Table.Td>{<AttendanceBadge attendance={a.attendance} />}</Table.Td>
                <Table.Td>
                  <Text size="sm" style={wrap}>
                    {a.outcome ? (
                      <bdi>{a.outcome}</bdi>
                    ) : (
                      <Text span c="dimmed">
                        {t('audit.emptyValue')}
                      </Text>
                    )}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** One session: when, who, what happened to each person, and every change made to it. */
export function SessionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { id = '' } = useParams();
  const role = useSession((state) => state.user?.role ?? null);
  const sessionFormat = useSessionFormat();
  const { data: session, error } = useLiveQuery(
    () => api.sessions.get.query({ id }),
    ['sessions', 'session_attendees', 'beneficiaries'],
    [id],
  );
  const state = (location.state ?? {}) as SessionPageState;
  const [dismissed, setDismissed] = useState<string | null>(null);
  const warnings = dismissed === location.key ? [] : (state.warnings ?? []);

  if (error?.code === 'NOT_FOUND' || (error && !session)) {
    return (
      <>
        <BackLink to="/sessions" label={t('sessions.backToList')} />
        {error.code === 'NOT_FOUND' ? (
          <Paper withBorder radius="md" p="xl">
            <Stack gap="xs" align="center" ta="center" py="lg">
              <Title order={1} size="h3">
                {t('sessions.page.goneTitle')}
              </Title>
              <Text c="dimmed" maw={520}>
                {t('sessions.page.goneBody')}
              </Text>
            </Stack>
          </Paper>
        ) : (
          <ErrorAlert error={error} />
        )}
      </>
    );
  }
  if (!session) return <Loader size="sm" aria-label={t('common.loading')} />;

  const canWrite = can(role, 'sessions.write');
  const started = hasStarted(session);
  const cancelled = session.status === 'cancelled';

  return (
    <>
      <BackLink to="/sessions" label={t('sessions.backToList')} />
      <Group justify="space-between" align="flex-start" mb="lg" gap="md" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" wrap="nowrap">
            <TypeDot color={session.typeColor} size={14} />
            <Title order={1} size="h2" fw={650} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              <bdi>{session.typeName}</bdi>
            </Title>
          </Group>
          <Group gap="sm">
            <Text fw={500}>{sessionFormat.when(session.scheduledAt, session.durationMinutes)}</Text>
            <SessionStatusBadge status={session.status} size="md" />
            {session.attendees.length > 1 && (
              <Badge variant="light" color="grape" radius="sm" tt="none">
                {t('sessions.peopleCount', { count: session.attendees.length })}
              </Badge>
            )}
          </Group>
        </Stack>
        {canWrite && (
          <Group gap="xs" justify="flex-end" style={{ flexShrink: 0, maxWidth: '55%' }}>
            {!cancelled && started && (
              <Button component={Link} to={`/sessions/${session.id}/attendance`} leftSection={<IconCheck size={16} />}>
                {session.status === 'completed' ? t('sessions.page.editAttendance') : t('sessions.page.takeAttendance')}
              </Button>
            )}
            <Button component={Link} to={`/sessions/${session.id}/edit`} variant="default" leftSection={<IconEdit size={16} />}>
              {t('sessions.page.edit')}
            </Button>
            {!cancelled && (
              <RescheduleButton
                session={session}
                size="sm"
                onDone={(saved) =>
                  navigate(`/sessions/${saved.session.id}`, {
                    replace: saved.session.id === session.id,
                    state: { warnings: saved.warnings, notice: saved.session.id === session.id ? 'rescheduled' : 'rescheduledNew' },
                  })
                }
              />
            )}
          </Group>
        )}
      </Group>

      <Stack gap="lg">
        {state.notice && dismissed !== location.key && (
          <Alert color="teal" variant="light" role="status" title={t(`sessions.page.${state.notice}`)}>
            {sessionFormat.when(session.scheduledAt, session.durationMinutes)}
          </Alert>
        )}
        <SavedWarnings warnings={warnings} staffName={session.staffName} onClose={() => setDismissed(location.key)} />
        {!cancelled && !started && (
          <Text size="sm" c="dimmed">
            {t('sessions.page.notStarted')}
          </Text>
        )}
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Section title={t('sessions.page.details')}>
              <Details session={session} />
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Section title={t('sessions.page.attendees')}>
              <Attendees session={session} />
            </Section>
          </Grid.Col>
        </Grid>
        <Section title={t('sessions.history.title')} description={t('sessions.history.description')}>
          <SessionHistory session={session} />
        </Section>
      </Stack>
    </>
  );
}
