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
 * hands it (window.__OUTPOST_PRINT__ before load, or __OUTPOST_RENDER__ on a
 * page kept open between prints), with no sign-in and no connection to the
 * core, then marks the body ready for the printer to take the PDF.
 */
interface PrintWindow {
  __OUTPOST_PRINT__?: PrintDocument;
  __OUTPOST_RENDER__?: (document: PrintDocument) => void;
}
const printWindow = window as unknown as PrintWindow;
const container = document.getElementById('root');
if (!container) throw new Error('print.html has no #root element.');
const root = createRoot(container);
let rendered = 0;

function render(report: PrintDocument) {
  document.body.dataset.printReady = 'false';
  applyLanguage(report.locale);
  const id = ++rendered;
  root.render(<PrintReport key={id} document={report} onRendered={() => void markReady(id)} />);
}

/** Ready once the fonts are in: a PDF taken earlier would show fallback glyphs. */
async function markReady(id: number) {
  await document.fonts.ready;
  // Two frames: the charts' SVG is laid out after React commits.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  if (id === rendered) document.body.dataset.printReady = 'true';
}

printWindow.__OUTPOST_RENDER__ = render;
if (printWindow.__OUTPOST_PRINT__) render(printWindow.__OUTPOST_PRINT__);
