import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateCandidate } from '../../../common/beneficiaries';
import { useFormat } from '../../i18n/format';
import { fullName } from './person';
import { StatusBadge } from './StatusBadge';

/** People who may be the same as the one being typed: enough to recognise them, and a link to check. */
export function CandidateList({ candidates, label }: { candidates: DuplicateCandidate[]; label: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack gap="xs" component="ul" aria-label={label} m={0} p={0} style={{ listStyle: 'none' }}>
      {candidates.map((candidate) => {
        const name = fullName(candidate);
        return (
          <Paper component="li" key={candidate.id} withBorder radius="sm" p="xs" bg="white">
            <Stack gap={4}>
              <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
                <Anchor
                  component={Link}
                  to={`/beneficiaries/${candidate.id}`}
                  fw={600}
                  size="sm"
                  title={name}
                  style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                  aria-label={t('beneficiaries.duplicates.open', { name, code: candidate.code })}
                >
                  <bdi>{name}</bdi>
                </Anchor>
                <StatusBadge status={candidate.status} />
              </Group>
              <Text size="xs" c="dimmed" ff="monospace">
                {candidate.code}
              </Text>
              <Text size="xs" c="gray.7">
                {[
                  candidate.birthDate &&
                    (candidate.birthDateEstimated
                      ? t('beneficiaries.age.estimatedYear', { year: format.year(candidate.birthDate) })
                      : t('beneficiaries.duplicates.born', { date: format.date(candidate.birthDate) })),
                  candidate.phone && `☎ ${candidate.phone}`,
                  candidate.nationalId && t('beneficiaries.duplicates.nationalId', { id: candidate.nationalId }),
                ]
                  .filter(Boolean)
                  .map((part, i) => (
                    <bdi key={i} style={{ marginInlineEnd: 10, display: 'inline-block' }}>
                      {part}
                    </bdi>
                  ))}
              </Text>
              <Group gap={4}>
                {candidate.reasons.map((reason) => (
                  <Badge key={reason} size="xs" variant="outline" color="orange" radius="sm" tt="none">
                    {t(`beneficiaries.duplicates.reasons.${reason}`)}
                  </Badge>
                ))}
              </Group>
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
