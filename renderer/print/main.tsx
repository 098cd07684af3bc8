// Bundled fonts: clinics' machines lack Arabic and often full Latin coverage; a PDF must print the same everywhere.
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
import './print.css';
import { createRoot } from 'react-dom/client';
import type { PrintDocument } from '../../common/exports';
import { applyLanguage } from '../i18n';
import { PrintReport } from './PrintReport';

/**
 * The print window: it renders one report from the document its printer
 * injected (window.__OUTPOST_PRINT__), with no sign-in and no connection to
 * the core, then marks the body ready for the printer to take the PDF.
 */
const injected = (window as unknown as { __OUTPOST_PRINT__?: PrintDocument }).__OUTPOST_PRINT__;
const root = document.getElementById('root');
if (!root) throw new Error('print.html has no #root element.');

if (injected) {
  applyLanguage(injected.locale);
  createRoot(root).render(<PrintReport document={injected} onRendered={() => void markReady()} />);
}

/** Ready once the fonts are in: a PDF taken earlier would show fallback glyphs. */
async function markReady() {
  await document.fonts.ready;
  // Two frames: the charts' SVG is laid out after React commits.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  document.body.dataset.printReady = 'true';
}
