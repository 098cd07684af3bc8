import { Badge, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';

/** An honest page for a feature that is not built yet: what it is, and what will appear here. */
export function ComingSoon({
  title,
  description,
  icon: Icon,
}: {
  title: string;
  description: string;
  icon: ComponentType<{ size?: number }>;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={1} size="h2" fw={650}>
        {title}
      </Title>
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" gap="sm" py="xl" ta="center">
          <ThemeIcon size={56} radius="xl" variant="light" color="teal">
            <Icon size={28} />
          </ThemeIcon>
          <Badge variant="light" color="gray">
            {t('pages.comingSoon')}
          </Badge>
          <Text c="dimmed" maw={460}>
            {description}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
