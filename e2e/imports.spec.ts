import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible, forbidDialogs } from './accounts';
import { firstRun, nav, shots } from './first-run';
import { expect, test } from './web-host-fixture';

test.use({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });

const fixture = (name: string) => path.resolve(import.meta.dirname, 'fixtures', name);

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function openImport(page: Page) {
  await nav(page).getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import from a spreadsheet', level: 1 })).toBeVisible();
}

test('an administrator imports people from an Excel workbook: fixes the mapping, reviews the problem rows, imports, finds them in the registry', async ({
  page,
  host,
}) => {
  const dialogs = forbidDialogs(page);
  await firstRun(page, host.url);
  await openImport(page);

  await page.getByLabel('Spreadsheet file').setInputFiles(fixture('e2e-people.xlsx'));
  await expect(page.getByText('e2e-people.xlsx: 1 sheet(s), 4 rows')).toBeVisible();

  // "ID card" is not a header the guess knows: the national ID column is picked by hand.
  await expect(page.getByRole('combobox', { name: 'Column for Given name' })).toHaveValue('First name');
  await expect(page.getByRole('combobox', { name: 'Column for National ID' })).toHaveValue('Not imported');
  await pick(page, 'Column for National ID', 'ID card');
  await expect(page.getByRole('row', { name: /National ID/ })).toContainText('KE-9001');
  await expectAccessible(page);
  await page.getByRole('heading', { name: '2. Match the columns' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots('import-mapping-en') });

  await page.getByRole('button', { name: 'Check the rows' }).click();
  const counts = page.getByRole('group', { name: 'Rows found' });
  await expect(counts).toContainText('2 ready');
  await expect(counts).toContainText('1 with problems');
  await expect(counts).toContainText('1 probable duplicate');
  const problems = page.getByRole('table').filter({ hasText: 'Rows that need a look' });
  await expect(problems.getByRole('row', { name: /Nafula/ })).toContainText('Surname: This field is required.');
  await expect(problems.getByRole('row', { name: /Kiprop/ })).toContainText('Same person as row 2 (same national ID)');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Import 2 rows' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots('import-review-en') });

  await page.getByRole('button', { name: 'Import 2 rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toBeVisible();
  await expect(page.getByText('Imported 2, updated 0, skipped 1, rejected 1.').first()).toBeVisible();
  await expect(page.getByRole('table').filter({ hasText: 'e2e-people.xlsx' })).toContainText('Import finished');
  await expectAccessible(page);
  await page.screenshot({ path: shots('import-done-en') });

  // The report is a CSV with a reason for every row that did not go in.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the report (CSV)' }).first().click();
  const report = await download;
  expect(report.suggestedFilename()).toBe('e2e-people-import-report.csv');

  await page.getByRole('link', { name: 'Open the registry' }).click();
  const list = page.getByRole('table', { name: 'Beneficiaries' });
  await expect(list.getByRole('link', { name: 'Kamau, Wanjiru' })).toBeVisible();
  await expect(list.getByRole('link', { name: 'Mwangi, Baraka' })).toBeVisible();
  await expect(list.getByText('Nafula')).toHaveCount(0);
  // The formula-looking note arrived as plain text.
  await list.getByRole('link', { name: 'Mwangi, Baraka' }).click();
  await expect(page.getByText('=HYPERLINK("http://evil.example","click")')).toBeVisible();
  expect(dialogs).toEqual([]);
});

test('a zip bomb is refused with a clear message, and an import can be rolled back from the list', async ({ page, host }) => {
  await firstRun(page, host.url);
  await openImport(page);
  await page.getByLabel('Spreadsheet file').setInputFiles(fixture('hostile-zip-bomb.xlsx'));
  await expect(page.getByRole('alert')).toContainText('This workbook unpacks to far more data than a spreadsheet holds.');

  await page.getByLabel('Spreadsheet file').setInputFiles(fixture('people-utf16le-bom.tsv'));
  await page.getByRole('button', { name: 'Check the rows' }).click();
  await page.getByRole('button', { name: 'Import 12 rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toBeVisible();

  await page.getByRole('button', { name: 'Roll back' }).first().click();
  await page.getByRole('button', { name: 'Roll back' }).last().click();
  await expect(page.getByRole('status').filter({ hasText: 'Rolled back' })).toBeVisible();
  await expect(page.getByText('12 undone.').first()).toBeVisible();
  await page.screenshot({ path: shots('import-rolled-back-en') });
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await expect(page.getByRole('table', { name: 'Beneficiaries' }).getByRole('link')).toHaveCount(0);
});

test('people, then their past sessions from a second sheet of the same workbook', async ({ page, host }) => {
  await firstRun(page, host.url);
  await openImport(page);
  await page.getByLabel('Spreadsheet file').setInputFiles(fixture('messy.xlsx'));
  await expect(page.getByText('messy.xlsx: 3 sheet(s), 21 rows')).toBeVisible();
  await page.getByRole('button', { name: 'Check the rows' }).click();
  await expect(page.getByRole('group', { name: 'Rows found' })).toContainText('12 ready');
  await page.getByRole('button', { name: 'Import 12 rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toBeVisible();

  // The same file again, its Sessions sheet: recognised as past sessions.
  await page.getByLabel('Spreadsheet file').setInputFiles(fixture('messy.xlsx'));
  await pick(page, 'Sheet', 'Sessions (5)');
  await expect(page.getByRole('radio', { name: 'Past sessions' })).toBeChecked();
  await page.getByRole('button', { name: 'Check the rows' }).click();
  const problems = page.getByRole('table').filter({ hasText: 'Rows that need a look' });
  await expect(problems.getByRole('row', { name: /NO-SUCH-ID/ })).toContainText('nobody in the registry has this national ID or code');
  await expect(problems.getByRole('row', { name: /Yoga on the moon/ })).toContainText('no session type has this name');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Import 3 rows' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: shots('import-sessions-review-en') });
  await page.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(page.getByText('Imported 3, updated 0, skipped 0, rejected 2.').first()).toBeVisible();
});
