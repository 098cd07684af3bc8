import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { admin, expectAccessible } from './accounts';
import { firstRun, nav, shots } from './first-run';
import { expect, test } from './web-host-fixture';

test.use({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });

test('an admin exports the filtered audit trail as CSV; a name with a comma and quotes comes through whole', async ({ page, host }) => {
  await firstRun(page, host.url);
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('link', { name: 'Register a person' }).click();
  await page.getByLabel('Given name').fill('Wanjiru');
  await page.getByLabel('Family name').fill('Akinyi, "Crème"');
  await page.getByRole('radio', { name: 'Female', exact: true }).check();
  await page.getByText('Estimated age', { exact: true }).click();
  await page.getByLabel('Estimated age (years)').fill('30');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Akinyi');

  await nav(page).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('combobox', { name: 'What' }).click();
  await page.getByRole('option', { name: 'Registered', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Audit trail' }).getByRole('row')).toHaveCount(2);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as CSV' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.getByRole('status').filter({ hasText: /^Exported 1 entry to audit-/ })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: shots('audit-export-en') });

  const bytes = fs.readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ user: admin.name, action: 'beneficiaries.register', entity: 'beneficiaries' });
  expect(JSON.parse(rows[0]!.detail!).diff.familyName[1]).toBe('Akinyi, "Crème"');
});
