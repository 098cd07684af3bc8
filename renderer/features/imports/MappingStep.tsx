import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldsOf, type ImportKind, type Mapping, type SavedMapping, type SheetInfo } from '../../../common/imports';
import { api } from '../../api/client';
import { useLiveQuery } from '../../api/live';

interface Props {
  sheet: SheetInfo;
  kind: ImportKind;
  mapping: Mapping;
  onChange(mapping: Mapping): void;
}

const NONE = '';

/** Each field next to the column that fills it (guessed from the headers), with a few values from the file to check by. */
export function MappingStep({ sheet, kind, mapping, onChange }: Props) {
  const { t } = useTranslation();
  const saved = useLiveQuery(() => api.imports.mappings.query(), ['audit_log']);
  const [name, setName] = useState('');
  const columns = [
    { value: NONE, label: t('imports.mapping.none') },
    ...sheet.headers.map((header, i) => ({ value: String(i), label: header || t('imports.mapping.column', { n: i + 1 }) })),
  ];
  const mine = (saved.data ?? []).filter((m) => m.kind === kind);

  const apply = (chosen: SavedMapping) => {
    const next: Mapping = {};
    for (const [field, header] of Object.entries(chosen.columns)) {
      const i = sheet.headers.indexOf(header);
      if (i >= 0) next[field as keyof Mapping] = i;
    }
    onChange(next);
  };
  const save = async () => {
    const byHeader: Record<string, string> = {};
    for (const [field, i] of Object.entries(mapping)) if (i !== undefined && sheet.headers[i]) byHeader[field] = sheet.headers[i];
    await api.imports.saveMapping.mutate({ name: name.trim(), kind, columns: byHeader });
    setName('');
  };

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm" wrap="wrap">
        {mine.length > 0 && (
          <Select
            label={t('imports.mapping.useSaved')}
            placeholder={t('imports.mapping.pickSaved')}
            data={mine.map((m) => m.name)}
            onChange={(value) => {
              const chosen = mine.find((m) => m.name === value);
              if (chosen) apply(chosen);
            }}
            w={240}
          />
        )}
        <TextInput
          label={t('imports.mapping.saveAs')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={240}
          maxLength={80}
        />
        <Button variant="default" onClick={() => void save()} disabled={!name.trim()}>
          {t('imports.mapping.save')}
        </Button>
      </Group>
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.mapping.field')}</Table.Th>
            <Table.Th scope="col">{t('imports.mapping.columnHeader')}</Table.Th>
            <Table.Th scope="col">{t('imports.mapping.examples')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fieldsOf(kind).map((field) => {
            const column = mapping[field];
            const examples =
              column === undefined
                ? []
                : sheet.sample
                    .map((row) => row[column] ?? '')
                    .filter(Boolean)
                    .slice(0, 3);
            return (
              <Table.Tr key={field}>
                <Table.Th scope="row" fw={500}>
                  {t(`imports.fields.${field}`)}
                </Table.Th>
                <Table.Td>
                  <Select
                    aria-label={t('imports.mapping.columnFor', { field: t(`imports.fields.${field}`) })}
                    data={columns}
                    value={column === undefined ? NONE : String(column)}
                    allowDeselect={false}
                    onChange={(value) => {
                      const next = { ...mapping };
                      if (value === null || value === NONE) delete next[field];
                      else next[field] = Number(value);
                      onChange(next);
                    }}
                    w={260}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" lineClamp={1} maw={360}>
                    {examples.join(' · ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
