import { Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { AppErrorShape } from '../../../common/errors';
import type { Attendance, Session } from '../../../common/sessions';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { translateMessage } from '../../i18n';
import { BackLink } from '../beneficiaries/FormPages';
import { AttendanceGrid, AttendanceSummary, type AttendeeRow } from './AttendanceGrid';
import { useSessionFormat } from './format';
import { inputOfSession, valuesOfSession } from './model';
import type { SessionPageState } from './SessionPage';

function AttendanceForm({ session }: { session: Session }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useSessionFormat();
  const initial = valuesOfSession(session);
  const [rows, setRows] = useState<AttendeeRow[]>(initial.attendees);
  const [followUpDate, setFollowUpDate] = useState(initial.followUpDate);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const grid = useRef<HTMLDivElement>(null);

  // Ready for the keyboard: the first person's marks have the focus.
  useEffect(() => {
    grid.current?.querySelector<HTMLElement>('tr[data-row="0"] [role="radio"][tabindex="0"]')?.focus();
  }, []);

  const onChange = useCallback((index: number, patch: Partial<AttendeeRow>) => {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  }, []);
  const onMarkAll = useCallback((attendance: Attendance) => {
    setRows((current) => current.map((row) => ({ ...row, attendance })));
  }, []);

  const save = async () => {
    setBusy(true);
    setFailure(null);
    setFieldErrors({});
    const completing = session.status === 'scheduled';
    try {
      const attendees = rows.map((row) => ({
        beneficiaryId: row.beneficiaryId,
        attendance: row.attendance,
        outcome: row.outcome.trim() || null,
      }));
      let state: SessionPageState = {};
      if (followUpDate === initial.followUpDate) {
        // The usual case: one call that marks everyone and completes the session.
        await api.sessions.markAttendance.mutate({ sessionId: session.id, attendees, complete: true });
      } else {
        // A follow-up date too: the whole session in one write, so it saves whole or not at all.
        const input = inputOfSession({ ...initial, followUpDate, status: completing ? 'completed' : initial.status, attendees: rows });
        const saved = await api.sessions.update.mutate({ ...input, id: session.id });
        state = { warnings: saved.warnings };
      }
      navigate(`/sessions/${session.id}`, { replace: true, state });
    } catch (error) {
      const shape = appErrorOf(error);
      const placed: Record<string, string> = {};
      for (const [field, messages] of Object.entries(shape.fieldErrors ?? {})) if (messages[0]) placed[field] = messages[0];
      setFieldErrors(placed);
      setFailure(placed.followUpDate && Object.keys(placed).length === 1 ? null : shape);
    } finally {
      setBusy(false);
    }
  };

  const outcomeErrors: Record<number, string> = {};
  for (const [path, message] of Object.entries(fieldErrors)) {
    const match = /^attendees\.(\d+)\.outcome$/.exec(path);
    if (match) outcomeErrors[Number(match[1])] = message;
  }
  const otherErrors = Object.entries(fieldErrors).filter(([field]) => field !== 'followUpDate' && !field.startsWith('attendees.'));

  return (
    <>
      <BackLink to={`/sessions/${session.id}`} label={t('sessions.backToSession')} />
      <PageHeader
        title={t('sessions.attendancePage.title')}
        description={t('sessions.attendancePage.description', {
          type: session.typeName,
          when: format.when(session.scheduledAt, session.durationMinutes),
        })}
      />
      <Stack gap="md">
        {failure && <ErrorAlert error={otherErrors[0]?.[1] ?? failure} />}
        <div ref={grid}>
          <AttendanceGrid
            rows={rows}
            label={t('sessions.attendancePage.gridLabel')}
            marking
            onChange={onChange}
            onMarkAll={onMarkAll}
            outcomeErrors={outcomeErrors}
          />
        </div>
        <TextInput
          type="date"
          label={t('sessions.fields.followUpDate')}
          description={t('sessions.form.followUpHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={followUpDate}
          onChange={(event) => setFollowUpDate(event.currentTarget.value)}
          error={fieldErrors.followUpDate ? translateMessage(fieldErrors.followUpDate) : undefined}
          maw={260}
        />
        <Paper withBorder radius="md" p="sm" pos="sticky" bottom={8} shadow="sm" style={{ zIndex: 3 }}>
          <Group justify="space-between" gap="sm">
            <AttendanceSummary rows={rows} live={false} />
            <Group gap="sm">
              <Button variant="default" onClick={() => navigate(`/sessions/${session.id}`)}>
                {t('sessions.form.cancel')}
              </Button>
              <Button onClick={() => void save()} loading={busy}>
                {session.status === 'scheduled' ? t('sessions.attendancePage.saveComplete') : t('sessions.attendancePage.save')}
              </Button>
            </Group>
          </Group>
        </Paper>
        {session.status === 'scheduled' && (
          <Text size="xs" c="dimmed">
            {t('sessions.attendancePage.completeHint')}
          </Text>
        )}
      </Stack>
    </>
  );
}

/** Attendance for a whole list at once, from the keyboard. */
export function AttendancePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  // Read once: the list does not change under the hands of whoever is marking it.
  const { data, error } = useLiveQuery(() => api.sessions.get.query({ id }), [], [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loader size="sm" aria-label={t('common.loading')} />;
  return <AttendanceForm key={data.id} session={data} />;
}
