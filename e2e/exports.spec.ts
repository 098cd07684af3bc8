import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from '@playwright/test';
import { expectAccessible, signInAs } from './accounts';
import { admin, nav, shots } from './first-run';
import { expect, type Host, startHost, stopHost, test } from './web-host-fixture';

test.use({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });
// This file's tests run in order in one worker, so that they share the seeded data folder below (each on its own copy).
test.describe.configure({ mode: 'default' });

interface Seeded {
  month: string;
  sessionsHeld: number;
  byType: Record<string, number>;
  attended: number;
  people: number;
}

/** Fills a fresh data folder with e2e/exports-seed.ts; `bulk` adds plain rows for a long export. */
async function seed(dataDir: string, bulk: number): Promise<Seeded> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/exports-seed.ts', '--data-dir', dataDir, '--bulk', String(bulk)], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  expect(code).toBe(0);
  return JSON.parse(output.trim().split('\n').at(-1)!) as Seeded;
}

/** The seed without bulk rows, written once for this file's tests (each through the core's write path) and copied for each. */
let plain: { dataDir: string; seeded: Seeded } | undefined;
test.afterAll(() => {
  if (plain) fs.rmSync(plain.dataDir, { recursive: true, force: true });
});

/** A web host on a data folder of its own, seeded (not the fixture's empty one); `bulk` adds plain rows for a long export. */
async function seededHost(bulk: number): Promise<{ host: Host; seeded: Seeded; stop(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-exports-'));
  let seeded: Seeded;
  if (bulk > 0) seeded = await seed(dataDir, bulk);
  else {
    if (!plain) {
      const template = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-exports-seed-'));
      plain = { dataDir: template, seeded: await seed(template, 0) };
    }
    fs.cpSync(plain.dataDir, dataDir, { recursive: true });
    seeded = plain.seeded;
  }
  const { host, child } = await startHost(dataDir);
  return {
    host,
    seeded,
    async stop() {
      await stopHost(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function openBeneficiaries(page: Page, url: string) {
  await page.goto(url);
  await signInAs(page, admin);
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await expect(page.getByRole('heading', { name: 'Beneficiaries', level: 1 })).toBeVisible();
}

async function exportAs(page: Page, format: 'CSV (spreadsheet, analysis)' | 'Excel workbook' | 'PDF report (to print or share)') {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await dialog.getByRole('radio', { name: format }).check();
  return dialog;
}

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

test('a manager exports the filtered beneficiary list as CSV, and the whole list as a PDF', async ({ page }, testInfo) => {
  const { host, seeded, stop } = await seededHost(0);
  try {
    await openBeneficiaries(page, host.url);
    await page.getByRole('searchbox', { name: 'Search beneficiaries' }).fill('Lefèvre');
    await expect(page.getByRole('status').filter({ hasText: /match/ })).toContainText('1');

    const dialog = await exportAs(page, 'CSV (spreadsheet, analysis)');
    await expect(dialog.getByText('The active filters apply: 1 matching.')).toBeVisible();
    await dialog.getByRole('checkbox', { name: 'Clinic' }).uncheck();
    await expectAccessible(page);
    await page.screenshot({ path: shots('exports-dialog') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^beneficiaries-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync(await download.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(csv, { bom: true }) as string[][];
    // Headers in the user's language, the unticked column left out.
    expect(rows[0]).toEqual([
      'Code',
      'Given name',
      'Family name',
      'Other names',
      'Sex',
      'Date of birth',
      'Birth date estimated',
      'National ID',
      'Phone',
      'Status',
      'Registered',
    ]);
    expect(rows.slice(1).map((row) => [row[1], row[2]])).toEqual([['Zoë', 'Lefèvre']]);
    await expect(dialog.getByRole('status')).toContainText('was downloaded');
    await dialog.getByRole('button', { name: 'Done', exact: true }).click();

    // The whole list, printed: Arabic and accented names, and the count, in the PDF's own text.
    await page.getByRole('searchbox', { name: 'Search beneficiaries' }).fill('');
    const pdfDialog = await exportAs(page, 'PDF report (to print or share)');
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      pdfDialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    const file = testInfo.outputPath('beneficiaries.pdf');
    await pdf.saveAs(file);
    const text = pdfText(file);
    expect(text).toContain('Lakeside Health Trust');
    expect(text).toContain('Beneficiary list');
    expect(text).toContain('Hélène');
    expect(text).toContain('Lefèvre');
    expect(text).toContain('Kisumu Clinic');
    // Text extraction splits Arabic words where letters do not join; the letters and their order are what matter.
    expect(text.replace(/[\s\u200e\u200f\u202a-\u202e]/g, '')).toContain('فاطمةالزهراء');
    expect(text).toMatch(new RegExp(`People\\s+${seeded.people}\\b`));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, 'e2e/screenshots/exports-beneficiaries-pdf']);
  } finally {
    await stop();
  }
});

test('a manager prints last month’s activity report: figures, tables by type and staff, charts as vectors', async ({ page }, testInfo) => {
  const { host, seeded, stop } = await seededHost(0);
  try {
    await page.goto(host.url);
    await signInAs(page, admin);
    await nav(page).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('combobox', { name: 'Period', exact: true }).click();
    await page.getByRole('option', { name: 'Last month' }).click();
    await page.getByRole('button', { name: 'Monthly report (PDF)' }).click();
    const dialog = page.getByRole('dialog', { name: /^Export the activity report for/ });
    await expectAccessible(page);
    const [pdf] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^monthly-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = testInfo.outputPath('monthly.pdf');
    await pdf.saveAs(file);
    const text = pdfText(file);
    expect(text).toContain('Monthly activity report');
    expect(text).toContain('Lakeside Health Trust');
    expect(text).toContain('Kisumu Clinic');
    // Totals counted by the seed from what it wrote: sessions held, and each type's share.
    // (The figures print as a grid: text extraction reads its labels row before its values row.)
    expect(text).toMatch(/Sessions held\s+(\d+\s+){2}12\b/);
    for (const [type, count] of Object.entries(seeded.byType)) expect(text).toMatch(new RegExp(`${type}\\s+${count}\\b`));
    expect(text).toMatch(new RegExp(`Total\\s+${seeded.sessionsHeld}\\b`));
    expect(text).toContain('Sessions per week, by type');
    // Charts stay vector: no image is embedded in the PDF.
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').length).toBe(2);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, 'e2e/screenshots/exports-monthly-pdf']);
  } finally {
    await stop();
  }
});

test('a long export shows its progress and can be cancelled', async ({ page }) => {
  const { host, stop } = await seededHost(150_000);
  try {
    await openBeneficiaries(page, host.url);
    const dialog = await exportAs(page, 'Excel workbook');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const bar = dialog.getByRole('progressbar', { name: 'Export progress' });
    await expect(bar).toBeVisible();
    await expect(dialog.getByRole('status')).toContainText(/of 150,0\d\d rows/);
    await page.screenshot({ path: shots('exports-progress') });
    await dialog.getByRole('button', { name: 'Cancel export' }).click();
    await expect(dialog.getByRole('status')).toContainText('The export was cancelled. No file was kept.');
    expect(fs.readdirSync(path.join(host.dataDir, 'exports'))).toEqual([]);
  } finally {
    await stop();
  }
});

test('a manager exports a dashboard table as CSV with the period and clinic set: the figures the seed wrote, headers in English', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const { host, seeded, stop } = await seededHost(0);
  try {
    await page.goto(host.url);
    await signInAs(page, admin);
    await nav(page).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('combobox', { name: 'Period', exact: true }).click();
    await page.getByRole('option', { name: 'Last month' }).click();
    await page.getByRole('combobox', { name: 'Clinic', exact: true }).click();
    await page.getByRole('option', { name: /^Kisumu Clinic/ }).click();

    const weekly = page.getByRole('region', { name: 'Sessions per week, by type' });
    await weekly.getByRole('button', { name: 'Export the table: Sessions per week, by type' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export Sessions per week, by type' });
    await dialog.getByRole('radio', { name: 'CSV (spreadsheet, analysis)' }).check();
    await expectAccessible(page);
    await page.screenshot({ path: shots('exports-dashboard-dialog') });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sessionsByWeek-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = parse(fs.readFileSync(await download.path()), { bom: true }) as string[][];
    expect(header![0]).toBe('Week of');
    expect(header!.at(-1)).toBe('Total');
    expect(header!.slice(1, -1).sort()).toEqual(Object.keys(seeded.byType).sort());
    // Weeks by their Monday (ISO), every week of the month shown; each type's column and the totals add up to what the seed wrote.
    for (const row of rows) expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rows[0]![0]! <= `${seeded.month}-01`).toBe(true);
    const sum = (column: number) => rows.reduce((n, row) => n + Number(row[column]), 0);
    for (const [i, type] of header!.entries()) if (i > 0 && i < header!.length - 1) expect(sum(i)).toBe(seeded.byType[type]);
    expect(sum(header!.length - 1)).toBe(seeded.sessionsHeld);
    await dialog.getByRole('button', { name: 'Done', exact: true }).click();

    // The staff table, with field names for a script: the same count, against the name the seed's admin has.
    const staff = page.getByRole('region', { name: 'Sessions per staff member' });
    await staff.getByRole('button', { name: 'Export the table: Sessions per staff member' }).click();
    const staffDialog = page.getByRole('dialog', { name: 'Export Sessions per staff member' });
    await staffDialog.getByRole('checkbox', { name: 'Field names as column headers' }).check();
    const [staffCsv] = await Promise.all([
      page.waitForEvent('download'),
      staffDialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(parse(fs.readFileSync(await staffCsv.path()), { bom: true })).toEqual([
      ['staff', 'sessions'],
      [admin.name, String(seeded.sessionsHeld)],
    ]);
  } finally {
    await stop();
  }
});
