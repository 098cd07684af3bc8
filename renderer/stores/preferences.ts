import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { isLanguage, type Language } from '../i18n/languages';

interface PreferencesState {
  language: Language;
  setLanguage(language: Language): void;
}

function initialLanguage(): Language {
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return isLanguage(browser) ? browser : 'en';
}

/** This machine's preferences, kept in localStorage. */
export const usePreferences = create<PreferencesState>()(
  persist(
    (set) => ({
      language: initialLanguage(),
      setLanguage: (language) => set({ language }),
    }),
    {
      name: 'outpost.preferences',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      merge: (persisted, current) => {
        const language = (persisted as Partial<PreferencesState> | undefined)?.language;
        return { ...current, language: isLanguage(language) ? language : current.language };
      },
    },
  ),
);
