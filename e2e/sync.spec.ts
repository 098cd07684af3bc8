import type { Page } from '@playwright/test';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { faultProxy } from '../electron/core/sync/fault-proxy';
import { expectAccessible, signInAs } from './accounts';
import { firstRun, nav, shots } from './first-run';
import { expect, startHost, stopHost, test } from './web-host-fixture';

const display = { viewport: { width: 1366, height: 900 }, locale: 'en-GB' };

interface Account {
  email: string;
  password: string;
  name: string;
}

/** The reference server in a child process; resolves with its address and seeded accounts. */
async function startServer(): Promise<{ child: ChildProcess; url: string; admin: Account; staff: Account; manager: Account }> {
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
        resolve({ child, ...(JSON.parse(line) as { url: string; admin: Account; staff: Account; manager: Account }) });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`sync server exited with ${code}:\n${output}`)));
  });
}

/** First run, connected: the server's address and the user's account, then the Sync page with the first sync. */
async function connect(page: Page, hostUrl: string, serverUrl: string, account: Account) {
  await startConnecting(page, hostUrl, serverUrl, account);
  await expect(page.getByText(/^Verified /)).toBeVisible({ timeout: 30_000 });
}

/** The first run's connect form, up to the Sync page, where the first sync has begun. */
async function startConnecting(page: Page, hostUrl: string, serverUrl: string, account: Account) {
  await page.goto(hostUrl);
  await expect(page.getByRole('heading', { name: 'Set up Outpost' })).toBeVisible();
  await page.getByText("With my organisation's server").click();
  await page.getByLabel('Server address').fill(serverUrl);
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Connect and sync' }).click();
  await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();
}

async function syncNow(page: Page) {
  await nav(page).getByRole('link', { name: 'Sync' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByText('The last sync did not finish')).toHaveCount(0);
}

async function register(page: Page, given: string, family: string, phone?: string) {
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('link', { name: 'Register a person' }).click();
  await page.getByLabel('Given name').fill(given);
  await page.getByLabel('Family name').fill(family);
  await page.getByRole('radio', { name: 'Female', exact: true }).check();
  if (phone) await page.getByLabel('Phone').fill(phone);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${given} ${family}`);
}

async function openPerson(page: Page, name: string) {
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await page.getByRole('searchbox', { name: 'Search beneficiaries' }).fill(name);
  // The search has answered: a click before that can land on a row the new results replace.
  await expect(page.getByRole('status').filter({ hasText: '1 person matches' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Beneficiaries' })).toHaveAttribute('aria-busy', 'false');
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
    await register(staffPage, 'Zawadi', 'Achieng', '+254 700 000 001');
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

test('a first sync shows how many records are coming, and until it ends the reports say their figures are incomplete; then the header says when it synced, and when the connection is gone', async ({
  browser,
}) => {
  const server = await startServer();
  // The server answers the pull only when the test lets it, as a slow line would.
  const proxy = faultProxy(server.url);
  const proxyUrl = await proxy.listen();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-sync-'));
  const { host, child } = await startHost(dir);
  const context = await browser.newContext(display);
  const page = await context.newPage();
  const release = proxy.hold('/v1/sync/pull');
  try {
    await startConnecting(page, host.url, proxyUrl, server.manager);
    const progress = page.getByRole('progressbar', { name: 'Receiving changes…' });
    await expect(progress).toHaveAttribute('aria-valuenow', '0');
    await expect(page.getByText(/^Sent 0 · Received 0 of [1-9]\d*$/)).toBeVisible();
    await page.screenshot({ path: shots('sync-first-sync-progress'), fullPage: true });

    const notice = page.getByText('This computer has not finished its first sync with the server.', { exact: false });
    await nav(page).getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    await expect(notice).toBeVisible();
    await page.screenshot({ path: shots('reports-first-sync'), fullPage: true });
    await expectAccessible(page);

    // The line clears: the first sync ends, and the notice goes without the page being opened again.
    release();
    await expect(notice).toHaveCount(0, { timeout: 30_000 });
    await nav(page).getByRole('link', { name: 'Sync' }).click();
    await expect(page.getByText(/^Verified /)).toBeVisible({ timeout: 30_000 });
    const header = page.getByRole('status', { name: /^Sync status/ });
    await expect(header).toContainText('Synced just now');

    // The server goes away: the header says the connection is gone, and since when this computer is up to date.
    server.child.kill('SIGTERM');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(header).toContainText('No connection · Synced just now');
    await page.screenshot({ path: shots('sync-no-connection') });
  } finally {
    release();
    await context.close();
    await stopHost(child);
    await proxy.close();
    server.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a standalone computer connects later, its clinic becoming the server clinic the admin chooses; back up, register someone and sync, restore the backup: they are gone, and the next sync brings them back from the server', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const server = await startServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-sync-'));
  const { host, child } = await startHost(dir);
  const context = await browser.newContext(display);
  const page = await context.newPage();
  const beneficiaries = page.getByRole('table', { name: 'Beneficiaries' });
  const listed = async () => {
    await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
    return beneficiaries.getByRole('link', { name: /Wekesa/ });
  };
  try {
    // Standalone first, then connected from the Sync page. FLD is no clinic of the server's: the admin is asked which
    // one it becomes, with nothing changed until then.
    await firstRun(page, host.url, { name: 'Field post', code: 'FLD' });
    await register(page, 'Baraka', 'Otieno');
    await nav(page).getByRole('link', { name: 'Sync' }).click();
    const later = page.getByRole('region', { name: 'Connect to a server' });
    await later.getByLabel('Server address').fill(server.url);
    await later.getByLabel('Email').fill(server.admin.email);
    await later.getByRole('textbox', { name: 'Password', exact: true }).fill(server.admin.password);
    await later.getByRole('button', { name: 'Connect and sync' }).click();
    await expect(later.getByRole('alert')).toContainText('Choose which of your clinics on the server');
    await later.getByLabel('Clinic on the server for “Field post” (FLD)').click();
    await page.getByRole('option', { name: 'Kisumu (KIS)' }).click();
    await page.screenshot({ path: shots('sync-connect-later-clinic'), fullPage: true });
    await later.getByRole('button', { name: 'Connect and sync' }).click();
    await expect(page.getByText(/^Verified /)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('banner')).toContainText('Kisumu');
    await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
    await expect(beneficiaries.getByRole('link', { name: /Otieno/ })).toHaveText(['Otieno, Baraka']);

    await nav(page).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Backups' }).click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    const backups = page.getByRole('table', { name: 'Backups' });
    await expect(backups.getByRole('row').filter({ hasText: 'Made by hand' })).toHaveCount(1);

    // Someone registered after the backup, and sent to the server.
    await register(page, 'Imani', 'Wekesa');
    await syncNow(page);

    await nav(page).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Backups' }).click();
    await backups
      .getByRole('row')
      .filter({ hasText: 'Made by hand' })
      .getByRole('button', { name: /^Restore the backup of/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
    await expect(dialog).toContainText('what reached the server after the backup comes back with the next sync');
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Restored the backup of' })).toBeVisible();
    await expect(await listed()).toHaveCount(0);

    // The server still has them: the next sync brings them back, and the checksums agree.
    await syncNow(page);
    await expect(page.getByText(/^Verified /)).toBeVisible();
    await expect(await listed()).toHaveText(['Wekesa, Imani']);

    // Work goes on after the restore: a new registration reaches the server.
    await register(page, 'Neema', 'Chebet');
    await syncNow(page);
    await expect(page.getByText(/^Verified /)).toBeVisible();
    await page.screenshot({ path: shots('sync-after-restore'), fullPage: true });
    await expectAccessible(page);
  } finally {
    await context.close();
    await stopHost(child);
    server.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged store on a connected computer: an admin downloads everything again from the server, and is told what stays behind', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const server = await startServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-sync-'));
  let { host, child } = await startHost(dir);
  const context = await browser.newContext(display);
  const page = await context.newPage();
  try {
    await connect(page, host.url, server.url, server.admin);
    await register(page, 'Imani', 'Wekesa');
    await syncNow(page);
    // Registered, never sent: it is lost with the damaged store, and the screen says so first.
    await register(page, 'Neema', 'Chebet');
    await stopHost(child);
    execFileSync(process.execPath, ['--import', 'tsx', 'e2e/damage-store.ts', dir, 'beneficiaries'], {
      cwd: path.resolve(import.meta.dirname, '..'),
    });

    ({ host, child } = await startHost(dir));
    // The integrity check runs in the background after start-up: the recovery screen shows once it has found the damage.
    const heading = page.getByRole('heading', { name: 'Outpost cannot use its data' });
    await expect(async () => {
      await page.goto(host.url);
      await expect(heading).toBeVisible({ timeout: 3000 });
    }).toPass({ timeout: 60_000 });
    const form = page.getByRole('form', { name: 'Download everything again from the server' });
    await expect(form).toContainText(new URL(server.url).host);
    await expect(form.getByRole('note')).toHaveText('1 change made on this computer never reached the server. It will not come along.');
    await expectAccessible(page);
    await page.screenshot({ path: shots('recovery-redownload'), fullPage: true });

    await form.getByLabel('Administrator email').fill(server.staff.email);
    await form.getByRole('textbox', { name: 'Password' }).fill(server.staff.password);
    await form.getByRole('button', { name: 'Download everything again' }).click();
    await expect(form.getByRole('alert')).toContainText('Only an administrator on the server');

    await form.getByLabel('Administrator email').fill(server.admin.email);
    await form.getByRole('textbox', { name: 'Password' }).fill(server.admin.password);
    await form.getByRole('button', { name: 'Download everything again' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
    await signInAs(page, server.admin);
    await syncNow(page);
    await expect(page.getByText(/^Verified /)).toBeVisible();
    await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
    await expect(page.getByRole('table', { name: 'Beneficiaries' }).getByRole('link')).toHaveText(['Wekesa, Imani']);
    // The damaged file is kept for support, never deleted.
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('outpost.db.damaged-'))).toHaveLength(1);
  } finally {
    await context.close();
    await stopHost(child);
    server.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
