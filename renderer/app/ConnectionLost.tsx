import { Button, Modal, Stack, Text } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { channel } from '../api/client';
import { IconAlert } from '../components/icons';

const subscribe = (listener: () => void) => channel.onStatus(listener);
const status = () => channel.status();

/** When the core is gone, say so plainly and block the screen: nothing typed now could be saved. */
export function ConnectionLost() {
  const { t } = useTranslation();
  const lost = useSyncExternalStore(subscribe, status) === 'lost';
  return (
    <Modal
      opened={lost}
      onClose={() => {}}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      centered
      title={
        <Text fw={650} c="red.8" component="span" style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          <IconAlert size={20} />
          {t('connection.lostTitle')}
        </Text>
      }
    >
      <Stack gap="md">
        <Text>{t('connection.lostBody')}</Text>
        <Text size="sm" c="dimmed">
          {t('connection.lostHint')}
        </Text>
        <Button color="red" onClick={() => location.reload()}>
          {t('connection.reload')}
        </Button>
      </Stack>
    </Modal>
  );
}
