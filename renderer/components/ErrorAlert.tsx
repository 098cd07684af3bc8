import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../common/errors';
import { translateMessage } from '../i18n';
import { IconAlert } from './icons';

/** An error from the core or a form, in words the user can act on. */
export function ErrorAlert({ error, title }: { error: AppErrorShape | string; title?: string }) {
  const { t } = useTranslation();
  const message = typeof error === 'string' ? error : error.message;
  return (
    <Alert color="red" variant="light" role="alert" title={title ?? t('errors.title')} icon={<IconAlert />}>
      {translateMessage(message)}
    </Alert>
  );
}
