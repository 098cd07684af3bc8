import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { usePreferences } from '../stores/preferences';
import { directionOf, type Language } from './languages';

// One file per feature and language (locales/<language>/<feature>.json); the
// file name is the key's first segment: locales/en/beneficiaries.json holds `beneficiaries.*`.
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });
const resources: Record<string, { translation: Record<string, unknown> }> = {};
for (const [file, content] of Object.entries(files)) {
  const [, language, feature] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file)!;
  (resources[language!] ??= { translation: {} }).translation[feature!] = content.default;
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: usePreferences.getState().language,
  fallbackLng: 'en',
  supportedLngs: ['en', 'fr', 'ar'],
  // React escapes what it renders; i18next must not escape a second time.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** Points the document at a language: text, `lang`, and writing direction (Arabic mirrors the layout). */
export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/**
 * Translates a message from the core or a schema: an i18n key, or (from
 * older cores or third parties) plain text, which is shown as it is.
 */
export function translateMessage(message: string): string {
  return i18n.exists(message) ? i18n.t(message) : message;
}
