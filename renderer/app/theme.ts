import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm, slightly blue-green teal: readable all day, not clinical white-on-white.
// Buttons use shade 8 and the darkest shade is deep enough that white on teal, teal on white
// and teal on its own light tints all reach WCAG AA (4.5:1).
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
  '#005c51',
];

// Mantine's grays, but shade 6 (the "dimmed" text) darkened from 3.3:1 to 5:1 on white.
const gray: MantineColorsTuple = [
  '#f8f9fa',
  '#f1f3f5',
  '#e9ecef',
  '#dee2e6',
  '#ced4da',
  '#adb5bd',
  '#697077',
  '#495057',
  '#343a40',
  '#212529',
];

// Mantine's reds from shade 6 on (error text, filled danger buttons) darkened to 5:1 on white.
const red: MantineColorsTuple = [
  '#fff5f5',
  '#ffe3e3',
  '#ffc9c9',
  '#ffa8a8',
  '#ff8787',
  '#ff6b6b',
  '#d42d2d',
  '#c92a2a',
  '#b02525',
  '#9c1f1f',
];

const fonts = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  colors: { teal: outpost, gray, red },
  defaultRadius: 'md',
  fontFamily: fonts,
  headings: { fontFamily: fonts, fontWeight: '650' },
  cursorType: 'pointer',
});
