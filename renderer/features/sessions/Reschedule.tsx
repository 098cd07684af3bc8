import { Button, type ButtonProps, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../common/errors';
import type { SavedSession, SessionStatus } from '../../../common/sessions';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { translateMessage } from '../../i18n';
import { addDays, fromLocal, localDate, localTime, parseLocalDate } from './time';

interface Props extends Omit<ButtonProps, 'children' | 'onClick'> {
  session: { id: string; scheduledAt: string; status: SessionStatus; followUpDate?: string | null };
  /** The button's accessible name when several sit side by side ("Reschedule Counselling with Zawadi"). */
  label?: string;
  onDone?(saved: SavedSession): void;
}

/** The first proposal: the follow-up date if there is one, else the next day, at the same time of day. */
function proposal(session: Props['session']): { date: string; time: string } {
  const at = new Date(session.scheduledAt);
  const followUp = session.followUpDate ? parseLocalDate(session.followUpDate) : null;
  const today = new Date();
  let day = followUp ?? addDays(at, 1);
  if (day < today) day = addDays(today, 1);
  return { date: localDate(day), time: localTime(at) };
}

/**
 * One click from anywhere: a small date and time popover. A planned session
 * moves; a session already held gets a new planned session for the people who missed it.
 */
export function RescheduleButton({ session, label, onDone, ...buttonProps }: Props) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [value, setValue] = useState(() => proposal(session));
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const held = session.status !== 'scheduled';

  const open = () => {
    setValue(proposal(session));
    setError(null);
    setOpened(true);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const scheduledAt = fromLocal(value.date, value.time);
    if (!scheduledAt) {
      setError({ code: 'VALIDATION', message: 'errors.date' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await api.sessions.reschedule.mutate({ id: session.id, scheduledAt });
      setOpened(false);
      onDone?.(saved);
    } catch (failure) {
      const shape = appErrorOf(failure);
      setError({ ...shape, message: shape.fieldErrors?.scheduledAt?.[0] ?? shape.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} withinPortal={false} trapFocus returnFocus position="bottom-end" shadow="md" width={300}>
      <Popover.Target>
        <Button variant="default" size="xs" {...buttonProps} aria-label={label} onClick={() => (opened ? setOpened(false) : open())}>
          {t('sessions.reschedule.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {held ? t('sessions.reschedule.titleHeld') : t('sessions.reschedule.title')}
            </Text>
            {held && (
              <Text size="xs" c="dimmed">
                {t('sessions.reschedule.heldHint')}
              </Text>
            )}
            <Group gap="xs" grow wrap="nowrap">
              <TextInput
                type="date"
                label={t('sessions.fields.date')}
                value={value.date}
                onChange={(event) => setValue({ ...value, date: event.currentTarget.value })}
                size="xs"
                data-autofocus
                error={error ? true : undefined}
              />
              <TextInput
                type="time"
                label={t('sessions.fields.time')}
                value={value.time}
                onChange={(event) => setValue({ ...value, time: event.currentTarget.value })}
                size="xs"
                step={300}
                error={error ? true : undefined}
              />
            </Group>
            {error && (
              <Text size="xs" c="red.8" role="alert">
                {translateMessage(error.message)}
              </Text>
            )}
            <Group gap="xs" justify="flex-end">
              <Button variant="subtle" size="xs" onClick={() => setOpened(false)}>
                {t('sessions.reschedule.cancel')}
              </Button>
              <Button type="submit" size="xs" loading={busy}>
                {t('sessions.reschedule.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
