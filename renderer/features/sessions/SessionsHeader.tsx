import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { can } from '../../../common/permissions';
import { IconPlus } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../stores/session';

/** The sessions' title, the two ways to add one, and the switch between the list and the agenda; `extra` goes before them (the list's export). */
export function SessionsHeader({ extra }: { extra?: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const role = useSession((state) => state.user?.role ?? null);
  const agenda = pathname.startsWith('/sessions/agenda');
  const views = [
    { to: '/sessions', label: t('sessions.views.list'), current: !agenda },
    { to: '/sessions/agenda', label: t('sessions.views.agenda'), current: agenda },
  ];
  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        description={t('sessions.description')}
        actions={
          <Group gap="xs" wrap="nowrap">
            {extra}
            {can(role, 'sessions.write') && (
              <>
                <Button component={Link} to="/sessions/new?kind=record" variant="default">
                  {t('sessions.actions.record')}
                </Button>
                <Button component={Link} to="/sessions/new" leftSection={<IconPlus size={18} />}>
                  {t('sessions.actions.schedule')}
                </Button>
              </>
            )}
          </Group>
        }
      />
      <Group component="nav" aria-label={t('sessions.views.label')} gap={4} mb="md" mt={-8}>
        {views.map((view) => (
          <Button
            key={view.to}
            component={Link}
            to={view.to}
            size="xs"
            radius="xl"
            variant={view.current ? 'filled' : 'default'}
            aria-current={view.current ? 'page' : undefined}
          >
            {view.label}
          </Button>
        ))}
      </Group>
    </>
  );
}
