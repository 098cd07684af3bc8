import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages } from '../../i18n/languages';
import { usePreferences } from '../../stores/preferences';

/** English, Français, العربية: each language named in itself. Saved on this computer. */
export function LanguageSwitcher({ size = 'sm' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const language = usePreferences((state) => state.language);
  const setLanguage = usePreferences((state) => state.setLanguage);
  return (
    <SegmentedControl
      aria-label={t('settings.language.label')}
      size={size}
      value={language}
      onChange={(value) => {
        if (isLanguage(value)) setLanguage(value);
      }}
      data={languages.map((l) => ({ value: l.code, label: <span lang={l.code}>{l.label}</span> }))}
    />
  );
}
