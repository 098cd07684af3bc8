import { Modal, type ModalRootProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog: named by its title, with a named close button, and a plain
 * `div` for its header (Mantine's `<header>` would be a second banner landmark
 * next to the app's while the dialog is open). It renders in a portal, above
 * everything, with the dimmed backdrop; the screen lock hides portals too.
 */
export function Dialog({ title, children, ...props }: Omit<ModalRootProps, 'title'> & { title: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Modal.Root centered {...props}>
      <Modal.Overlay />
      <Modal.Content>
        <Modal.Header component="div">
          <Modal.Title>{title}</Modal.Title>
          <Modal.CloseButton aria-label={t('common.close')} />
        </Modal.Header>
        <Modal.Body>{children}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
}
