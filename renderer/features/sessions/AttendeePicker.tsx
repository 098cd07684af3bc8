import { Button, Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BeneficiarySummary } from '../../../common/beneficiaries';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';
import { IconPlus, IconSearch } from '../../components/icons';
import { translateMessage } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { fullName } from '../beneficiaries/person';

/** Results shown at once; "add all" works on these. */
const LIMIT = 50;

interface Props {
  /** Who is on the list already. */
  chosen: ReadonlySet<string>;
  onAdd(people: BeneficiarySummary[]): void;
  error?: string | null;
}

/**
 * Adds people by searching the registry, as the beneficiary list does: any
 * part of a name, a code, a national ID or a phone. Enter adds the highlighted
 * person and clears the box for the next one.
 */
export function AttendeePicker({ chosen, onAdd, error }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 120);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const results = useLiveQuery(
    () => (debounced ? api.beneficiaries.list.query({ search: debounced, limit: LIMIT, sort: 'name' }) : Promise.resolve(null)),
    ['beneficiaries'],
    [debounced],
  );
  const current = debounced && search.trim() === debounced ? results.data : null;
  const rows = current?.rows ?? [];
  const addable = rows.filter((row) => !chosen.has(row.id));

  useEffect(() => {
    if (rows.length > 0) combobox.selectFirstOption();
    // `current` changes when a new answer arrives.
  }, [current]);

  const add = (people: BeneficiarySummary[]) => {
    onAdd(people);
    setSearch('');
    combobox.closeDropdown();
  };

  const options = rows.map((row) => {
    const name = fullName(row);
    const added = chosen.has(row.id);
    const details = [
      row.code,
      row.birthDate && (row.birthDateEstimated ? `~${format.year(row.birthDate)}` : format.date(row.birthDate)),
      row.phone,
    ]
      .filter(Boolean)
      .join(' · ');
    return (
      <Combobox.Option value={row.id} key={row.id} disabled={added} aria-label={`${name}, ${row.code}`}>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} truncate>
              <bdi>{name}</bdi>
            </Text>
            <Text size="xs" c="dimmed" truncate>
              <bdi>{details}</bdi>
            </Text>
          </div>
          {added && (
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {t('sessions.picker.added')}
            </Text>
          )}
        </Group>
      </Combobox.Option>
    );
  });

  return (
    <div>
      <Combobox
        store={combobox}
        withinPortal={false}
        onOptionSubmit={(id) => {
          const person = rows.find((row) => row.id === id);
          if (person && !chosen.has(person.id)) add([person]);
        }}
      >
        <Combobox.Target withExpandedAttribute>
          <TextInput
            label={t('sessions.picker.label')}
            placeholder={t('sessions.picker.placeholder')}
            description={t('sessions.picker.hint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            leftSection={<IconSearch size={16} />}
            rightSection={results.loading && debounced ? <Loader size={14} aria-hidden /> : null}
            value={search}
            maxLength={200}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            error={error ? translateMessage(error) : undefined}
            data-path="attendees"
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={!current}>
          <Combobox.Options mah={320} style={{ overflowY: 'auto' }} aria-label={t('sessions.picker.results')}>
            {options.length > 0 ? options : <Combobox.Empty>{t('sessions.picker.none')}</Combobox.Empty>}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {current && addable.length > 1 && (
        <Group gap="xs" mt={6}>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => add(addable)}
          >
            {t('sessions.picker.addAll', { count: addable.length })}
          </Button>
          {current.total > rows.length && (
            <Text size="xs" c="dimmed">
              {t('sessions.picker.more', { total: format.number(current.total), shown: rows.length })}
            </Text>
          )}
        </Group>
      )}
    </div>
  );
}
