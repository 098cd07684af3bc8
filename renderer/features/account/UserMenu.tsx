import { Avatar, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SessionUser } from '../../../common/account';
import { IconChevronDown, IconKey, IconLock, IconSettings, IconSignOut, IconSwitchUser } from '../../components/icons';
import { useSession } from '../../stores/session';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { UnsyncedSignOutDialog } from '../sync/UnsyncedSignOut';
import { useLeave } from './switchUser';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** The signed-in user (name and role) and what they can do about their session. */
export function UserMenu({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const lock = useSession((state) => state.lock);
  const leave = useLeave();
  const role = t(`roles.${user.role}`);
  const [changingPassword, setChangingPassword] = useState(false);

  return (
    <>
      <Menu position="bottom-end" width={220} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton
            aria-label={t('header.userMenuFor', { name: user.name, role })}
            px="xs"
            py={4}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Group gap="xs" wrap="nowrap">
              <Avatar color="teal" radius="xl" size={34}>
                {initials(user.name)}
              </Avatar>
              <Stack gap={0} visibleFrom="sm">
                <Text size="sm" fw={600} lh={1.2}>
                  {user.name}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  {role}
                </Text>
              </Stack>
              <IconChevronDown size={16} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('header.signedInAs', { name: user.email })}</Menu.Label>
          <Menu.Item leftSection={<IconSettings size={16} />} onClick={() => navigate('/settings')}>
            {t('header.settings')}
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setChangingPassword(true)}>
            {t('header.changePassword')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLock size={16} />} onClick={() => void lock()}>
            {t('header.lockNow')}
          </Menu.Item>
          <Menu.Item leftSection={<IconSwitchUser size={16} />} onClick={() => leave({ comeBack: true })}>
            {t('header.switchUser')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconSignOut size={16} />} onClick={() => leave({ comeBack: false })}>
            {t('header.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
      <UnsyncedSignOutDialog />
    </>
  );
}
