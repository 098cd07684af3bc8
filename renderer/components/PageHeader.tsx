import { Box, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="nowrap">
      <Stack gap={4}>
        <Title order={1} size="h2" fw={650}>
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm" maw={640}>
            {description}
          </Text>
        )}
      </Stack>
      {/* The description gives way, not the buttons: a shrunk button cuts its label ("Synchronise" at 1024 px in French). */}
      {actions && <Box style={{ flexShrink: 0 }}>{actions}</Box>}
    </Group>
  );
}
