import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm, slightly blue-green teal: readable all day, not clinical white-on-white.
const outpost: MantineColorsTuple = [
  '#e8f7f5',
  '#d6ede9',
  '#aedad3',
  '#82c6bb',
  '#5eb5a7',
  '#47aa9b',
  '#3aa495',
  '#2b8f81',
  '#1f7f72',
  '#006e61',
];

const fonts = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 7,
  colors: { teal: outpost },
  defaultRadius: 'md',
  fontFamily: fonts,
  headings: { fontFamily: fonts, fontWeight: '650' },
  cursorType: 'pointer',
});
