import {
  Alert,
  Button,
  Group,
  List,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Beneficiary, type BeneficiarySummary, eraseInput } from '../../../common/beneficiaries';
import type { AppErrorShape } from '../../../common/errors';
import { api } from '../../api/client';
import { appErrorOf } from '../../api/errors';
import { useLiveQuery } from '../../api/live';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyCoreError, fieldProps } from '../../components/forms';
import { IconAlert, IconSearch } from '../../components/icons';
import { useFormat } from '../../i18n/format';
import { ageText, fullName } from './person';
import classes from './Dialogs.module.css';
import { StatusBadge } from './StatusBadge';

const clip = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 } as const;

/**
 * A named close button, and the dialog kept inside <main>: portalled to
 * <body>, Mantine's <header> would read as a second page banner.
 */
const modalProps = (close: string) => ({ withinPortal: false, closeButtonProps: { 'aria-label': close } });

/** A person in one line or two: name, code, birth and phone. */
function PersonCard({ person, title, color }: { person: BeneficiarySummary; title: string; color: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = fullName(person);
  return (
    <Paper withBorder p="sm" radius="md" style={{ borderColor: `var(--mantine-color-${color}-4)` }}>
      <Text size="xs" fw={700} c={`${color}.8`} tt="uppercase" mb={4}>
        {title}
      </Text>
      <Text fw={600} title={name} style={clip}>
        <bdi>{name}</bdi>
      </Text>
      <Text size="sm" ff="monospace" c="dimmed">
        {person.code}
      </Text>
      <Text size="xs" c="gray.7">
        {[
          person.birthDate &&
            (person.birthDateEstimated
              ? t('beneficiaries.age.estimatedYear', { year: format.year(person.birthDate) })
              : format.date(person.birthDate)),
          person.phone,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </Paper>
  );
}

/**
 * Merging: pick the other record (the duplicate), see exactly what will
 * happen, confirm. This record survives; the other becomes a tombstone.
 */
export function MergeDialog({ survivor, opened, onClose }: { survivor: Beneficiary; opened: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 150);
  const [picked, setPicked] = useState<BeneficiarySummary | null>(null);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const results = useLiveQuery(
    () => (debounced ? api.beneficiaries.list.query({ search: debounced, limit: 8, sort: 'name' }) : Promise.resolve(null)),
    ['beneficiaries'],
    [debounced],
  );
  const others = results.data?.rows.filter((row) => row.id !== survivor.id) ?? [];

  const close = () => {
    setSearch('');
    setPicked(null);
    setFailure(null);
    onClose();
  };

  const merge = async () => {
    if (!picked) return;
    setBusy(true);
    setFailure(null);
    try {
      await api.beneficiaries.merge.mutate({ survivorId: survivor.id, duplicateId: picked.id });
      close();
    } catch (error) {
      setFailure(appErrorOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('beneficiaries.merge.title')} size="lg" centered {...modalProps(t('common.close'))}>
      {!picked ? (
        <Stack gap="sm">
          <Text size="sm">{t('beneficiaries.merge.intro')}</Text>
          <TextInput
            type="search"
            label={t('beneficiaries.merge.search')}
            placeholder={t('beneficiaries.list.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            data-autofocus
          />
          {results.error && <ErrorAlert error={results.error} />}
          {debounced && results.loading && <Loader size="sm" aria-label={t('common.loading')} />}
          {debounced && results.data && others.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('beneficiaries.merge.noResults')}
            </Text>
          )}
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={t('beneficiaries.merge.results')}>
            {others.map((row) => {
              const name = fullName(row);
              return (
                <li key={row.id}>
                  <UnstyledButton
                    onClick={() => setPicked(row)}
                    w="100%"
                    p="xs"
                    aria-label={t('beneficiaries.merge.pick', { name, code: row.code })}
                    className={classes.pick}
                  >
                    <Group justify="space-between" wrap="nowrap" gap="sm">
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Text fw={600} size="sm" title={name} style={clip}>
                          <bdi>{name}</bdi>
                        </Text>
                        <Text size="xs" c="dimmed">
                          <span style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>{row.code}</span>
                          {row.birthDate && ` · ${ageText(t, row)}`}
                          {row.phone && ' · '}
                          {row.phone && <bdi dir="ltr">{row.phone}</bdi>}
                          {` · ${t('beneficiaries.merge.registered', { date: format.day(row.createdAt) })}`}
                        </Text>
                      </Stack>
                      <StatusBadge status={row.status} />
                    </Group>
                  </UnstyledButton>
                </li>
              );
            })}
          </Stack>
          {results.data && results.data.total > results.data.rows.length && (
            <Text size="xs" c="dimmed">
              {t('beneficiaries.merge.more', { total: format.number(results.data.total) })}
            </Text>
          )}
        </Stack>
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <PersonCard person={survivor} title={t('beneficiaries.merge.keeps')} color="teal" />
            <PersonCard person={picked} title={t('beneficiaries.merge.removes')} color="red" />
          </SimpleGrid>
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t('beneficiaries.merge.whatHappens')}
            </Text>
            <List size="sm" spacing={4}>
              <List.Item>{t('beneficiaries.merge.sessions', { from: picked.code, to: survivor.code })}</List.Item>
              <List.Item>{t('beneficiaries.merge.fields', { from: picked.code })}</List.Item>
              <List.Item>{t('beneficiaries.merge.tombstone', { from: picked.code })}</List.Item>
              <List.Item>{t('beneficiaries.merge.history')}</List.Item>
            </List>
          </Stack>
          <Alert color="red" variant="light" icon={<IconAlert />} p="sm">
            {t('beneficiaries.merge.irreversible')}
          </Alert>
          {failure && <ErrorAlert error={failure} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setPicked(null)}>
              {t('beneficiaries.merge.back')}
            </Button>
            <Button color="red" onClick={() => void merge()} loading={busy}>
              {t('beneficiaries.merge.confirm', { code: picked.code })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/**
 * Erasure (an administrator's, on a person's request): a reason, and typing
 * the record's code to confirm. Afterwards only the fact of it remains.
 */
export function EraseDialog({
  person,
  opened,
  onClose,
  onErased,
}: {
  person: Beneficiary;
  opened: boolean;
  onClose(): void;
  onErased(): void;
}) {
  const { t } = useTranslation();
  const [confirm, setConfirm] = useState('');
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const form = useForm({ mode: 'controlled', initialValues: { id: person.id, reason: '' }, validate: zod4Resolver(eraseInput) });
  const confirmed = confirm.trim().toUpperCase() === person.code.toUpperCase();

  const close = () => {
    form.reset();
    setConfirm('');
    setFailure(null);
    onClose();
  };

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await api.beneficiaries.erase.mutate(values);
      onErased();
    } catch (error) {
      setFailure(applyCoreError(form, appErrorOf(error), ['reason']));
    }
  });

  return (
    <Modal opened={opened} onClose={close} title={t('beneficiaries.erase.title')} size="lg" centered {...modalProps(t('common.close'))}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert color="red" variant="light" icon={<IconAlert />}>
            <Stack gap={6}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {t('beneficiaries.erase.body', { code: person.code })}
              </Text>
              <Text size="sm" fw={600}>
                {t('beneficiaries.erase.irreversible')}
              </Text>
            </Stack>
          </Alert>
          {failure && <ErrorAlert error={failure} />}
          <Textarea
            label={t('beneficiaries.erase.reason')}
            description={t('beneficiaries.erase.reasonHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            withAsterisk
            autosize
            minRows={2}
            maxLength={500}
            data-autofocus
            {...fieldProps(form, 'reason')}
          />
          <TextInput
            label={t('beneficiaries.erase.confirmLabel', { code: person.code })}
            value={confirm}
            onChange={(event) => setConfirm(event.currentTarget.value)}
            autoComplete="off"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('beneficiaries.erase.cancel')}
            </Button>
            <Button type="submit" color="red" disabled={!confirmed} loading={form.submitting}>
              {t('beneficiaries.erase.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
