import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { admin, nav, shots, signIn } from './first-run';
import { expect, startHost, stopHost, test } from './web-host-fixture';

test.use({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });

test('first run, clinic settings with live refresh, Arabic, sign out and in', async ({ page, host }) => {
  await page.goto(host.url);

  // First run: standalone setup with a local admin.
  await expect(page.getByRole('heading', { name: 'Set up Outpost' })).toBeVisible();
  // The language can be chosen before anything else.
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('Français').click();
  await expect(page.getByRole('heading', { name: 'Configurer Outpost' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.screenshot({ path: shots('setup-fr'), fullPage: true });
  await page.getByRole('radiogroup', { name: 'Langue' }).getByText('English').click();
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByRole('textbox', { name: 'Organisation' })).toHaveAccessibleDescription(/This field is required/);
  await page.getByRole('textbox', { name: 'Organisation' }).fill('Lakeside Health Trust');
  await page.getByLabel('Clinic name').fill('Kisumu Clinic');
  await page.getByLabel('Clinic code').fill('ksm');
  await page.getByLabel('Your name').fill(admin.name);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByRole('textbox', { name: 'Password', exact: true })).toHaveAccessibleDescription(/Use at least 10 characters/);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Create and sign in' }).click();

  // The shell: organisation, user (name + role), clinic and sync state in the header.
  const header = page.getByRole('banner');
  await expect(header).toContainText('Lakeside Health Trust');
  await expect(header.getByRole('button', { name: /Account menu: Amina Odhiambo, Administrator/ })).toBeVisible();
  await expect(header).toContainText('Kisumu Clinic');
  await expect(header).toContainText('KSM');
  await expect(page.getByRole('status', { name: /^Sync status/ })).toContainText('Offline — no server configured');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  for (const link of ['Today', 'Beneficiaries', 'Sessions', 'Reports', 'Sync', 'Admin', 'Settings']) {
    await expect(nav(page).getByRole('link', { name: link })).toBeVisible();
  }
  // Clinics and users are the server's (pulled, never pushed): setting up leaves nothing to send.
  await expect(page.getByRole('status', { name: /^Sync status/ })).toContainText('All changes sent');

  // A second window of the same installation watches the Admin page while the first one edits.
  const watcher = await page.context().newPage();
  await watcher.goto(host.url);
  await signIn(watcher);
  await nav(watcher).getByRole('link', { name: 'Admin' }).click();
  const watchedActivity = watcher.getByRole('table', { name: 'Recent activity' });
  await expect(watchedActivity).toContainText('Created clinic');

  // Marks this document: if anything reloads the page, the mark is gone.
  await page.evaluate(() => ((window as unknown as { e2eMark: boolean }).e2eMark = true));

  // Settings: rename the clinic and change its code.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByLabel('Clinic name').fill('Kisumu Central');
  await page.getByLabel('Clinic code').fill('KSC');
  await page.getByRole('button', { name: 'Save clinic' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Clinic saved.' })).toBeVisible();

  // Live, without reload: the header, the clinics list and the recent activity.
  await expect(header).toContainText('Kisumu Central');
  await expect(header).toContainText('KSC');
  await expect(watchedActivity.getByRole('row').filter({ hasText: 'Updated clinic' }).first()).toContainText(
    'name: Kisumu Clinic → Kisumu Central',
  );
  await expect(watchedActivity.getByRole('row').filter({ hasText: 'Updated clinic' }).first()).toContainText('code: KSM → KSC');
  await expect(watchedActivity.getByRole('row').filter({ hasText: 'Updated clinic' }).first()).toContainText(admin.name);
  await expect(watcher.getByRole('table', { name: 'Clinics' })).toContainText('Kisumu Central');
  await expect(watcher.getByRole('banner')).toContainText('Kisumu Central');
  await watcher.close();

  await nav(page).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('table', { name: 'Recent activity' })).toContainText('name: Kisumu Clinic → Kisumu Central');
  expect(await page.evaluate(() => (window as unknown as { e2eMark?: boolean }).e2eMark)).toBe(true);
  await page.screenshot({ path: shots('shell-en'), fullPage: true });

  // The Sync page shows the real status.
  await nav(page).getByRole('link', { name: 'Sync' }).click();
  // Standalone, every change is kept here, and the audit trail waits for a server too: a count, apart from the changes.
  await expect(page.getByText('Every change on this computer has been sent.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Connect to a server' })).toBeVisible();
  await expect(page.getByText('Never')).toBeVisible();
  await expect(page.getByText(/^\d+ audit entries waiting to send/)).toBeVisible();
  await page.screenshot({ path: shots('sync-standalone'), fullPage: true });

  // A bad code: the field error sits next to the field, in words.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Clinic code').fill('K 1!');
  await page.getByRole('button', { name: 'Save clinic' }).click();
  await expect(page.getByLabel('Clinic code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Clinic code')).toHaveAccessibleDescription(/Use 2 to 8 letters or digits, without spaces/);
  await page.screenshot({ path: shots('settings-error') });
  await page.getByRole('button', { name: 'Undo changes' }).click();
  await expect(page.getByLabel('Clinic code')).toHaveValue('KSC');

  // Arabic: the layout mirrors, the words change, and it survives sign-out.
  // The radio inputs are visually hidden behind their labels: click the label, as a person does.
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('العربية').click();
  await expect(page.getByRole('radiogroup', { name: 'اللغة' }).getByRole('radio', { name: 'العربية' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  const arNav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });
  await expect(arNav.getByRole('link', { name: 'الإعدادات' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'الإعدادات', level: 1 })).toBeVisible();
  await expect(page.getByLabel('اسم العيادة')).toHaveValue('Kisumu Central');
  const navBox = await arNav.boundingBox();
  expect(navBox!.x).toBeGreaterThan(1366 / 2); // the navbar sits on the right
  await arNav.getByRole('link', { name: 'الإدارة' }).click();
  await expect(page.getByRole('table', { name: 'النشاط الأخير' })).toContainText('تعديل عيادة');
  await page.screenshot({ path: shots('shell-ar'), fullPage: true });

  await page
    .getByRole('banner')
    .getByRole('button', { name: /قائمة الحساب/ })
    .click();
  await page.getByRole('menuitem', { name: 'تسجيل الخروج' }).click();
  await expect(page.getByRole('heading', { name: 'تسجيل الدخول' })).toBeVisible();
  await page.getByRole('radiogroup', { name: 'اللغة' }).getByText('English').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

  // Sign in again: a wrong password is refused in words, the right one gets back in.
  await expect(page.getByText('Sign in to Lakeside Health Trust.')).toBeVisible();
  await page.getByLabel('Email').fill(admin.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('That email and password do not match an account on this computer.');
  await signIn(page);
  await expect(page.getByRole('banner')).toContainText(admin.name);
  await expect(page.getByRole('banner')).toContainText('Kisumu Central');
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
});

test('losing the core says so instead of failing silently', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
  const { host, child } = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Set up Outpost' })).toBeVisible();
    await stopHost(child);
    const dialog = page.getByRole('dialog', { name: 'Connection to the core lost' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Reload Outpost' })).toBeVisible();
    await page.screenshot({ path: shots('connection-lost') });
  } finally {
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
