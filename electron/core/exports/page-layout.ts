/**
 * The printed page both printers use (web host: playwright's page.pdf; desktop:
 * webContents.printToPDF): A4 with room below for the page numbers. The
 * footer template is rendered by Chromium apart from the page, without its
 * fonts, so it holds only digits and ASCII.
 */
export const pdfLayout = {
  format: 'A4',
  marginsMm: { top: 12, bottom: 16, left: 12, right: 12 },
  headerTemplate: '<span></span>',
  footerTemplate: (generatedOn: string) =>
    `<div style="font-size:8px;width:100%;padding:0 12mm;display:flex;justify-content:space-between;color:#555;font-family:sans-serif">` +
    `<span>${generatedOn.replace(/[^0-9-]/g, '')}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
} as const;

/** How long a print page may take to say it is ready (data attribute on body) before printing fails. */
export const printReadyTimeoutMs = 30_000;
