import { AppShell, Box, Burger, Divider, Group, NavLink, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink as RouterLink, Route, Routes, useLocation } from 'react-router';
import { IconClinic, IconLogo } from '../components/icons';
import { UserMenu } from '../features/account/UserMenu';
import { useCurrentClinic } from '../features/clinics/useClinics';
import { DamagedBanner } from '../features/recovery/DamagedBanner';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { useSession } from '../stores/session';
import { navItems } from './navigation';

function CurrentClinic() {
  const { t } = useTranslation();
  const clinic = useCurrentClinic();
  return (
    <Group gap={8} wrap="nowrap" visibleFrom="md">
      <ThemeIcon variant="light" color="gray" size={30} radius="md">
        <IconClinic size={18} />
      </ThemeIcon>
      <Stack gap={0}>
        <Text size="xs" c="dimmed" lh={1.2}>
          {t('header.clinic')}
        </Text>
        <Text size="sm" fw={600} lh={1.25}>
          {clinic ? (
            <>
              <bdi>{clinic.name}</bdi>{' '}
              <Text span c="dimmed" fw={500} ff="monospace" size="xs">
                {clinic.code}
              </Text>
            </>
          ) : (
            t('header.noClinic')
          )}
        </Text>
      </Stack>
    </Group>
  );
}

/** The signed-in frame: header (organisation, clinic, sync state, user), navigation, and the page. */
export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const user = useSession((state) => state.user);
  const organisation = useSession((state) => state.organisation);
  const role = user?.role ?? null;
  const items = navItems.filter((item) => item.visible(role));

  const group = (name: 'work' | 'manage', label: string) => (
    <Stack gap={2}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb={4} style={{ letterSpacing: 0.4 }}>
        {label}
      </Text>
      {items
        .filter((item) => item.group === name)
        .map((item) => (
          <NavLink
            key={item.path}
            component={RouterLink}
            to={item.path}
            label={t(item.label)}
            leftSection={<item.icon size={19} />}
            active={location.pathname === item.path || location.pathname.startsWith(`${item.path}/`)}
            onClick={close}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
            fw={500}
          />
        ))}
    </Stack>
  );

  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <ThemeIcon size={34} radius="md" color="teal">
              <IconLogo size={21} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text fw={700} lh={1.15}>
                {t('app.name')}
              </Text>
              {organisation && (
                <Text size="xs" c="dimmed" lh={1.2} aria-label={t('header.organisation')}>
                  <bdi>{organisation}</bdi>
                </Text>
              )}
            </Stack>
          </Group>
          <Group gap="md" wrap="nowrap">
            <CurrentClinic />
            <Divider orientation="vertical" visibleFrom="md" />
            <SyncIndicator />
            {user && <UserMenu user={user} />}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="lg" pt="xs">
            {group('work', t('nav.groupWork'))}
            {group('manage', t('nav.groupManage'))}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Box maw={1180} mx="auto">
          <DamagedBanner />
          <Routes>
            {items.map((item) => (
              // A page may route inside itself (a list, a record, its edit form): `/beneficiaries/*`.
              <Route key={item.path} path={`${item.path}/*`} element={item.element} />
            ))}
            <Route path="*" element={<Navigate to="/today" replace />} />
          </Routes>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
