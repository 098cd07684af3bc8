import { Anchor, Button, Group, Loader, Modal, Stack, Text, ThemeIcon } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Beneficiary } from '../../../common/beneficiaries';
import { can } from '../../../common/permissions';
import type { SavedSession } from '../../../common/sessions';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconPlus, IconSessions } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';
import { useSessionFormat } from './format';
import { attendeeOf, blankSession } from './model';
import { AttendanceBadge, SessionStatusBadge, TypeDot } from './parts';
import { SessionForm } from './SessionForm';
import classes from './Timeline.module.css';
import { SavedWarnings } from './Warnings';

/** The person's sessions, newest first: when, what, whether they came, the outcome, with whom, and the follow-up. */
export function SessionTimeline({ person }: { person: Beneficiary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sessionFormat = useSessionFormat();
  const me = useSession((state) => state.user);
  const canWrite = can(me?.role ?? null, 'sessions.write');
  const { data, error } = useLiveQuery(
    () => api.sessions.timeline.query({ id: person.id }),
    ['sessions', 'session_attendees', 'session_types'],
    [person.id],
  );
  const [recording, setRecording] = useState(false);
  const [saved, setSaved] = useState<SavedSession | null>(null);
  const archived = person.status === 'archived';

  return (
    <Stack gap="sm">
      {canWrite && !archived && (
        <Group gap="xs">
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setRecording(true)}>
            {t('beneficiaries.profile.recordSession')}
          </Button>
          <Button size="xs" variant="default" component={Link} to={`/sessions/new?beneficiary=${person.id}`}>
            {t('beneficiaries.profile.scheduleSession')}
          </Button>
        </Group>
      )}
      {saved && <SavedWarnings warnings={saved.warnings} staffName={saved.session.staffName} onClose={() => setSaved(null)} />}
      {error && <ErrorAlert error={error} />}
      {!data && !error && <Loader size="sm" aria-label={t('common.loading')} />}
      {data && data.length === 0 && (
        <Stack align="center" ta="center" gap="xs" py="md">
          <ThemeIcon size={44} radius="xl" variant="light" color="gray">
            <IconSessions size={22} />
          </ThemeIcon>
          <Text size="sm" c="dimmed">
            {t('beneficiaries.profile.sessionsEmpty')}
          </Text>
        </Stack>
      )}
      {data && data.length > 0 && (
        <ol className={classes.timeline} aria-label={t('beneficiaries.profile.timelineLabel')}>
          {data.map((entry) => (
            <li key={entry.sessionId} className={classes.entry} style={{ ['--type-color' as string]: entry.typeColor }}>
              <Group justify="space-between" gap={6} wrap="nowrap">
                <Anchor component={Link} to={`/sessions/${entry.sessionId}`} size="sm" fw={600}>
                  {sessionFormat.dateTime(entry.scheduledAt)}
                </Anchor>
                {entry.status === 'completed' ? (
                  <AttendanceBadge attendance={entry.attendance} />
                ) : (
                  <SessionStatusBadge status={entry.status} />
                )}
              </Group>
              <Group gap={6} wrap="nowrap">
                <TypeDot color={entry.typeColor} size={8} />
                <Text size="sm" fw={500} truncate>
                  <bdi>{entry.typeName}</bdi>
                </Text>
              </Group>
              {entry.outcome && (
                <Text size="sm" className={classes.outcome}>
                  <bdi>{entry.outcome}</bdi>
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {[
                  entry.staffName && t('beneficiaries.profile.withStaff', { name: entry.staffName }),
                  entry.followUpDate && t('beneficiaries.profile.followUpOn', { date: format.date(entry.followUpDate) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </li>
          ))}
        </ol>
      )}
      {canWrite && me && (
        <Modal
          opened={recording}
          onClose={() => setRecording(false)}
          title={t('sessions.form.recordTitle')}
          size="lg"
          centered
          // Inside <main> (a portalled dialog's header would read as a second page banner), but at its
          // top level: the dialog's fixed frame takes its place from where it sits, not from this column.
          portalProps={{ target: 'main' }}
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          {recording && (
            <SessionForm
              mode="record"
              compact
              initial={blankSession('record', { clinicId: person.clinicId, staffId: me.id, attendees: [attendeeOf(person, 'attended')] })}
              onSaved={(result) => {
                setRecording(false);
                setSaved(result);
              }}
              onCancel={() => setRecording(false)}
            />
          )}
        </Modal>
      )}
    </Stack>
  );
}
