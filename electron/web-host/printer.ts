import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import type { PrintDocument } from '../../common/exports';
import { pdfLayout, printReadyTimeoutMs } from '../core/exports/page-layout';
import type { Printer } from '../core/platform';

export interface ChromiumPrinter extends Printer {
  close(): Promise<void>;
}

/**
 * Prints with a headless Chromium (Debian's, or CHROMIUM_PATH) driven by
 * playwright-core: the print page is opened with the document injected
 * before any script runs, so it needs no sign-in and fetches nothing.
 */
/** CHROMIUM_PATH, then Debian's Chromium, then (undefined) Playwright's own browser. */
function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find((candidate): candidate is string => !!candidate && fs.existsSync(candidate));
}

export function chromiumPrinter(options: { pageUrl: () => string; executablePath?: string }): ChromiumPrinter {
  let browser: Promise<Browser> | null = null;
  const launch = () =>
    (browser ??= chromium.launch({
      executablePath: options.executablePath ?? chromiumPath(),
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    }));
  return {
    async print(document: PrintDocument) {
      const context = await (await launch()).newContext({ locale: document.locale });
      try {
        const page = await context.newPage();
        await page.addInitScript((injected) => {
          (window as unknown as { __OUTPOST_PRINT__: unknown }).__OUTPOST_PRINT__ = injected;
        }, document);
        await page.goto(options.pageUrl());
        await page.waitForSelector('body[data-print-ready="true"]', { timeout: printReadyTimeoutMs });
        const { marginsMm } = pdfLayout;
        const pdf = await page.pdf({
          format: pdfLayout.format,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: pdfLayout.headerTemplate,
          footerTemplate: pdfLayout.footerTemplate(document.header.generatedAt.slice(0, 10)),
          margin: {
            top: `${marginsMm.top}mm`,
            bottom: `${marginsMm.bottom}mm`,
            left: `${marginsMm.left}mm`,
            right: `${marginsMm.right}mm`,
          },
        });
        return new Uint8Array(pdf);
      } finally {
        await context.close();
      }
    },
    async close() {
      if (browser) await (await browser).close();
    },
  };
}
