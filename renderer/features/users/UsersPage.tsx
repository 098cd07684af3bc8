import { Badge, Button, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserRecord } from '../../../common/users';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { IconCheck, IconEdit, IconKey, IconPlus } from '../../components/icons';
import { Section } from '../../components/Section';
import { useSession } from '../../stores/session';
import { useClinics } from '../clinics/useClinics';
import { CreateUserDialog, EditUserDialog, ResetPasswordDialog } from './UserDialogs';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: UserRecord } | { kind: 'reset'; user: UserRecord } | null;

const roleColors = { admin: 'grape', manager: 'blue', staff: 'gray' } as const;

/** The people who can sign in on this computer: role, clinics, whether they can sign in; create, edit, reset a password. */
export function UsersPage() {
  const { t } = useTranslation();
  const me = useSession((state) => state.user);
  const { data, error } = useLiveQuery(() => api.users.list.query(), ['users']);
  const { data: clinics } = useClinics();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clinicName = (id: string) => clinics?.find((clinic) => clinic.id === id)?.name ?? t('users.list.unknownClinic');

  const close = (message: string | null) => {
    setDialog(null);
    setNotice(message);
  };

  return (
    <Section title={t('users.title')} description={t('users.description')}>
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <Text role="status" size="sm" c="teal.8" fw={500} aria-live="polite">
            {notice && (
              <Group component="span" gap={4}>
                <IconCheck size={16} />
                <bdi>{notice}</bdi>
              </Group>
            )}
          </Text>
          <Button leftSection={<IconPlus size={18} />} onClick={() => setDialog({ kind: 'create' })} disabled={!clinics}>
            {t('users.create.open')}
          </Button>
        </Group>
        {error && <ErrorAlert error={error} />}
        {!data && !error && <Loader size="sm" aria-label={t('common.loading')} />}
        {data && (
          <Table.ScrollContainer minWidth={760}>
            <Table aria-label={t('users.list.tableLabel')} verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('users.list.person')}</Table.Th>
                  <Table.Th>{t('users.fields.role')}</Table.Th>
                  <Table.Th>{t('users.fields.clinics')}</Table.Th>
                  <Table.Th>{t('users.list.status')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('users.list.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                        <bdi>{user.name}</bdi>
                        {user.id === me?.id && (
                          <Text span size="xs" c="dimmed" fw={400}>
                            {' '}
                            {t('users.list.you')}
                          </Text>
                        )}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        <bdi>{user.email}</bdi>
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={roleColors[user.role]} radius="sm" tt="none" fw={500}>
                        {t(`roles.${user.role}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {user.clinicIds.map((id, index) => (
                          <span key={id}>
                            {index > 0 && ', '}
                            <bdi>{clinicName(id)}</bdi>
                          </span>
                        ))}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {user.active ? (
                          <Badge variant="dot" color="teal" tt="none" fw={500}>
                            {t('users.list.active')}
                          </Badge>
                        ) : (
                          <Badge variant="dot" color="gray" tt="none" fw={500}>
                            {t('users.list.inactive')}
                          </Badge>
                        )}
                        {user.lockedOut && (
                          <Badge variant="filled" color="red" tt="none" fw={600}>
                            {t('users.list.lockedOut')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          leftSection={<IconEdit size={14} />}
                          aria-label={t('users.list.editLabel', { name: user.name })}
                          onClick={() => setDialog({ kind: 'edit', user })}
                          disabled={!clinics}
                        >
                          {t('users.list.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant={user.lockedOut ? 'filled' : 'default'}
                          color={user.lockedOut ? 'red' : undefined}
                          leftSection={<IconKey size={14} />}
                          aria-label={t('users.list.resetLabel', { name: user.name })}
                          onClick={() => setDialog({ kind: 'reset', user })}
                        >
                          {t('users.list.reset')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {dialog?.kind === 'create' && clinics && (
        <CreateUserDialog clinics={clinics} onClose={(created) => close(created ? t('users.create.done', { name: created.name }) : null)} />
      )}
      {dialog?.kind === 'edit' && clinics && (
        <EditUserDialog
          user={dialog.user}
          clinics={clinics}
          self={dialog.user.id === me?.id}
          onClose={(saved) => close(saved ? t('users.edit.done', { name: saved.name }) : null)}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordDialog user={dialog.user} onClose={(saved) => close(saved ? t('users.reset.done', { name: saved.name }) : null)} />
      )}
    </Section>
  );
}
