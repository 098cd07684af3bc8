export const languages = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'fr', label: 'Français', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
] as const;

export type Language = (typeof languages)[number]['code'];
export type Direction = 'ltr' | 'rtl';

export function isLanguage(value: unknown): value is Language {
  return languages.some((language) => language.code === value);
}

export function directionOf(language: Language): Direction {
  return languages.find((l) => l.code === language)?.dir ?? 'ltr';
}
