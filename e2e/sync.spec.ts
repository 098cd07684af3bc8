import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nav, shots } from './first-run';
import { expect, startHost, stopHost, test } from './web-host-fixture';

const display = { viewport: { width: 1366, height: 900 }, locale: 'en-GB' };

interface Account {
  email: string;
  password: string;
  name: string;
}

/** The reference server in a child process; resolves with its address and seeded accounts. */
async function startServer(): Promise<{ child: ChildProcess; url: string; staff: Account; manager: Account }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/sync-server.ts'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sync server did not start:\n${output}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, ...(JSON.parse(line) as { url: string; staff: Account; manager: Account }) });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`sync server exited with ${code}:\n${output}`)));
  });
}

async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include('main').disableRules(['color-contrast']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** First run, connected: the server's address and the user's account, then the Sync page with the first sync. */
async function connect(page: Page, hostUrl: string, serverUrl: string, account: Account) {
  await page.goto(hostUrl);
  await expect(page.getByRole('heading', { name: 'Set up Outpost' })).toBeVisible();
  await page.getByText("With my organisation's server").click();
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Connect and sync' }).click();
  await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();
  await expect(page.getByText(/^Verified /)).toBeVisible({ timeout: 30_000 });
}

async function syncNow(page: Page) {
  await nav(page).getByRole('link', { name: 'Sync' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByText('The last sync did not finish')).toHaveCount(0);
}

async function openPerson(page: Page, name: string) {
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('searchbox', { name: 'Search beneficiaries' }).fill(name);
  await page
    .getByRole('link', { name: new RegExp(name) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Zawadi Achieng/);
}

async function editPhone(page: Page, phone: string) {
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Phone').fill(phone);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Zawadi Achieng/);
}

const detail = (page: Page, label: string) => page.locator(`xpath=//dt[normalize-space(.)="${label}"]/following-sibling::dd[1]`);

test('two computers edit the same person offline; the conflict shows side by side and a manager restores the lost value', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const server = await startServer();
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-sync-')));
  const hosts = await Promise.all(dirs.map((dir) => startHost(dir)));
  // Two computers: two browser contexts, each on its own web host.
  const contexts = [await browser.newContext(display), await browser.newContext(display)];
  const staffPage = await contexts[0]!.newPage();
  const managerPage = await contexts[1]!.newPage();
  try {
    await connect(staffPage, hosts[0]!.host.url, server.url, server.staff);
    await staffPage.screenshot({ path: shots('sync-first-sync'), fullPage: true });
    await expectAccessible(staffPage);
    await connect(managerPage, hosts[1]!.host.url, server.url, server.manager);

    // The staff member registers someone; both computers sync.
    await nav(staffPage).getByRole('link', { name: 'Beneficiaries' }).click();
    await staffPage.getByRole('link', { name: 'Register a person' }).click();
    await staffPage.getByLabel('Given name').fill('Zawadi');
    await staffPage.getByLabel('Family name').fill('Achieng');
    await staffPage.getByRole('radio', { name: 'Female', exact: true }).check();
    await staffPage.getByLabel('Phone').fill('+254 700 000 001');
    await staffPage.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(staffPage.getByRole('heading', { level: 1 })).toHaveText('Zawadi Achieng');
    await syncNow(staffPage);
    await syncNow(managerPage);
    await openPerson(managerPage, 'Zawadi');

    // Offline on both: each changes the phone number without seeing the other's change.
    await openPerson(staffPage, 'Zawadi');
    await editPhone(staffPage, '+254 711 111 111');
    await editPhone(managerPage, '+254 722 222 222');
    await syncNow(staffPage);
    await syncNow(managerPage);

    // The later change won; the manager sees both values side by side and restores the other one.
    const conflicts = managerPage.getByRole('table', { name: 'Conflicts' });
    await expect(conflicts).toBeVisible();
    const row = conflicts.getByRole('row').filter({ hasText: 'Phone' });
    await expect(row).toContainText('+254 722 222 222');
    await expect(row).toContainText('+254 711 111 111');
    await expect(row).toContainText(server.staff.name);
    await managerPage.screenshot({ path: shots('sync-conflict'), fullPage: true });
    await expectAccessible(managerPage);
    await row.getByRole('button', { name: /^Restore the replaced Phone/ }).click();
    await expect(managerPage.getByRole('table', { name: 'Conflicts' })).toHaveCount(0);
    await syncNow(managerPage);

    await syncNow(staffPage);
    await openPerson(staffPage, 'Zawadi');
    await expect(detail(staffPage, 'Phone')).toHaveText('+254 711 111 111');
    await openPerson(managerPage, 'Zawadi');
    await expect(detail(managerPage, 'Phone')).toHaveText('+254 711 111 111');
  } finally {
    for (const context of contexts) await context.close();
    for (const { child } of hosts) await stopHost(child);
    server.child.kill('SIGTERM');
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
});
