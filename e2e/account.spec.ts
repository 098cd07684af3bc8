import { admin, expectAccessible, signInAs, userMenu } from './accounts';
import { firstRun, shots } from './first-run';
import { expect, test } from './web-host-fixture';

test.use({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });

test('a user changes their own password from the account menu; then only the new one signs in', async ({ page, host }) => {
  const newPassword = 'a brand new passphrase';
  await firstRun(page, host.url);

  await userMenu(page, 'Change password');
  const dialog = page.getByRole('dialog', { name: 'Change your password' });
  await expect(dialog).toBeVisible();

  // A wrong current password is said next to its field, and the form stays open.
  await dialog.getByLabel('Current password').fill('not my password');
  await dialog.getByRole('textbox', { name: 'New password', exact: true }).fill(newPassword);
  await dialog.getByLabel('Repeat the new password').fill(newPassword);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByText('That is not your current password.')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: shots('account-change-password-wrong') });

  // Repeating it differently is caught before anything is sent.
  await dialog.getByLabel('Current password').fill(admin.password);
  await dialog.getByLabel('Repeat the new password').fill('something else entirely');
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByText('The two passwords are not the same.')).toBeVisible();

  await dialog.getByLabel('Repeat the new password').fill(newPassword);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Your password is changed.');
  await page.screenshot({ path: shots('account-change-password-done') });
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();

  // Signed out, the old password no longer opens the account; the new one does.
  await userMenu(page, 'Sign out');
  await signInAs(page, admin);
  await expect(page.getByText('That email and password do not match an account on this computer.')).toBeVisible();
  await signInAs(page, { email: admin.email, password: newPassword });
  await expect(page.getByRole('banner')).toContainText('Kisumu Clinic');
});
