import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { admin, nav } from './first-run';
import { expect, test } from './web-host-fixture';

export interface Account {
  name: string;
  email: string;
  password: string;
}

/** axe over what a person sees, colour contrast included: the page's main content, or any open dialog. */
export async function expectAccessible(page: Page) {
  // Colour contrast reads the computed style of every text node: each scan brings its own time, so a busy
  // machine slows the scan without eating the steps of the test around it.
  test.info().setTimeout(test.info().timeout + 30_000);
  const axe = new AxeBuilder({ page }).include('main');
  if ((await page.getByRole('dialog').count()) > 0) axe.include('[role="dialog"]');
  const { violations } = await axe.analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Fails the test on any browser dialog: hostile text must never run as script. */
export function forbidDialogs(page: Page): string[] {
  const opened: string[] = [];
  page.on('dialog', (dialog) => {
    opened.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return opened;
}

export async function signInAs(page: Page, account: Pick<Account, 'email' | 'password'>) {
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function userMenu(page: Page, item: 'Lock now' | 'Switch user' | 'Sign out' | 'Settings' | 'Change password') {
  await page
    .getByRole('banner')
    .getByRole('button', { name: /^Account menu/ })
    .click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Admin → Users, as an administrator. */
export async function openUsers(page: Page) {
  await nav(page).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('table', { name: 'Users' })).toBeVisible();
}

/** Adds a user through Admin → Users (the installation has one clinic, ticked already). */
export async function addUser(page: Page, account: Account, role: 'Administrator' | 'Manager' | 'Staff') {
  await openUsers(page);
  await page.getByRole('button', { name: 'Add a user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a user' });
  await dialog.getByLabel('Name').fill(account.name);
  await dialog.getByLabel('Email').fill(account.email);
  await dialog.getByRole('radio', { name: role }).check();
  await dialog.getByRole('textbox', { name: 'Password' }).fill(account.password);
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: account.email })).toContainText(role);
}

export { admin };
