import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { useLayoutEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { HashRouter } from 'react-router';
import { applyLanguage, i18n } from '../i18n';
import { directionOf } from '../i18n/languages';
import { usePreferences } from '../stores/preferences';
import { ConnectionLost } from './ConnectionLost';
import { Gate } from './Gate';
import { theme } from './theme';

/** Keeps i18next, <html lang dir> and Mantine's direction on the chosen language. */
function LanguageSync() {
  const language = usePreferences((state) => state.language);
  const { setDirection } = useDirection();
  useLayoutEffect(() => {
    applyLanguage(language);
    setDirection(directionOf(language));
  }, [language, setDirection]);
  return null;
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <DirectionProvider initialDirection={directionOf(usePreferences.getState().language)}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <LanguageSync />
          {/* Hash routing: the Electron build loads from file://, where paths cannot be routed. */}
          <HashRouter>
            <Gate />
          </HashRouter>
          <ConnectionLost />
        </MantineProvider>
      </DirectionProvider>
    </I18nextProvider>
  );
}
