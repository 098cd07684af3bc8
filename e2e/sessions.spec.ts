import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectAccessible } from './accounts';
import { nav, shots } from './first-run';
import { expect, startHost, stopHost, test } from './web-host-fixture';

// Nairobi has no daylight saving: 07:00 UTC is 10:00 there, on the same calendar day.
test.use({ viewport: { width: 1366, height: 860 }, locale: 'en-GB', timezoneId: 'Africa/Nairobi' });

const DAY = 86_400_000;
const demo = { name: 'Amina Admin', email: 'admin@example.org', password: 'outpost-demo-password' };

/** The test's "today": 10:00 in Nairobi, tomorrow in real time (the seeded people were registered before it). */
const day0 = new Date(Math.floor(Date.now() / DAY) * DAY + DAY + 7 * 3_600_000);
const at = (days: number) => new Date(day0.getTime() + days * DAY);
/** A calendar date in Nairobi (the same as in UTC, since the test's times are mid-morning). */
const ymd = (date: Date) => date.toISOString().slice(0, 10);

/** A data folder with the demo administrator and 41 people, made through the core's own write path. */
function seededFolder(): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-sessions-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'bench/seed-demo.ts', '--beneficiaries', '41', '--data-dir', dataDir], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: 'pipe',
  });
  return dataDir;
}

/** The web host on that folder, its core's clock set to `now` (the renderer's is set by page.clock). */
async function hostAt(dataDir: string, now: Date) {
  const previous = process.env.OUTPOST_CLOCK_OFFSET_MS;
  process.env.OUTPOST_CLOCK_OFFSET_MS = String(now.getTime() - Date.now());
  try {
    return await startHost(dataDir);
  } finally {
    if (previous === undefined) delete process.env.OUTPOST_CLOCK_OFFSET_MS;
    else process.env.OUTPOST_CLOCK_OFFSET_MS = previous;
  }
}

async function openAt(page: Page, url: string, now: Date) {
  await page.clock.setFixedTime(now);
  await page.goto(url);
  await page.getByLabel('Email').fill(demo.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(demo.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
}

async function pick(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types a code into "Add people" and adds the one person it finds with Enter; returns their name. */
async function addByCode(page: Page, code: string): Promise<string> {
  const picker = page.getByRole('combobox', { name: 'Add people' });
  await picker.fill(code);
  const option = page.getByRole('option', { name: new RegExp(`, ${code}$`) });
  await expect(option).toBeVisible();
  const name = (await option.getAttribute('aria-label'))!.replace(`, ${code}`, '');
  await picker.press('Enter');
  await expect(page.getByRole('table', { name: 'People on this session' })).toContainText(code);
  return name;
}

async function fillStart(page: Page, date: Date, time: string) {
  await page.getByRole('textbox', { name: 'Date', exact: true }).fill(ymd(date));
  await page.getByRole('textbox', { name: 'Start time' }).fill(time);
}

const section = (page: Page, name: string) => page.getByRole('region', { name });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** In-app navigation (the hash router): a reload would sign the window out. */
async function go(page: Page, hash: string) {
  await page.evaluate((target) => (location.hash = target), hash);
}

test('schedule, see it on Today and in the agenda, complete it with a follow-up that falls due; a group of 40 by keyboard', async ({
  page,
}) => {
  // About a minute on a quiet machine; the margin is for a busy one (the full suite, benchmarks alongside).
  test.setTimeout(180_000);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const hostile = '<img src=x onerror=alert(1)>';
  const dataDir = seededFolder();
  let { host, child } = await hostAt(dataDir, day0);
  try {
    await openAt(page, host.url, day0);

    // A first morning: nothing planned, nothing overdue.
    await expect(section(page, 'My sessions')).toContainText('Nothing planned for you on this day');
    await expect(section(page, 'Overdue follow-ups')).toContainText('No follow-up is overdue.');
    await expect(section(page, 'Missed, no follow-up yet')).toContainText('Everyone who missed a session has something planned.');

    // The seeded codes share a device prefix: KIS-XXX-0001 … KIS-XXX-0041.
    await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
    // Read once the row is loaded (a row still being fetched shows placeholders).
    const codeCell = page.getByRole('table', { name: 'Beneficiaries' }).getByRole('row').nth(1).getByRole('cell').nth(1);
    await expect(codeCell).toHaveText(/^KIS-[A-Z0-9]+-\d{4}$/);
    const firstCode = (await codeCell.textContent())!;
    const prefix = firstCode.slice(0, -4);
    const [codeA, codeB] = [`${prefix}0041`, `${prefix}0040`];

    // Schedule a one-to-one session this morning (started already: it can be marked from Today).
    await nav(page).getByRole('link', { name: 'Today' }).click();
    await page.getByRole('link', { name: 'Schedule a session' }).first().click();
    await expect(page.getByRole('heading', { name: 'Schedule a session', level: 1 })).toBeVisible();
    await expect(page.getByRole('combobox', { name: 'Staff member' })).toHaveValue('Amina Admin (you)');
    await pick(page, 'Type', 'Counselling');
    await expect(page.getByLabel('Duration (minutes)')).toHaveValue('60');
    await fillStart(page, day0, '09:00');
    await page.getByLabel('Location').fill(hostile);
    const personA = await addByCode(page, codeA);
    await expect(section(page, 'Double bookings')).toContainText('Nobody here has another session at this time.');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Counselling', level: 1 })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    const sessionA = page.url();

    // A second one at 09:30 for the same staff member: warned before saving and after, never blocked.
    await go(page, '#/sessions/new');
    await pick(page, 'Type', 'Home visit');
    await fillStart(page, day0, '09:30');
    const personB = await addByCode(page, codeB);
    await expect(section(page, 'Double bookings')).toContainText('Amina Admin already has a session on');
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'Saved, with a double booking' });
    await expect(warning).toContainText('Amina Admin already has a session on');
    await expect(page.getByRole('heading', { name: 'Home visit', level: 1 })).toBeVisible();
    await expectAccessible(page);
    // Edited to half an hour: still overlapping, still saved, warned again.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await expect(page.getByRole('textbox', { name: 'Start time' })).toHaveValue('09:30');
    await page.getByLabel('Duration (minutes)').fill('30');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(warning).toContainText('Amina Admin already has a session on');
    await expect(page.getByRole('table', { name: 'History of this session' }).getByRole('row').filter({ hasText: 'Edited' })).toContainText(
      'duration: 45 min → 30 min',
    );
    await warning.getByRole('link', { name: 'Open it' }).click();
    await expect(page.getByRole('heading', { name: 'Counselling', level: 1 })).toBeVisible();
    await expect(section(page, 'Details')).toContainText(hostile);

    // Today: both, each one click from done. Mark the first attended; move the second to this afternoon.
    await nav(page).getByRole('link', { name: 'Today' }).click();
    const mine = section(page, 'My sessions');
    await expect(mine.getByRole('listitem')).toHaveCount(2);
    await mine.getByRole('button', { name: `Mark attended: ${personA}` }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Marked attended and completed' })).toContainText(personA);
    await expect(mine.getByRole('listitem').filter({ hasText: personA })).toContainText('Completed');
    await mine.getByRole('button', { name: `Reschedule Home visit with ${personB}` }).click();
    const popover = page.getByRole('dialog', { name: `Reschedule Home visit with ${personB}` });
    await popover.getByLabel('Date').fill(ymd(day0));
    await popover.getByLabel('Start time').fill('15:00');
    await popover.getByRole('button', { name: 'Reschedule' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Planned for' })).toContainText('15:00–15:30');
    await expect(mine.getByRole('listitem').filter({ hasText: personB })).toContainText('15:00–15:30');
    await expectAccessible(page);

    // The agenda: this week, as blocks in the type's colour; a click opens the session.
    await nav(page).getByRole('link', { name: 'Sessions' }).click();
    await page.getByRole('navigation', { name: 'Session views' }).getByRole('link', { name: 'Agenda' }).click();
    const week = page.getByRole('region', { name: /^Agenda, / });
    await expect(week.getByRole('link', { name: new RegExp(`^09:00 Counselling · Completed ${escape(personA)}`) })).toBeVisible();
    await expect(week.getByRole('link', { name: new RegExp(`^15:00 Home visit ${escape(personB)}`) })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: shots('agenda-week-en') });
    await page.getByRole('radiogroup', { name: 'Show' }).getByText('Day').click();
    await expect(page.getByRole('region', { name: /^Agenda, / }).getByRole('list')).toHaveCount(1);
    await expect(week.getByRole('link')).toHaveCount(2);
    await page.getByRole('radiogroup', { name: 'Show' }).getByText('Week').click();
    await week.getByRole('link', { name: /Counselling/ }).click();
    expect(page.url()).toBe(sessionA);

    // Its outcome and a follow-up in a week, from the attendance page.
    await page.getByRole('link', { name: 'Change attendance' }).click();
    const grid = page.getByRole('table', { name: 'Attendance' });
    await expect(grid.getByRole('radio', { name: 'Attended' })).toBeFocused();
    await expect(grid.getByRole('radio', { name: 'Attended' })).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('Tab');
    await expect(grid.getByRole('textbox', { name: `Outcome: ${personA}` })).toBeFocused();
    await page.keyboard.type(`Sleeping better. ${hostile}`);
    await page.getByLabel('Follow-up date').fill(ymd(at(7)));
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await expect(page.getByRole('heading', { name: 'Counselling', level: 1 })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Attendance' })).toContainText(`Sleeping better. ${hostile}`);
    await expect(section(page, 'Details')).toContainText(
      new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(at(7)),
    );
    const history = page.getByRole('table', { name: 'History of this session' });
    await expect(history.getByRole('row').filter({ hasText: 'Completed' })).toContainText('status: Scheduled → Completed');
    await expect(history.getByRole('row').filter({ hasText: 'attendance: Not marked → Attended' })).toHaveCount(1);
    await expect(history.getByRole('row').filter({ hasText: 'Edited' })).toContainText('follow-up date: —');

    // Eight days later: the follow-up is overdue.
    await stopHost(child);
    ({ host, child } = await hostAt(dataDir, at(8)));
    await openAt(page, host.url, at(8));
    const overdue = section(page, 'Overdue follow-ups');
    await expect(overdue.getByRole('listitem')).toHaveCount(1);
    await expect(overdue.getByRole('listitem')).toContainText(personA);
    await expect(overdue.getByRole('listitem')).toContainText('1 day late');

    // A group session this morning: everyone a search finds, less one, makes 40.
    await page.getByRole('link', { name: 'Schedule a session' }).first().click();
    await pick(page, 'Type', 'Group session · group');
    await expect(page.getByLabel('Duration (minutes)')).toHaveValue('90');
    await fillStart(page, at(8), '08:00');
    await page.getByRole('combobox', { name: 'Add people' }).fill(prefix);
    await page.getByRole('button', { name: 'Add all 41 people found' }).click();
    await page.getByRole('button', { name: `Remove ${personA}` }).click();
    await expect(page.getByText('40 people on the list')).toBeVisible();
    await expect(section(page, 'Double bookings')).toContainText('Nobody here has another session at this time.');
    await page.screenshot({ path: shots('session-form-en'), fullPage: true });
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Group session', level: 1 })).toBeVisible();

    // Attendance by keyboard: a roll call (A, M, E or 1, 2, 3 mark and move on), then back up to note an outcome.
    await page.getByRole('link', { name: 'Take attendance' }).click();
    const roll = page.getByRole('table', { name: 'Attendance' });
    await expect(roll.getByRole('row')).toHaveCount(41);
    await expect(roll.getByRole('radiogroup').first().getByRole('radio', { name: 'Attended' })).toBeFocused();
    for (let i = 0; i < 40; i++) await page.keyboard.press(i === 3 ? 'm' : i === 7 ? '3' : 'a');
    const summary = page.getByRole('status').filter({ hasText: 'attended ·' });
    await expect(summary).toHaveText('38 attended · 1 missed · 1 excused');
    await page.keyboard.press('Home');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    const missedRow = roll.getByRole('row').nth(4);
    await expect(missedRow.getByRole('radio', { name: 'Missed' })).toBeFocused();
    const missedName = (await missedRow.getByRole('radiogroup').getAttribute('aria-label'))!.replace('Attendance: ', '');
    await page.keyboard.press('Tab');
    await expect(roll.getByRole('textbox', { name: `Outcome: ${missedName}` })).toBeFocused();
    await page.keyboard.type('Travelling to Kisii; call next week');
    await expect(page.getByRole('note', { name: 'Keyboard' })).toContainText('then on to the next person');
    await expectAccessible(page);
    await page.screenshot({ path: shots('group-attendance-en') });
    await page.getByRole('button', { name: 'Save and complete' }).click();
    await expect(page.getByRole('heading', { name: 'Group session', level: 1 })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'attended ·' })).toHaveText('38 attended · 1 missed · 1 excused');
    await expectAccessible(page);
    const groupHistory = page.getByRole('table', { name: 'History of this session' });
    await expect(groupHistory.getByRole('row').filter({ hasText: 'Attendance marked' })).toHaveCount(1);
    await expect(groupHistory.getByRole('row').filter({ hasText: 'Attendance marked' })).toContainText('40 people');
    await page.getByRole('button', { name: 'Show all 40' }).first().click();
    await page.screenshot({ path: shots('session-history-en'), fullPage: true });

    // Today: the group held, the overdue follow-up, the missed session with nothing planned.
    await nav(page).getByRole('link', { name: 'Today' }).click();
    await expect(section(page, 'My sessions').getByRole('listitem')).toContainText('Completed');
    await expect(section(page, 'Missed, no follow-up yet').getByRole('listitem')).toContainText('Group session');
    await expect(overdue.getByRole('listitem')).toHaveCount(1);
    await page.screenshot({ path: shots('today-en'), fullPage: true });

    // Reschedule the overdue follow-up in one click: a new session is planned and the follow-up is settled.
    await overdue.getByRole('button', { name: /^Reschedule Counselling/ }).click();
    await page
      .getByRole('dialog', { name: /^Reschedule Counselling/ })
      .getByRole('button', { name: 'Reschedule' })
      .click();
    await expect(page.getByRole('status').filter({ hasText: 'Planned for' })).toBeVisible();
    await expect(overdue).toContainText('No follow-up is overdue.');

    // The list: type, attendance and the missed person's name together find the group session.
    await nav(page).getByRole('link', { name: 'Sessions' }).click();
    const count = page.getByRole('status').filter({ hasText: /session/ });
    await expect(count).toHaveText('4 sessions');
    await pick(page, 'Type', 'Group session');
    await pick(page, 'Attendance', 'Someone missed');
    await page.getByLabel('From').fill(ymd(at(8)));
    await page.getByRole('searchbox', { name: 'Search sessions by attendee' }).fill(missedName.split(' ')[0]!);
    await expect(count).toHaveText('1 session matches');
    await expectAccessible(page);
    await page.screenshot({ path: shots('session-list-en') });
    await page.getByRole('table', { name: 'Sessions' }).getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'Group session', level: 1 })).toBeVisible();
    const groupUrl = page.url();
    await page.screenshot({ path: shots('session-page-en') });

    // From the profile of the person who missed it: record the visit they made instead, never scheduled.
    await page.getByRole('table', { name: 'Attendance' }).getByRole('link', { name: missedName }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(missedName);
    const timeline = page.getByRole('list', { name: 'Session timeline' });
    await expect(timeline.getByRole('listitem').first()).toContainText('Missed');
    await expect(timeline.getByRole('listitem').first()).toContainText('Travelling to Kisii; call next week');
    await page.getByRole('button', { name: 'Record a session' }).click();
    const record = page.getByRole('dialog', { name: 'Record a session' });
    await expect(record.getByRole('radio', { name: 'Attended' })).toHaveAttribute('aria-checked', 'true');
    await record.getByRole('textbox', { name: `Outcome: ${missedName}` }).fill('Came by to catch up');
    await expectAccessible(page);
    await record.getByRole('button', { name: 'Record session' }).click();
    await expect(record).toBeHidden();
    await expect(timeline.getByRole('listitem')).toHaveCount(2);
    await expect(timeline.getByRole('listitem').first()).toContainText('Attended');
    await expect(timeline.getByRole('listitem').first()).toContainText('Came by to catch up');
    await page.screenshot({ path: shots('profile-timeline-en') });
    // Seen since: the missed group session no longer waits for a follow-up.
    await nav(page).getByRole('link', { name: 'Today' }).click();
    await expect(section(page, 'Missed, no follow-up yet')).toContainText('Everyone who missed a session has something planned.');

    // Arabic: the same pages, mirrored.
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('radiogroup', { name: 'Language' }).getByText('العربية').click();
    const arNav = page.getByRole('navigation', { name: 'التنقل الرئيسي' });
    await arNav.getByRole('link', { name: 'اليوم' }).click();
    await expect(page.getByRole('heading', { name: 'اليوم', level: 1 })).toBeVisible();
    await expect(section(page, 'جلساتي')).toContainText('مكتملة');
    await page.screenshot({ path: shots('today-ar'), fullPage: true });
    await arNav.getByRole('link', { name: 'الجلسات' }).click();
    await page.getByRole('navigation', { name: 'طرق عرض الجلسات' }).getByRole('link', { name: 'الجدول' }).click();
    await expect(
      page
        .getByRole('region', { name: /^الجدول، / })
        .getByRole('link')
        .first(),
    ).toBeVisible();
    await page.screenshot({ path: shots('agenda-week-ar') });
    await go(page, new URL(groupUrl).hash);
    await page.getByRole('link', { name: 'تغيير الحضور' }).click();
    await expect(page.getByRole('table', { name: 'الحضور' }).getByRole('row')).toHaveCount(41);
    await page.screenshot({ path: shots('group-attendance-ar') });

    expect(dialogs).toEqual([]);
  } finally {
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
