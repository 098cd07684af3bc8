import { Alert, createTheme, type MantineColorsTuple } from '@mantine/core';
import classes from './theme.module.css';

// A calm, slightly blue-green teal: readable all day, not clinical white-on-white.
// Buttons use shade 8 and the darkest shade is deep enough that white on teal, teal on white
// and teal on its own light tints all reach WCAG AA (4.5:1); shade 0 is light enough for teal-8 links on it.
const outpost: MantineColorsTuple = [
  '#effaf8',
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

// Mantine's grays, but shade 6 (the "dimmed" text) darkened from 3.3:1 to 5.8:1 on white, so that it stays
// above 4.5:1 on the tinted backgrounds of alerts and light badges too.
const gray: MantineColorsTuple = [
  '#f8f9fa',
  '#f1f3f5',
  '#e9ecef',
  '#dee2e6',
  '#ced4da',
  '#adb5bd',
  '#5f666d',
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

// Every other colour the app uses, with Mantine's shades 8 and 9 darkened: shade 8 is the text of outline badges
// and the fill under white text, shade 9 the text of light badges, light buttons and alert titles on shade 1.
// Both reach 5:1 or more; shades 0-6 keep their brightness for backgrounds and charts.
const orange: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#ffa94d',
  '#ff922b',
  '#f76707',
  '#d9480f',
  '#c2410c',
  '#a63c0c',
];

const yellow: MantineColorsTuple = [
  '#fff9db',
  '#fff3bf',
  '#ffec99',
  '#ffe066',
  '#ffd43b',
  '#fcc419',
  '#f59f00',
  '#b86e00',
  '#a35f00',
  '#8a5000',
];

const green: MantineColorsTuple = [
  '#ebfbee',
  '#d3f9d8',
  '#b2f2bb',
  '#8ce99a',
  '#69db7c',
  '#51cf66',
  '#40c057',
  '#2f9e44',
  '#237a36',
  '#1e6b30',
];

const fonts = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  colors: { teal: outpost, gray, red, orange, yellow, green },
  defaultRadius: 'md',
  fontFamily: fonts,
  headings: { fontFamily: fonts, fontWeight: '650' },
  cursorType: 'pointer',
  components: { Alert: Alert.extend({ classNames: { root: classes.alert } }) },
});
