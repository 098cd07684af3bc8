import fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { PrintDocument } from '../../common/exports';
import { pdfLayout, printReadyTimeoutMs } from '../core/exports/page-layout';
import type { Printer } from '../core/platform';

export interface ChromiumPrinter extends Printer {
  close(): Promise<void>;
}

/** CHROMIUM_PATH, then Debian's Chromium, then (undefined) Playwright's own browser. */
function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((candidate): candidate is string => !!candidate && fs.existsSync(candidate));
}

/**
 * Prints with a headless Chromium (Debian's, or CHROMIUM_PATH) driven by
 * playwright-core. One print page stays open: each report is handed to it
 * (it needs no sign-in and fetches nothing), rendered, and printed in turn.
 */
export function chromiumPrinter(options: { pageUrl: () => string; executablePath?: string }): ChromiumPrinter {
  let browser: Promise<Browser> | null = null;
  let page: Promise<Page> | null = null;
  // One report at a time on the one page.
  let queue: Promise<unknown> = Promise.resolve();

  const openPage = () =>
    (page ??= (async () => {
      browser ??= chromium.launch({
        executablePath: options.executablePath ?? chromiumPath(),
        args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      const opened = await (await browser).newPage();
      await opened.goto(options.pageUrl());
      await opened.waitForFunction(() => '__OUTPOST_RENDER__' in window);
      return opened;
    })().catch((error: unknown) => {
      page = null;
      throw error;
    }));

  async function printOne(document: PrintDocument): Promise<Uint8Array> {
    const printPage = await openPage();
    await printPage.evaluate((report) => {
      (window as unknown as { __OUTPOST_RENDER__(d: unknown): void }).__OUTPOST_RENDER__(report);
    }, document);
    await printPage.waitForSelector('body[data-print-ready="true"]', { timeout: printReadyTimeoutMs });
    const { marginsMm } = pdfLayout;
    const pdf = await printPage.pdf({
      format: pdfLayout.format,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: pdfLayout.headerTemplate,
      footerTemplate: pdfLayout.footerTemplate(document.header.generatedAt.slice(0, 10)),
      margin: { top: `${marginsMm.top}mm`, bottom: `${marginsMm.bottom}mm`, left: `${marginsMm.left}mm`, right: `${marginsMm.right}mm` },
    });
    return new Uint8Array(pdf);
  }

  return {
    print(document) {
      const printed = queue.then(() => printOne(document));
      queue = printed.catch(() => undefined);
      return printed;
    },
    async close() {
      if (browser) await (await browser).close().catch(() => undefined);
      browser = null;
      page = null;
    },
  };
}
