import { Box, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { IconLogo } from '../../components/icons';
import { LanguageSwitcher } from '../settings/LanguageSwitcher';

/** The frame of first-run setup and sign-in: the brand, the language, one card. */
export function AuthLayout({ title, intro, width = 440, children }: { title: string; intro: string; width?: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" py="xl" px="md">
      <Group justify="space-between" maw={width} mx="auto" mb="xl">
        <Group gap="xs">
          <ThemeIcon size={36} radius="md" color="teal">
            <IconLogo size={22} />
          </ThemeIcon>
          <Stack gap={0}>
            <Text fw={700} size="lg" lh={1.1}>
              {t('app.name')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('app.tagline')}
            </Text>
          </Stack>
        </Group>
        <LanguageSwitcher size="xs" />
      </Group>
      <Center>
        <Paper component="main" withBorder shadow="xs" radius="md" p="xl" w="100%" maw={width}>
          <Title order={1} size="h2" fw={650} mb={6}>
            {title}
          </Title>
          <Text c="dimmed" size="sm" mb="lg">
            {intro}
          </Text>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}
