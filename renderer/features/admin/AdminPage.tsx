import { Anchor, Button, Group, Stack } from '@mantine/core';
import type { ComponentType, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { can, type Permission } from '../../../common/permissions';
import { IconAdmin, IconAlert, IconDatabase, IconHistory, IconImport, IconUsers } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useSession } from '../../stores/session';
import { AuditPage } from '../audit/AuditPage';
import { RecentActivity } from '../audit/RecentActivity';
import { BackupsPage } from '../backups/BackupsPage';
import { ClinicsList } from '../clinics/ClinicsList';
import { DiagnosticsPage } from '../diagnostics/DiagnosticsPage';
import { UpdatesPage } from '../updates/UpdatesPage';
import { UsersPage } from '../users/UsersPage';

interface AdminSection {
  path: string;
  label: string;
  icon: ComponentType<{ size?: number }>;
  element: ReactNode;
  /** Who sees it: hidden from roles that lack it; the core refuses them anyway. */
  permission: Permission | null;
}

function Overview() {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  return (
    <Stack gap="lg">
      <Section title={t('clinics.list.title')}>
        <ClinicsList />
      </Section>
      {can(role, 'audit.read') && (
        <Section title={t('audit.title')} description={t('audit.description')}>
          <Stack gap="sm">
            <RecentActivity />
            <Anchor component={Link} to="/admin/audit" size="sm" fw={500}>
              {t('admin.fullTrail')}
            </Anchor>
          </Stack>
        </Section>
      )}
    </Stack>
  );
}

const sections: AdminSection[] = [
  { path: '', label: 'admin.sections.overview', icon: IconAdmin, element: <Overview />, permission: null },
  { path: 'users', label: 'admin.sections.users', icon: IconUsers, element: <UsersPage />, permission: 'users.manage' },
  { path: 'audit', label: 'admin.sections.audit', icon: IconHistory, element: <AuditPage />, permission: 'audit.read' },
  { path: 'backups', label: 'admin.sections.backups', icon: IconDatabase, element: <BackupsPage />, permission: 'backups.manage' },
  { path: 'diagnostics', label: 'diagnostics.section', icon: IconAlert, element: <DiagnosticsPage />, permission: 'diagnostics.read' },
  { path: 'updates', label: 'updates.section', icon: IconImport, element: <UpdatesPage />, permission: 'updates.manage' },
];

/** Administration: clinics and recent activity, users, the audit trail and backups, each for the roles that hold it. */
export function AdminPage() {
  const { t } = useTranslation();
  const role = useSession((state) => state.user?.role ?? null);
  const location = useLocation();
  const visible = sections.filter((section) => section.permission === null || can(role, section.permission));
  const current = location.pathname.replace(/^\/admin\/?/, '').split('/')[0] ?? '';

  return (
    <>
      <PageHeader title={t('admin.title')} description={t('admin.description')} />
      <Group component="nav" aria-label={t('admin.sectionsLabel')} gap={6} mb="lg" wrap="wrap">
        {visible.map((section) => {
          const active = current === section.path;
          return (
            <Button
              key={section.path}
              component={Link}
              to={section.path ? `/admin/${section.path}` : '/admin'}
              aria-current={active ? 'page' : undefined}
              variant={active ? 'light' : 'subtle'}
              color={active ? 'teal' : 'gray'}
              leftSection={<section.icon size={17} />}
              fw={active ? 650 : 500}
            >
              {t(section.label)}
            </Button>
          );
        })}
      </Group>
      <Routes>
        {visible.map((section) =>
          section.path ? (
            <Route key={section.path} path={`${section.path}/*`} element={section.element} />
          ) : (
            <Route key="index" index element={section.element} />
          ),
        )}
        <Route path="*" element={<Navigate to="/admin" replace />} />
      </Routes>
    </>
  );
}
