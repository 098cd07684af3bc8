import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addUser, expectAccessible, signInAs, userMenu } from './accounts';
import { nav, shots } from './first-run';
import { expect, startHost, stopHost, test } from './web-host-fixture';

test.use({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB', timezoneId: 'Africa/Nairobi' });
// This file's tests run in order in one worker, so that they share the seeded data folder below (each on its own copy).
test.describe.configure({ mode: 'default' });

const demo = { email: 'admin@example.org', password: 'outpost-demo-password' };
const manager = { name: 'Fatima Manager', email: 'fatima@example.org', password: 'a long enough password' };

/** The demo clinic: people, twelve staff and two years of sessions, made through the core's write path (seconds of writes). */
let demoFolder: string | undefined;
test.afterAll(() => {
  if (demoFolder) fs.rmSync(demoFolder, { recursive: true, force: true });
});

/** A data folder of the test's own, copied from the demo clinic seeded once for this file's tests. */
function seededFolder(): string {
  if (!demoFolder) {
    demoFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-reports-demo-'));
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'bench/seed-demo.ts', '--beneficiaries', '300', '--sessions', '2500', '--data-dir', demoFolder],
      { cwd: path.resolve(import.meta.dirname, '..'), stdio: 'pipe' },
    );
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-reports-'));
  fs.cpSync(demoFolder, dataDir, { recursive: true });
  return dataDir;
}

async function pick(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

const figure = (page: Page, label: string) => page.getByRole('button', { name: new RegExp(`^${label}: `) });
/** The number a headline figure shows, as the list's count will print it. */
async function figureValue(page: Page, label: string): Promise<string> {
  const name = await figure(page, label).getAttribute('aria-label');
  return /: ([\d,]+)\./.exec(name!)![1]!;
}
const listCount = (page: Page) => page.getByRole('status').filter({ hasText: /match|No one|No session/ });

/** The first and last day of last month in the user's calendar. */
function lastMonth(): { from: string; to: string; label: RegExp } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const month = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(first);
  return { from: day(first), to: day(last), label: new RegExp(`^1 ${month} ${first.getUTCFullYear()} – ${last.getUTCDate()} ${month}`) };
}

test('a manager reads last month at their clinic and opens the lists behind the figures and bars', async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = seededFolder();
  const { host, child } = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await signInAs(page, demo);
    await addUser(page, manager, 'Manager');
    await userMenu(page, 'Sign out');
    await signInAs(page, manager);
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();

    await nav(page).getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    await pick(page, 'Period', 'Last month');
    await pick(page, 'Clinic', 'Kisumu Clinic (KIS)');
    const month = lastMonth();
    await expect(page.getByText(month.label)).toBeVisible();

    // The six figures, each beside the previous period.
    for (const label of ['Active beneficiaries', 'New registrations', 'Sessions held', 'Beneficiaries served', 'Attendance rate'])
      await expect(figure(page, label)).toBeVisible();
    await expect(page.getByText('Overdue follow-ups')).toBeVisible();
    const held = await figureValue(page, 'Sessions held');
    expect(Number(held.replace(/,/g, ''))).toBeGreaterThan(10);
    await expect(page.getByText(/in the previous period/).first()).toBeVisible();
    for (const title of [
      'Sessions per week, by type',
      'Attendance rate',
      'New registrations per month',
      'Beneficiaries by sex and age',
      'Sessions per staff member',
    ])
      await expect(page.getByRole('region', { name: title })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: shots('reports-dashboard'), fullPage: true });

    // A tooltip names the figures under the pointer.
    const weekly = page.getByRole('region', { name: 'Sessions per week, by type' });
    const plot = (await weekly.getByRole('img').boundingBox())!;
    await page.mouse.move(plot.x + plot.width / 2, plot.y + plot.height / 2);
    await expect(weekly.getByText('Counselling').first()).toBeVisible();

    // Sessions held → the session list for the same days, completed, at that clinic: the same count.
    await figure(page, 'Sessions held').click();
    await expect(page.getByRole('heading', { name: 'Sessions', level: 1 })).toBeVisible();
    await expect(listCount(page)).toHaveText(`${held} sessions match`);
    await expect(page.getByRole('textbox', { name: 'From' })).toHaveValue(month.from);
    await expect(page.getByRole('textbox', { name: 'Until' })).toHaveValue(month.to);

    // Back on the dashboard the filters are kept; the staff chart as a table opens one person's sessions.
    await nav(page).getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByText(month.label)).toBeVisible();
    const staff = page.getByRole('region', { name: 'Sessions per staff member' });
    // The radio inputs sit behind their labels: click the label, as a person does.
    await staff.getByText('Table', { exact: true }).click();
    const firstRow = staff.getByRole('row').nth(1);
    const name = (await firstRow.getByRole('rowheader').textContent())!;
    const count = (await firstRow.getByRole('button').textContent())!;
    await expectAccessible(page);
    await firstRow.getByRole('button').click();
    await expect(listCount(page)).toHaveText(`${count} ${count === '1' ? 'session matches' : 'sessions match'}`);
    await expect(page.getByRole('combobox', { name: 'Staff', exact: true })).toHaveValue(name);

    // New registrations → the beneficiary list registered in those days.
    await nav(page).getByRole('link', { name: 'Reports' }).click();
    const registered = await figureValue(page, 'New registrations');
    await figure(page, 'New registrations').click();
    await expect(page.getByRole('heading', { name: 'Beneficiaries', level: 1 })).toBeVisible();
    await expect(listCount(page)).toHaveText(
      registered === '0' ? 'No one matches' : `${registered} ${registered === '1' ? 'person matches' : 'people match'}`,
    );

    // Arabic: the same dashboard, mirrored.
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('العربية').click();
    await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'التقارير' }).click();
    await expect(page.getByRole('heading', { name: 'التقارير', level: 1 })).toBeVisible();
    await expect(page.getByRole('region', { name: 'الجلسات أسبوعيًا حسب النوع' })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: shots('reports-dashboard-ar'), fullPage: true });
  } finally {
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('staff do not see Reports', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = seededFolder();
  const { host, child } = await startHost(dataDir);
  try {
    await page.goto(host.url);
    await signInAs(page, { email: 'staff1@example.org', password: demo.password });
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
    await expect(nav(page).getByRole('link', { name: 'Sessions' })).toBeVisible();
    await expect(nav(page).getByRole('link', { name: 'Reports' })).toHaveCount(0);
  } finally {
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
