import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectAccessible, forbidDialogs, signInAs } from './accounts';
import { admin, firstRun, nav, shots } from './first-run';
import { expect, startHost, stopHost, test } from './web-host-fixture';

test.use({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });

/** Overwrites the first page of the store, as a failing disk sector would: the file no longer opens at all. */
function damageHeader(file: string) {
  const handle = fs.openSync(file, 'r+');
  fs.writeSync(handle, Buffer.alloc(4096, 0x5a), 0, 4096, 0);
  fs.closeSync(handle);
}

test('a store that no longer opens shows the recovery screen, and an admin restores the newest good backup', async ({ page }) => {
  test.slow();
  const dialogs = forbidDialogs(page);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
  let { host, child } = await startHost(dataDir);
  try {
    await firstRun(page, host.url);
    await nav(page).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByRole('table', { name: 'Backups' }).getByRole('row').filter({ hasText: 'Made by hand' })).toHaveCount(1);
    await stopHost(child);

    damageHeader(path.join(dataDir, 'outpost.db'));
    ({ host, child } = await startHost(dataDir));
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Outpost cannot use its data' })).toBeVisible();
    await expect(page.getByText(dataDir, { exact: true })).toBeVisible();
    await expect(page.getByText(/Newest backup:/)).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: shots('recovery-damaged'), fullPage: true });

    const form = page.getByRole('form', { name: 'Restore the newest good backup' });
    await form.getByLabel('Administrator email').fill(admin.email);
    await form.getByRole('textbox', { name: 'Password' }).fill('not the password');
    await form.getByRole('button', { name: 'Restore the newest good backup' }).click();
    await expect(form.getByRole('alert')).toContainText('not those of an administrator in the backup');

    await form.getByRole('textbox', { name: 'Password' }).fill(admin.password);
    await form.getByRole('button', { name: 'Restore the newest good backup' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await signInAs(page, admin);
    await expect(page.getByRole('banner')).toContainText('Kisumu Clinic');
    // The damaged file is kept for support, never deleted.
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('outpost.db.damaged-'))).toHaveLength(1);
    expect(dialogs).toEqual([]);
  } finally {
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a data folder that cannot be written is named, with a way to try again, and no crash', async ({ page }) => {
  test.slow();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
  // Root may write anywhere whatever the permissions: a folder under a plain file cannot be created by anyone.
  fs.writeFileSync(path.join(parent, 'usb-stick'), '');
  const dataDir = path.join(parent, 'usb-stick', 'outpost');
  const { host, child } = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Outpost cannot save its data' })).toBeVisible();
    await expect(page.getByText(dataDir, { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: shots('recovery-not-writable'), fullPage: true });
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByRole('alert')).toContainText('The folder still cannot be written.');
  } finally {
    await stopHost(child);
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
