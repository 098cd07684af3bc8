import type { ComponentType, ReactNode } from 'react';
import { can, type Role } from '../../common/permissions';
import { IconAdmin, IconBeneficiaries, IconImport, IconReports, IconSessions, IconSettings, IconSync, IconToday } from '../components/icons';
import { AdminPage } from '../features/admin/AdminPage';
import { BeneficiariesPage } from '../features/beneficiaries/BeneficiariesPage';
import { ImportsPage } from '../features/imports/ImportsPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { SessionsPage } from '../features/sessions/SessionsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { SyncPage } from '../features/sync/SyncPage';
import { TodayPage } from '../features/today/TodayPage';

export interface NavItem {
  path: string;
  /** i18n key of the link text. */
  label: string;
  group: 'work' | 'manage';
  icon: ComponentType<{ size?: number }>;
  element: ReactNode;
  /** Who sees it; the core enforces the same permissions on every call. */
  visible(role: Role | null): boolean;
}

const everyone = () => true;

export const navItems: NavItem[] = [
  { path: '/today', label: 'nav.today', group: 'work', icon: IconToday, element: <TodayPage />, visible: everyone },
  {
    path: '/beneficiaries',
    label: 'nav.beneficiaries',
    group: 'work',
    icon: IconBeneficiaries,
    element: <BeneficiariesPage />,
    visible: everyone,
  },
  { path: '/sessions', label: 'nav.sessions', group: 'work', icon: IconSessions, element: <SessionsPage />, visible: everyone },
  {
    path: '/reports',
    label: 'nav.reports',
    group: 'work',
    icon: IconReports,
    element: <ReportsPage />,
    visible: (role) => can(role, 'reports.read'),
  },
  {
    path: '/imports',
    label: 'imports.nav',
    group: 'manage',
    icon: IconImport,
    element: <ImportsPage />,
    visible: (role) => can(role, 'imports.run'),
  },
  { path: '/sync', label: 'nav.sync', group: 'manage', icon: IconSync, element: <SyncPage />, visible: (role) => can(role, 'sync.read') },
  {
    path: '/admin',
    label: 'nav.admin',
    group: 'manage',
    icon: IconAdmin,
    element: <AdminPage />,
    visible: (role) => can(role, 'audit.read') || can(role, 'clinics.write'),
  },
  { path: '/settings', label: 'nav.settings', group: 'manage', icon: IconSettings, element: <SettingsPage />, visible: everyone },
];
