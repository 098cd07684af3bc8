import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expectAccessible, forbidDialogs } from './accounts';
import { admin, firstRun, nav, shots } from './first-run';
import { expect, test } from './web-host-fixture';

test.use({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });

test('an admin sees the diagnostics and exports a zip for support with no personal data in it', async ({ page, host }) => {
  const dialogs = forbidDialogs(page);
  await firstRun(page, host.url);
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('link', { name: 'Register a person' }).click();
  await page.getByLabel('Given name').fill('Zebulon');
  await page.getByLabel('Family name').fill('Quixotefield');
  await page.getByRole('radio', { name: 'Male', exact: true }).check();
  await page.getByText('Estimated age', { exact: true }).click();
  await page.getByLabel('Estimated age (years)').fill('41');
  await page.getByLabel('Phone').fill('+254 700 123 987');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zebulon Quixotefield');

  await nav(page).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Diagnostics' }).click();
  const facts = page.getByRole('region', { name: 'Diagnostics' });
  await expect(facts).toContainText(host.dataDir);
  // The start-up integrity check ran in the background.
  await expect(facts).toContainText('Passed');
  await expectAccessible(page);
  await page.screenshot({ path: shots('diagnostics-en'), fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export diagnostics' }).click();
  const zipFile = await (await download).path();
  const files = unzipSync(fs.readFileSync(zipFile));
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining(['summary.json', 'versions.json', 'settings.json', 'database.json', 'logs/outpost.log']),
  );
  const text = Object.values(files)
    .map((bytes) => strFromU8(bytes))
    .join('\n');
  for (const planted of ['Zebulon', 'Quixotefield', '700 123 987', admin.email, admin.name]) expect(text).not.toContain(planted);
  expect(JSON.parse(strFromU8(files['summary.json']!))).toMatchObject({ counts: { beneficiaries: 1 } });
  expect(dialogs).toEqual([]);
});
