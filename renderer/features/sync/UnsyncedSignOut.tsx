import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { can } from '../../../common/permissions';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconAlert } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import { useSession } from '../../stores/session';

/** The core refused a sign-out because changes wait to be sent: how many, while the dialog is open. */
export const useUnsyncedSignOut = create<{ pending: number | null; ask(pending: number): void; close(): void }>()((set) => ({
  pending: null,
  ask: (pending) => set({ pending }),
  close: () => set({ pending: null }),
}));

/** Whether a sign-out failure is the core's "changes not sent yet"; if so, the dialog opens. */
export function askAboutUnsynced(error: unknown): boolean {
  const shape = appErrorOf(error);
  if (shape.message !== 'sync.errors.unsyncedSignOut') return false;
  useUnsyncedSignOut.getState().ask(Number(shape.details?.pending ?? 0));
  return true;
}

/** Sync first, or (an admin only, warned) sign out leaving the changes on this computer. */
export function UnsyncedSignOutDialog() {
  const { t } = useTranslation();
  const format = useFormat();
  const { pending, close } = useUnsyncedSignOut();
  const role = useSession((state) => state.user?.role ?? null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog opened={pending !== null} onClose={close} title={t('sync.signOut.title')}>
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlert />}>
          {t('sync.signOut.body', { count: pending ?? 0, formatted: format.number(pending ?? 0) })}
        </Alert>
        {failure !== null && <ErrorAlert error={appErrorOf(failure)} />}
        {can(role, 'sync.manage') && <Text size="sm">{t('sync.signOut.adminWarning')}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('sync.signOut.cancel')}
          </Button>
          {can(role, 'sync.manage') && (
            <Button
              color="red"
              variant="light"
              loading={busy}
              onClick={() =>
                void run(async () => {
                  await useSession.getState().signOut(true);
                  close();
                })
              }
            >
              {t('sync.signOut.anyway')}
            </Button>
          )}
          <Button
            loading={busy}
            onClick={() =>
              void run(async () => {
                const outcome = await api.sync.run.mutate();
                if (!outcome.ok) throw new Error(outcome.error?.message);
                await useSession.getState().signOut();
                close();
              })
            }
          >
            {t('sync.signOut.syncFirst')}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
