import type { Locator, Page } from '@playwright/test';
import { type Account, addUser, admin, expectAccessible, forbidDialogs, openUsers, signInAs, userMenu } from './accounts';
import { firstRun, nav, shots } from './first-run';
import { expect, test } from './web-host-fixture';

// Ten wrong passwords on purpose: a short pause keeps the delay in play without waiting ~40 s for it.
test.use({ viewport: { width: 1366, height: 860 }, locale: 'en-GB', signInDelayMs: 100 });

const staff: Account = { name: 'Otieno Kamau', email: 'otieno@example.org', password: 'staff password 1' };
const manager: Account = { name: 'Halima Yusuf', email: 'halima@example.org', password: 'manager password 1' };

/** A value in a list of details, by its label. */
const detail = (scope: Locator, label: string) => scope.locator(`xpath=.//dt[normalize-space(.)="${label}"]/following-sibling::dd[1]`);
const users = (page: Page) => page.getByRole('table', { name: 'Users' });
const row = (page: Page, email: string) => users(page).getByRole('row').filter({ hasText: email });

async function adminSection(page: Page, name: 'Overview' | 'Users' | 'Audit trail' | 'Backups') {
  await nav(page).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name }).click();
}

/** Registers someone through the form, as beneficiaries.spec.ts does. */
async function register(page: Page, given: string, family: string, phone?: string) {
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('link', { name: 'Register a person' }).click();
  await page.getByLabel('Given name').fill(given);
  await page.getByLabel('Family name').fill(family);
  await page.getByRole('radio', { name: 'Female', exact: true }).check();
  await page.getByText('Estimated age', { exact: true }).click();
  await page.getByLabel('Estimated age (years)').fill('30');
  if (phone) await page.getByLabel('Phone').fill(phone);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${given} ${family}`);
}

test('an admin adds staff, who see no administration; ten wrong passwords lock an account until a reset', async ({ page, host }) => {
  test.setTimeout(120_000); // a long story in two windows, with a dozen deliberately slow password checks
  const dialogs = forbidDialogs(page);
  await firstRun(page, host.url);
  await openUsers(page);
  await expect(row(page, admin.email)).toContainText('Administrator');
  await expect(row(page, admin.email)).toContainText('(you)');
  await expect(row(page, admin.email)).toContainText('Kisumu Clinic');

  // Adding a user: the form's own checks, then the core's, each next to its field.
  await page.getByRole('button', { name: 'Add a user' }).click();
  const add = page.getByRole('dialog', { name: 'Add a user' });
  await expect(add.getByRole('checkbox', { name: /Kisumu Clinic/ })).toBeChecked(); // the only clinic
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.getByLabel('Name')).toHaveAccessibleDescription(/This field is required/);
  await expect(add.getByRole('textbox', { name: 'Password' })).toHaveAccessibleDescription(/Use at least 10 characters/);
  await add.getByLabel('Name').fill(staff.name);
  await add.getByLabel('Email').fill(admin.email);
  await add.getByRole('radio', { name: 'Staff' }).check();
  await add.getByRole('checkbox', { name: /Kisumu Clinic/ }).uncheck();
  await add.getByRole('textbox', { name: 'Password' }).fill(staff.password);
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.getByRole('group', { name: /^Clinics/ })).toHaveAccessibleDescription(/Choose at least one clinic\./);
  await add.getByRole('checkbox', { name: /Kisumu Clinic/ }).check();
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add.getByLabel('Email')).toHaveAccessibleDescription('Another account already uses this email.');
  await expectAccessible(page);
  await add.getByLabel('Email').fill(staff.email);
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(add).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `${staff.name} can now sign in.` })).toBeVisible();
  await expect(row(page, staff.email)).toContainText('Staff');
  await expect(row(page, staff.email)).toContainText('Active');

  // The staff member, in a window of their own: no Admin, and the core refuses them anyway.
  const other = await page.context().newPage();
  await other.goto(host.url);
  await signInAs(other, staff);
  await expect(other.getByRole('banner').getByRole('button', { name: /Account menu: Otieno Kamau, Staff/ })).toBeVisible();
  await expect(nav(other).getByRole('link', { name: 'Beneficiaries' })).toBeVisible();
  await expect(nav(other).getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await other.goto(`${host.url}#/admin/users`);
  await expect(other.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
  // The same call the Users page makes, on a socket of their own: refused by the core.
  const refused = await other.evaluate(async ({ email, password }) => {
    const token = document.querySelector<HTMLMetaElement>('meta[name="outpost-token"]')!.content;
    const socket = new WebSocket(`ws://${location.host}/rpc?token=${encodeURIComponent(token)}`);
    const replies = new Map<number, (value: unknown) => void>();
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data as string) as { id: number };
      replies.get(message.id)?.(message);
    };
    await new Promise((resolve) => (socket.onopen = resolve));
    const call = (id: number, type: string, path: string, input?: unknown) =>
      new Promise<{ type: string; error?: { code: string } }>((resolve) => {
        replies.set(id, resolve as (value: unknown) => void);
        socket.send(JSON.stringify({ id, type, path, input }));
      });
    const signedIn = await call(1, 'mutation', 'account.signIn', { email, password });
    const list = await call(2, 'query', 'users.list');
    socket.close();
    return { signedIn: signedIn.type, list: list.error?.code };
  }, staff);
  expect(refused).toEqual({ signedIn: 'data', list: 'FORBIDDEN' });

  // Ten wrong passwords in a row lock the account; the core waits longer after each (~40 s in all),
  // so the staff window keeps trying while the admin carries on in theirs.
  await userMenu(other, 'Sign out');
  const password = other.getByRole('textbox', { name: 'Password', exact: true });
  const guessing = (async () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      await other.getByLabel('Email').fill(staff.email);
      await password.fill(`wrong guess ${attempt}`);
      await other.getByRole('button', { name: 'Sign in' }).click();
      await expect(password).toHaveValue('', { timeout: 15_000 });
    }
  })();

  // A hostile name is stored as typed and shown as text.
  const hostile = { name: '<img src=x onerror=alert(1)>', email: 'hostile@example.org', password: 'hostile password' };
  await addUser(page, hostile, 'Manager');
  await expect(row(page, hostile.email)).toContainText(hostile.name);

  // The last administrator cannot take away their own role.
  await row(page, admin.email)
    .getByRole('button', { name: `Edit ${admin.name}` })
    .click();
  const edit = page.getByRole('dialog', { name: `Edit ${admin.name}` });
  await edit.getByRole('radio', { name: 'Manager' }).check();
  await expect(edit).toContainText('This is your own account');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit.getByRole('alert').filter({ hasText: 'This is the last active administrator' })).toBeVisible();
  await edit.getByRole('button', { name: 'Cancel' }).click();

  await guessing;
  // The right password no longer gets in.
  await signInAs(other, staff);
  await expect(other.getByRole('alert')).toContainText('This account is locked after too many failed attempts.');
  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The admin sees it and resets the password, which lifts the lockout.
  await nav(page).getByRole('link', { name: 'Today' }).click();
  await openUsers(page);
  await expect(row(page, staff.email)).toContainText('Locked out');
  await expectAccessible(page);
  await page.screenshot({ path: shots('users-en'), fullPage: true });
  await row(page, staff.email)
    .getByRole('button', { name: `Reset password of ${staff.name}` })
    .click();
  const reset = page.getByRole('dialog', { name: `Reset the password of ${staff.name}` });
  await expect(reset).toContainText('the new password unlocks it');
  await reset.getByRole('textbox', { name: 'New password' }).fill('a brand new password');
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(reset).toBeHidden();
  await expect(row(page, staff.email)).not.toContainText('Locked out');

  await signInAs(other, { email: staff.email, password: 'a brand new password' });
  await expect(other.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();

  // Deactivated: the very next call signs them out.
  await row(page, staff.email)
    .getByRole('button', { name: `Edit ${staff.name}` })
    .click();
  const deactivate = page.getByRole('dialog', { name: `Edit ${staff.name}` });
  await deactivate.getByRole('switch', { name: 'Can sign in' }).uncheck();
  await deactivate.getByRole('button', { name: 'Save changes' }).click();
  await expect(row(page, staff.email)).toContainText('Deactivated');
  await expect(other.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(dialogs).toEqual([]);
});

test("a manager reads one record's audit trail; an admin verifies the trail", async ({ page, host }) => {
  await firstRun(page, host.url);
  await register(page, 'Crème', 'Akinyi', '0712 345 678');
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Phone').fill('0799 000 111');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Crème Akinyi');
  await register(page, 'Zawadi', 'Njeri');
  await addUser(page, manager, 'Manager');

  // The administrator checks that nothing in the trail was changed.
  await adminSection(page, 'Audit trail');
  await page.getByRole('button', { name: 'Verify audit trail' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The audit trail is intact' })).toBeVisible();
  await expect(page.getByText(/^\d+ entries checked: nothing was changed or removed\.$/)).toBeVisible();

  // The manager, in a window of their own.
  const other = await page.context().newPage();
  await other.setViewportSize({ width: 1366, height: 860 });
  await other.goto(host.url);
  await signInAs(other, manager);
  await nav(other).getByRole('link', { name: 'Admin' }).click();
  const sections = other.getByRole('navigation', { name: 'Administration sections' });
  await expect(sections.getByRole('link')).toHaveText(['Overview', 'Audit trail']);
  await sections.getByRole('link', { name: 'Audit trail' }).click();
  const trail = other.getByRole('table', { name: 'Audit trail' });
  await expect(trail).toContainText('Registered');
  await expect(other.getByRole('button', { name: 'Verify audit trail' })).toHaveCount(0);

  // One record: find the person by a fragment of their name.
  await other.getByRole('combobox', { name: 'Beneficiary' }).fill('akin');
  await other.getByRole('option', { name: /Akinyi, Crème/ }).click();
  await expect(trail.getByRole('row').filter({ hasText: 'Edited' })).toContainText('phone: 0712 345 678 → 0799 000 111');
  await expect(trail.getByRole('row').filter({ hasText: 'Edited' })).toContainText(admin.name);
  await expect(trail.getByRole('row').filter({ hasText: 'Registered' })).toHaveCount(1);
  await expect(trail).not.toContainText('Zawadi');
  await expectAccessible(other);
  await other.screenshot({ path: shots('audit-viewer-en') });
  // …and only its edits.
  await other.getByRole('combobox', { name: 'What' }).click();
  await other.getByRole('option', { name: 'Edited', exact: true }).click();
  await expect(trail.getByRole('row')).toHaveCount(2);

  // Who: everything the manager did themselves (signing in), nothing else.
  await other.getByRole('button', { name: 'Clear filters' }).click();
  await other.getByRole('combobox', { name: 'Who' }).click();
  await other.getByRole('option', { name: manager.name }).click();
  await expect(trail.getByRole('row').nth(1)).toContainText('Signed in');
  await expect(trail).not.toContainText(admin.name);
  // A period that ends before it starts is said so, next to the field.
  const from = other.getByRole('textbox', { name: 'From', exact: true });
  await from.fill('2030-01-02');
  await other.getByRole('textbox', { name: 'To', exact: true }).fill('2030-01-01');
  await expect(from).toHaveAccessibleDescription('The start is after the end.');
});

test('back up now, register someone, restore: they are gone and the pre-restore copy is listed', async ({ page, host }) => {
  test.setTimeout(120_000); // a backup, then a restore that writes two copies of the data
  await firstRun(page, host.url);
  await register(page, 'Amani', 'Wafula');
  await adminSection(page, 'Backups');
  const backups = page.getByRole('table', { name: 'Backups' });
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backup made' })).toBeVisible();
  await expect(backups.getByRole('row').filter({ hasText: 'Made by hand' })).toHaveCount(1);

  await register(page, 'Baraka', 'Otieno');
  await adminSection(page, 'Backups');
  await backups
    .getByRole('row')
    .filter({ hasText: 'Made by hand' })
    .getByRole('button', { name: /^Restore the backup of/ })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
  await expect(detail(dialog, 'Beneficiaries')).toHaveText('1');
  await expect(detail(dialog, 'Sessions')).toHaveText('0');
  await expect(dialog).toContainText('Everything on this computer will be replaced');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Restore this backup' }).click();
  // A restore checks the backup's integrity and keeps a copy of the current data first: disk-bound, slow on a busy disk.
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Restored the backup of' })).toContainText('Beneficiaries: 1; sessions: 0.');
  await expect(backups.getByRole('row').filter({ hasText: 'Before a restore' })).toHaveCount(1);
  await expectAccessible(page);
  await page.screenshot({ path: shots('backups-en'), fullPage: true });

  // Every view follows: the person registered after the backup is gone.
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  const list = page.getByRole('table', { name: 'Beneficiaries' });
  await expect(list.getByRole('link')).toHaveText(['Wafula, Amani']);
});
