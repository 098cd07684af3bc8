import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import type { ExportDelivered, PrintDocument } from '../../common/exports';
import { pdfLayout, printReadyTimeoutMs } from '../core/exports/page-layout';
import type { AppPage } from './app-page';
import type { ExportReply, ExportRequest } from './export-protocol';

const inches = (mm: number) => mm / 25.4;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Prints one report in a hidden window of its own: the print page (no
 * preload, sandboxed) is given the document, says when it is rendered, and
 * Chromium prints it to PDF. The window is destroyed after each print, so a
 * hidden window never keeps the app alive.
 */
async function printReport(page: AppPage, document: PrintDocument): Promise<Uint8Array> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    await window.loadURL(new URL('print.html', page.url).href);
    const contents = window.webContents;
    await contents.executeJavaScript(`window.__OUTPOST_RENDER__(${JSON.stringify(document)})`);
    const deadline = Date.now() + printReadyTimeoutMs;
    while (!(await contents.executeJavaScript('document.body.dataset.printReady === "true"'))) {
      if (Date.now() > deadline) throw new Error('The print page did not render in time.');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { marginsMm } = pdfLayout;
    const pdf = await contents.printToPDF({
      pageSize: pdfLayout.format,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: pdfLayout.headerTemplate,
      footerTemplate: pdfLayout.footerTemplate(document.header.generatedAt.slice(0, 10)),
      margins: {
        top: inches(marginsMm.top),
        bottom: inches(marginsMm.bottom),
        left: inches(marginsMm.left),
        right: inches(marginsMm.right),
      },
    });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
  }
}

/** The save dialog, over the app window: the finished file moves to where the user chose; cancelled, it waits for another try. */
async function saveExport(parent: BrowserWindow | undefined, file: { path: string; fileName: string }): Promise<ExportDelivered> {
  const extension = path.extname(file.fileName).slice(1);
  const options = {
    defaultPath: path.join(app.getPath('downloads'), file.fileName),
    filters: [{ name: extension.toUpperCase(), extensions: [extension] }],
  };
  const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return { kind: 'cancelled' };
  await fs.promises.copyFile(file.path, chosen.filePath);
  await fs.promises.rm(file.path, { force: true });
  return { kind: 'saved', path: chosen.filePath };
}

/** Answers the core's export requests (printing and saving are main's: windows and dialogs live here). */
export async function answerExport(request: ExportRequest, page: AppPage, window: () => BrowserWindow | undefined): Promise<ExportReply> {
  if (request.type === 'export-print') {
    try {
      return { type: 'export-print-reply', id: request.id, pdf: await printReport(page, request.document), error: null };
    } catch (error) {
      return { type: 'export-print-reply', id: request.id, pdf: null, error: message(error) };
    }
  }
  try {
    return { type: 'export-save-reply', id: request.id, delivered: await saveExport(window(), request), error: null };
  } catch (error) {
    return { type: 'export-save-reply', id: request.id, delivered: null, error: message(error) };
  }
}
