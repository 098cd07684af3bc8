import type { Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Account, addUser, admin, expectAccessible, signInAs, userMenu } from './accounts';
import { firstRun, nav, shots } from './first-run';
import { expect, startHost, stopHost, test } from './web-host-fixture';

test.use({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });

const staff: Account = { name: 'Otieno Kamau', email: 'otieno@example.org', password: 'staff password 1' };
const lockScreen = (page: Page) => page.getByRole('heading', { name: 'Outpost is locked' });

test('the screen locks itself when idle, hides what was on it, and unlocks with the password or a PIN', async ({ page, host }) => {
  test.setTimeout(120_000); // several slow password and PIN checks
  // Playwright's clock drives the page's timers: idle minutes pass in an instant.
  await page.clock.install();
  await firstRun(page, host.url);

  // An administrator sets the idle time: 2 minutes.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  const autoLock = page.getByRole('textbox', { name: 'Lock the screen after' });
  await expect(autoLock).toHaveValue('10 minutes');
  await autoLock.fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expectAccessible(page);

  // Someone's record on screen, and a half-written form in a dialog.
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('link', { name: 'Register a person' }).click();
  await page.getByLabel('Given name').fill('Zawadi');
  await page.getByLabel('Family name').fill('Njeri');
  await page.getByRole('radio', { name: 'Female', exact: true }).check();
  await page.getByText('Estimated age', { exact: true }).click();
  await page.getByLabel('Estimated age (years)').fill('41');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const name = page.getByRole('heading', { name: 'Zawadi Njeri', level: 1 });
  await expect(name).toBeVisible();

  // Not yet: activity pushes the lock back.
  await page.clock.fastForward('01:30');
  await page.mouse.move(200, 300);
  await page.clock.fastForward('01:00');
  await expect(lockScreen(page)).toBeHidden();

  // Two idle minutes: locked. The record is gone from sight and from the accessibility tree, not just covered.
  await page.clock.fastForward('02:01');
  await expect(lockScreen(page)).toBeVisible();
  await expect(name).toBeHidden();
  await expect(page.getByText('Zawadi Njeri', { exact: true })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeHidden();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByText(`${admin.name} is signed in.`)).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: shots('lock-screen-en') });

  // A wrong password is refused in words; the right one brings the page back as it was.
  const password = page.getByRole('textbox', { name: 'Password' });
  await expect(password).toBeFocused();
  await password.fill('not my password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(password).toHaveAccessibleDescription('That password is not right.');
  await password.fill(admin.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockScreen(page)).toBeHidden();
  await expect(name).toBeVisible();

  // A PIN, set in Settings with the password.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  const pin = page.getByRole('form', { name: 'Set your PIN' });
  await expect(pin).toContainText('You have no PIN yet');
  await pin.getByRole('textbox', { name: 'PIN', exact: true }).fill('12a');
  await pin.getByRole('textbox', { name: 'Repeat the PIN' }).fill('12a');
  await pin.getByRole('textbox', { name: 'Your password' }).fill(admin.password);
  await pin.getByRole('button', { name: 'Set PIN' }).click();
  await expect(pin.getByRole('textbox', { name: 'PIN', exact: true })).toHaveAccessibleDescription(/A PIN is 4 to 8 digits/);
  await pin.getByRole('textbox', { name: 'PIN', exact: true }).fill('4821');
  await pin.getByRole('textbox', { name: 'Repeat the PIN' }).fill('4821');
  await pin.getByRole('textbox', { name: 'Your password' }).fill('wrong password');
  await pin.getByRole('button', { name: 'Set PIN' }).click();
  await expect(pin.getByRole('textbox', { name: 'Your password' })).toHaveAccessibleDescription(/That password is not right/);
  await pin.getByRole('textbox', { name: 'Your password' }).fill(admin.password);
  await pin.getByRole('button', { name: 'Set PIN' }).click();
  // Two slow hashes (the password checked, the PIN's verifier made) after a failure's pause: slow on a busy machine.
  await expect(pin.getByRole('status')).toHaveText('PIN saved.', { timeout: 30_000 });
  await expect(pin).toContainText('You have a PIN');

  // Idle again with a dialog open: the dialog is hidden with the rest, and there again after unlocking.
  await nav(page).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Add a user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await dialog.getByLabel('Name').fill('Half typed');
  await page.clock.fastForward('02:01');
  await expect(lockScreen(page)).toBeVisible();
  await expect(dialog).toBeHidden();

  // The lock screen in Arabic: right to left, offering the PIN first.
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('العربية').click();
  await expect(page.getByRole('heading', { name: 'Outpost مقفل' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectAccessible(page);
  await page.screenshot({ path: shots('lock-screen-ar') });
  await page.getByRole('textbox', { name: 'الرمز الشخصي' }).fill('0000');
  await page.getByRole('button', { name: 'فتح القفل' }).click();
  await expect(page.getByRole('textbox', { name: 'الرمز الشخصي' })).toHaveAccessibleDescription('الرمز الشخصي هذا غير صحيح.');
  await page.getByRole('textbox', { name: 'الرمز الشخصي' }).fill('4821');
  await page.getByRole('button', { name: 'فتح القفل' }).click();
  await expect(page.getByRole('heading', { name: 'Outpost مقفل' })).toBeHidden();
  await expect(page.getByRole('dialog', { name: 'إضافة مستخدم' }).getByLabel('الاسم')).toHaveValue('Half typed');
  await page.getByRole('dialog', { name: 'إضافة مستخدم' }).getByRole('button', { name: 'إلغاء' }).click();
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'الإعدادات' }).click();
  await page.getByRole('radiogroup', { name: 'اللغة' }).getByText('English').click();

  // Lock now, from the account menu.
  await userMenu(page, 'Lock now');
  await expect(lockScreen(page)).toBeVisible();
  await page.getByRole('textbox', { name: 'PIN' }).fill('4821');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
});

test('switch user keeps a half-filled registration for the person who started it, and only for them', async ({ page, host }) => {
  await firstRun(page, host.url);
  await addUser(page, staff, 'Staff');

  // The admin starts registering someone, and hands the computer over.
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('link', { name: 'Register a person' }).click();
  await page.getByLabel('Given name').fill('Imani');
  await page.getByLabel('Family name').fill('Chebet');
  await page.getByLabel('Phone').fill('0700 123 456');
  await userMenu(page, 'Switch user');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The colleague: a clean start, nothing of the admin's draft.
  await signInAs(page, staff);
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('link', { name: 'Register a person' }).click();
  await expect(page.getByLabel('Given name')).toHaveValue('');
  await expect(page.getByText('Your unfinished registration was kept.')).toHaveCount(0);
  await expect(page.getByText('Imani')).toHaveCount(0);
  await page.getByLabel('Given name').fill('Staff draft');
  await userMenu(page, 'Switch user');

  // The admin again: back on the form, as they left it.
  await signInAs(page, admin);
  await expect(page.getByRole('heading', { name: 'Register a person', level: 1 })).toBeVisible();
  await expect(page.getByText('Your unfinished registration was kept.')).toBeVisible();
  await expect(page.getByLabel('Given name')).toHaveValue('Imani');
  await expect(page.getByLabel('Family name')).toHaveValue('Chebet');
  await expect(page.getByLabel('Phone')).toHaveValue('0700 123 456');
  await page.getByRole('radio', { name: 'Female', exact: true }).check();
  await page.getByText('Estimated age', { exact: true }).click();
  await page.getByLabel('Estimated age (years)').fill('25');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Imani Chebet');

  // Saved, the draft is gone; the colleague's own draft waits for them alone.
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('link', { name: 'Register a person' }).click();
  await expect(page.getByLabel('Given name')).toHaveValue('');
  await userMenu(page, 'Sign out');
  await signInAs(page, staff);
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('link', { name: 'Register a person' }).click();
  await expect(page.getByLabel('Given name')).toHaveValue('Staff draft');
});

test('a deploy config fixes the auto-lock; its mistakes are shown to admins', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
  const deployFile = path.join(dataDir, 'deploy.json');
  fs.writeFileSync(deployFile, JSON.stringify({ autoLockMinutes: 5, updatePolicy: 'sometimes', updateChanel: 'beta' }));
  process.env.OUTPOST_DEPLOY_CONFIG = deployFile;
  const { host, child } = await startHost(path.join(dataDir, 'data'));
  delete process.env.OUTPOST_DEPLOY_CONFIG;
  try {
    await firstRun(page, host.url);
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    const autoLock = page.getByRole('textbox', { name: 'Lock the screen after' });
    await expect(autoLock).toHaveValue('5 minutes');
    await expect(autoLock).toBeDisabled();
    await expect(page.getByText("Set by your organisation's deployment configuration: it cannot be changed here.")).toBeVisible();
    // The policy it got wrong is ignored (the default applies, and can be changed); the typo is named.
    await expect(page.getByRole('radio', { name: 'Ask before installing' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Ask before installing' })).toBeEnabled();
    const problems = page.getByRole('alert').filter({ hasText: 'Problems in the deployment configuration' });
    await expect(problems).toContainText(deployFile);
    await expect(problems.getByRole('listitem').filter({ hasText: /^updatePolicy:/ })).toContainText('the value is not valid.');
    await expect(problems.getByRole('listitem').filter({ hasText: /^updateChanel:/ })).toContainText('not a known setting.');
    await expectAccessible(page);
    await page.getByRole('heading', { name: 'Security and updates' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: shots('settings-deploy-en') });
  } finally {
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
