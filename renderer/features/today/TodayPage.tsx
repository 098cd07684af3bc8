import { Anchor, Badge, Button, Grid, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppErrorShape } from '../../../common/errors';
import { can } from '../../../common/permissions';
import type { SavedSession, SessionSummary } from '../../../common/sessions';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconCheck, IconPlus, IconSessions } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useNow } from '../../components/useNow';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { useSessionFormat } from '../sessions/format';
import { hasStarted, isOneToOne } from '../sessions/model';
import { AttendeeNames, attendeeText, SessionStatusBadge, TypeDot } from '../sessions/parts';
import { RescheduleButton } from '../sessions/Reschedule';
import { dayRange, localDate } from '../sessions/time';
import { WarningList } from '../sessions/Warnings';
import classes from './TodayPage.module.css';

function Empty({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" ta="center" gap="xs" py="md">
      <ThemeIcon size={40} radius="xl" variant="light" color="gray">
        <IconSessions size={20} />
      </ThemeIcon>
      <Text size="sm" c="dimmed" maw={380}>
        {children}
      </Text>
      {action}
    </Stack>
  );
}

interface ItemProps {
  session: SessionSummary;
  /** The line under the title: when it was, or when the follow-up was due. */
  when: string;
  actions: ReactNode;
  badge?: ReactNode;
}

/** One session in a Today list: a link to it, who it is with, and what can be done in one click. */
function Item({ session, when, actions, badge }: ItemProps) {
  const { t } = useTranslation();
  const people = attendeeText(t, session);
  return (
    <li className={classes.item}>
      <span className={classes.bar} style={{ background: session.typeColor }} aria-hidden />
      <div className={classes.main}>
        <Group gap={8} wrap="nowrap">
          <Anchor
            component={Link}
            to={`/sessions/${session.id}`}
            fw={600}
            size="sm"
            className={classes.title}
            aria-label={`${when}, ${session.typeName}, ${people}`}
          >
            {when}
          </Anchor>
          {badge}
        </Group>
        <Group gap={6} wrap="nowrap" mt={2}>
          <TypeDot color={session.typeColor} size={8} />
          <Text size="sm" fw={500} truncate>
            <bdi>{session.typeName}</bdi>
          </Text>
        </Group>
        <Text size="sm" c="gray.7" className={classes.people} title={people}>
          <AttendeeNames session={session} />
          {session.location && (
            <Text span c="dimmed">
              {' · '}
              <bdi>{session.location}</bdi>
            </Text>
          )}
        </Text>
      </div>
      <Group gap={6} className={classes.actions} wrap="nowrap">
        {actions}
      </Group>
    </li>
  );
}

/** The landing page for staff: my sessions today, follow-ups now overdue, and people who missed a session with nothing planned. */
export function TodayPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const sessionFormat = useSessionFormat();
  const role = useSession((state) => state.user?.role ?? null);
  const canWrite = can(role, 'sessions.write');
  const now = useNow();
  const range = dayRange(now);
  const { data, error } = useLiveQuery(
    () => api.sessions.today.query(range),
    ['sessions', 'session_attendees', 'beneficiaries'],
    [range.dayStart],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [notice, setNotice] = useState<{ text: string; saved?: SavedSession } | null>(null);

  /** One click: everyone on a one-to-one session attended, and the session is complete. */
  const markAttended = async (session: SessionSummary) => {
    setBusy(session.id);
    setFailure(null);
    setNotice(null);
    try {
      const full = await api.sessions.get.query({ id: session.id });
      await api.sessions.markAttendance.mutate({
        sessionId: session.id,
        attendees: full.attendees.map((a) => ({ beneficiaryId: a.beneficiaryId, attendance: 'attended', outcome: a.outcome })),
        complete: true,
      });
      setNotice({ text: t('today.marked', { type: session.typeName, people: attendeeText(t, session) }) });
    } catch (failed) {
      const shape = appErrorOf(failed);
      setFailure({ ...shape, message: shape.fieldErrors?.scheduledAt?.[0] ?? shape.fieldErrors?.attendees?.[0] ?? shape.message });
    } finally {
      setBusy(null);
    }
  };
  const rescheduled = (saved: SavedSession) =>
    setNotice({
      text: t('today.rescheduled', { when: sessionFormat.when(saved.session.scheduledAt, saved.session.durationMinutes) }),
      saved,
    });

  const reschedule = (session: SessionSummary) => (
    <RescheduleButton
      session={session}
      label={t('today.rescheduleLabel', { type: session.typeName, people: attendeeText(t, session) })}
      onDone={rescheduled}
    />
  );

  const mine = data?.sessions ?? [];
  const overdue = data?.overdueFollowUps ?? [];
  const missed = data?.missedWithoutFollowUp ?? [];
  const today = localDate(now);

  const summary = data
    ? [
        t('today.summarySessions', { count: mine.length }),
        overdue.length > 0 && t('today.summaryOverdue', { count: overdue.length }),
        missed.length > 0 && t('today.summaryMissed', { count: missed.length }),
      ]
        .filter(Boolean)
        .join(' · ')
    : '';

  return (
    <>
      <PageHeader
        title={t('today.title')}
        description={`${sessionFormat.longDay(now)}${summary ? ` — ${summary}` : ''}`}
        actions={
          canWrite && (
            <Group gap="xs" wrap="nowrap">
              <Button component={Link} to="/sessions/new?kind=record" variant="default">
                {t('sessions.actions.record')}
              </Button>
              <Button component={Link} to="/sessions/new" leftSection={<IconPlus size={18} />}>
                {t('sessions.actions.schedule')}
              </Button>
            </Group>
          )
        }
      />
      <Stack gap="lg">
        <div role="status" aria-live="polite">
          {notice && (
            <Stack gap={4} className={classes.notice}>
              <Group gap="xs" wrap="nowrap">
                <IconCheck size={18} />
                <Text size="sm" fw={500}>
                  <bdi>{notice.text}</bdi>{' '}
                  {notice.saved && (
                    <Anchor component={Link} to={`/sessions/${notice.saved.session.id}`} size="sm" fw={600}>
                      {t('today.openSession')}
                    </Anchor>
                  )}
                </Text>
              </Group>
              {notice.saved && notice.saved.warnings.length > 0 && (
                <WarningList warnings={notice.saved.warnings} staffName={notice.saved.session.staffName} />
              )}
            </Stack>
          )}
        </div>
        {failure && <ErrorAlert error={failure} />}
        {error && <ErrorAlert error={error} />}
        {!data && !error && <Loader size="sm" aria-label={t('common.loading')} />}
        {data && (
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Section title={t('today.mine.title')} description={t('today.mine.description')}>
                {mine.length === 0 ? (
                  <Empty
                    action={
                      canWrite && (
                        <Button component={Link} to="/sessions/new" variant="light" size="xs">
                          {t('sessions.actions.schedule')}
                        </Button>
                      )
                    }
                  >
                    {t('today.mine.empty')}
                  </Empty>
                ) : (
                  <ul className={classes.list} aria-label={t('today.mine.title')}>
                    {mine.map((session) => {
                      const started = hasStarted(session, now.getTime());
                      const open = session.status === 'scheduled';
                      return (
                        <Item
                          key={session.id}
                          session={session}
                          when={sessionFormat.timeRange(session.scheduledAt, session.durationMinutes)}
                          badge={
                            session.status !== 'scheduled' ? (
                              <SessionStatusBadge status={session.status} />
                            ) : !started ? (
                              <Badge variant="light" color="blue" radius="sm" tt="none" fw={500}>
                                {t('today.later')}
                              </Badge>
                            ) : null
                          }
                          actions={
                            canWrite &&
                            open && (
                              <>
                                {started && isOneToOne(session) && (
                                  <Button
                                    size="xs"
                                    leftSection={<IconCheck size={14} />}
                                    loading={busy === session.id}
                                    aria-label={t('today.markAttendedLabel', { people: attendeeText(t, session) })}
                                    onClick={() => void markAttended(session)}
                                  >
                                    {t('today.markAttended')}
                                  </Button>
                                )}
                                {started && !isOneToOne(session) && (
                                  <Button
                                    component={Link}
                                    to={`/sessions/${session.id}/attendance`}
                                    size="xs"
                                    leftSection={<IconCheck size={14} />}
                                    aria-label={t('today.takeAttendanceLabel', { type: session.typeName })}
                                  >
                                    {t('today.takeAttendance')}
                                  </Button>
                                )}
                                {reschedule(session)}
                              </>
                            )
                          }
                        />
                      );
                    })}
                  </ul>
                )}
              </Section>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="lg">
                <Section title={t('today.overdue.title')} description={t('today.overdue.description')}>
                  {overdue.length === 0 ? (
                    <Empty>{t('today.overdue.empty')}</Empty>
                  ) : (
                    <ul className={classes.list} aria-label={t('today.overdue.title')}>
                      {overdue.map((session) => (
                        <Item
                          key={session.id}
                          session={session}
                          when={t('today.overdue.due', { date: format.date(session.followUpDate!) })}
                          badge={
                            <Badge variant="light" color="red" radius="sm" tt="none" fw={500}>
                              {t('today.overdue.late', { count: daysBetween(session.followUpDate!, today) })}
                            </Badge>
                          }
                          actions={canWrite && reschedule(session)}
                        />
                      ))}
                    </ul>
                  )}
                </Section>
                <Section title={t('today.missed.title')} description={t('today.missed.description')}>
                  {missed.length === 0 ? (
                    <Empty>{t('today.missed.empty')}</Empty>
                  ) : (
                    <ul className={classes.list} aria-label={t('today.missed.title')}>
                      {missed.map((session) => (
                        <Item
                          key={session.id}
                          session={session}
                          when={sessionFormat.when(session.scheduledAt, session.durationMinutes)}
                          actions={canWrite && reschedule(session)}
                        />
                      ))}
                    </ul>
                  )}
                </Section>
              </Stack>
            </Grid.Col>
          </Grid>
        )}
      </Stack>
    </>
  );
}

/** Whole days from one calendar date to another (YYYY-MM-DD). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
