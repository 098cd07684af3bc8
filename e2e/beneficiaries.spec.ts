import type { Page } from '@playwright/test';
import { expectAccessible, forbidDialogs } from './accounts';
import { firstRun, nav, shots } from './first-run';
import { expect, test } from './web-host-fixture';

test.use({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });

interface Person {
  given: string;
  family: string;
  sex: 'Female' | 'Male' | 'Other' | 'Unknown';
  birthDate?: string;
  age?: number;
  phone?: string;
  nationalId?: string;
  tags?: string[];
}

const list = (page: Page) => page.getByRole('table', { name: 'Beneficiaries' });
const search = (page: Page) => page.getByRole('searchbox', { name: 'Search beneficiaries' });
const count = (page: Page) => page.getByRole('status').filter({ hasText: /person|people|No one/ });

async function openList(page: Page) {
  await nav(page).getByRole('link', { name: 'Beneficiaries' }).click();
  await expect(page.getByRole('heading', { name: 'Beneficiaries', level: 1 })).toBeVisible();
}

/** Fills the registration form (already open). */
async function fillPerson(page: Page, person: Person) {
  await page.getByLabel('Given name').fill(person.given);
  await page.getByLabel('Family name').fill(person.family);
  await page.getByRole('radio', { name: person.sex, exact: true }).check();
  if (person.age !== undefined) {
    await page.getByText('Estimated age', { exact: true }).click();
    await page.getByLabel('Estimated age (years)').fill(String(person.age));
  } else if (person.birthDate) {
    await page.getByLabel('Date of birth').fill(person.birthDate);
  }
  if (person.phone) await page.getByLabel('Phone').fill(person.phone);
  if (person.nationalId) await page.getByLabel('National ID').fill(person.nationalId);
  for (const tag of person.tags ?? []) {
    await page.getByRole('combobox', { name: 'Tags' }).fill(tag);
    await page.getByRole('combobox', { name: 'Tags' }).press('Enter');
  }
}

/** Registers someone from the list page and lands on their profile. */
async function register(page: Page, person: Person) {
  await openList(page);
  await page.getByRole('link', { name: 'Register a person' }).click();
  await expect(page.getByRole('heading', { name: 'Register a person', level: 1 })).toBeVisible();
  await fillPerson(page, person);
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${person.given} ${person.family}`);
}

/** A row of the details list on a profile, by its label. */
const detail = (page: Page, label: string) => page.locator(`xpath=//dt[normalize-space(.)="${label}"]/following-sibling::dd[1]`);

test('register, find by a fragment without accents or by phone, edit and see the history', async ({ page, host }) => {
  await firstRun(page, host.url);
  await openList(page);
  await expect(page.getByText('No one is registered yet')).toBeVisible();

  await register(page, {
    given: 'Crème',
    family: 'Akinyi',
    sex: 'Female',
    birthDate: '1990-04-12',
    phone: '+254 712 345 678',
    nationalId: '29876543',
    tags: ['diabetes'],
  });
  await expect(detail(page, 'Date of birth')).toHaveText(/^12 Apr 1990 \(\d+ yrs\)$/);
  await expect(detail(page, 'Phone')).toHaveText('+254 712 345 678');
  await expect(detail(page, 'Tags')).toHaveText('diabetes');
  await expect(page.getByRole('region', { name: 'Sessions' })).toContainText('No sessions recorded for this person yet.');

  await register(page, { given: 'Otieno', family: 'Kamau', sex: 'Male', age: 40, phone: '0733 222 111' });
  const year = new Date().getFullYear() - 40;
  await expect(detail(page, 'Date of birth')).toHaveText(`~${year} (estimated)`);

  // The list: the total, then instant search by a fragment of the name without its accent, and by part of a phone.
  await openList(page);
  await expect(count(page)).toHaveText('2 people');
  await search(page).fill('creme');
  await expect(count(page)).toHaveText('1 person matches');
  await expect(list(page).getByRole('link')).toHaveText(['Akinyi, Crème']);
  await search(page).fill('712 345');
  await expect(list(page).getByRole('link')).toHaveText(['Akinyi, Crème']);
  await search(page).fill('kama');
  await expect(list(page).getByRole('link')).toHaveText(['Kamau, Otieno']);
  await expect(list(page).getByRole('row').nth(1)).toContainText(`~40 yrs · ~${year}`);
  await search(page).fill('');
  await expect(count(page)).toHaveText('2 people');
  await expectAccessible(page);

  // Keyboard: arrows move between rows, Enter opens the profile.
  await list(page).getByRole('link', { name: 'Akinyi, Crème' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(list(page).getByRole('link', { name: 'Kamau, Otieno' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(list(page).getByRole('link', { name: 'Akinyi, Crème' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Crème Akinyi');
  await expect(page.getByRole('table', { name: 'History of this record' })).toBeVisible();
  await expectAccessible(page);

  // Edit: the change shows on the profile and in the history, from what to what, and who.
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Edit details', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Phone')).toHaveValue('+254 712 345 678');
  await expectAccessible(page);
  await page.getByLabel('Phone').fill('+254 799 000 111');
  await page.getByLabel('Other names').fill('Wanjiru');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Crème Wanjiru Akinyi');
  await expect(detail(page, 'Phone')).toHaveText('+254 799 000 111');
  const history = page.getByRole('table', { name: 'History of this record' });
  const edited = history.getByRole('row').filter({ hasText: 'Edited' });
  await expect(edited).toContainText('phone: +254 712 345 678 → +254 799 000 111');
  await expect(edited).toContainText('other names: — → Wanjiru');
  await expect(edited).toContainText('Amina Odhiambo');
  await expect(history.getByRole('row').filter({ hasText: 'Registered' })).toHaveCount(1);

  // Erase (an administrator's): a reason, and the record's code typed out, before anything happens.
  await page.getByRole('link', { name: 'All beneficiaries' }).click();
  await list(page).getByRole('link', { name: 'Kamau, Otieno' }).click();
  const code = (await page.getByLabel('Code', { exact: true }).textContent())!;
  await page.getByRole('button', { name: 'Erase…' }).click();
  const erase = page.getByRole('dialog', { name: "Erase this person's data" });
  await expect(erase.getByRole('button', { name: 'Erase permanently' })).toBeDisabled();
  await erase.getByLabel(`Type ${code} to confirm`).fill(code);
  await erase.getByRole('button', { name: 'Erase permanently' }).click();
  await expect(erase.getByLabel('Reason for erasure')).toHaveAccessibleDescription(/This field is required/);
  await erase.getByLabel('Reason for erasure').fill('The person asked for their data to be deleted.');
  await erase.getByRole('button', { name: 'Erase permanently' }).click();
  await expect(page.getByRole('heading', { name: 'Beneficiaries', level: 1 })).toBeVisible();
  await expect(count(page)).toHaveText('1 person');
  await expect(list(page).getByRole('link')).toHaveText(['Akinyi, Crème Wanjiru']);
});

test('a repeated national ID is refused, a near-duplicate is warned, then registered with a reason and merged', async ({ page, host }) => {
  await firstRun(page, host.url);
  await register(page, {
    given: 'Mohammed',
    family: 'Ali',
    sex: 'Male',
    birthDate: '1985-03-01',
    nationalId: 'KE-1001',
    phone: '0711 111 111',
  });
  const firstCode = (await page.getByLabel('Code', { exact: true }).textContent())!;

  await openList(page);
  await page.getByRole('link', { name: 'Register a person' }).click();
  await fillPerson(page, { given: 'Muhammad', family: 'Ali', sex: 'Male', birthDate: '1985-09-20', nationalId: 'KE-1001' });
  // While typing: the probable duplicate shows up beside the form.
  const live = page.getByRole('region', { name: 'Already registered?' });
  await expect(live).toContainText('1 record looks like this person');
  await expect(live.getByRole('link', { name: `Open Mohammed Ali, ${firstCode}` })).toBeVisible();
  await expect(live).toContainText('Similar name, same birth year');

  // Saving with the same national ID: refused next to the field, with a link to the record that has it.
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  await expect(page.getByLabel('National ID')).toHaveAccessibleDescription(/Another record already has this national ID/);
  await page.getByRole('link', { name: `Open ${firstCode}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mohammed Ali');
  // Back to the form: what was typed is still there.
  await page.goBack();
  await expect(page.getByText('Your unfinished registration was kept.')).toBeVisible();
  await expect(page.getByLabel('Given name')).toHaveValue('Muhammad');

  // Another national ID: the core still warns about the probable duplicate, and asks why before registering anyway.
  await page.getByLabel('National ID').fill('KE-2002');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const warning = page.getByRole('alert').filter({ hasText: 'This person may already be registered' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('list', { name: 'Possible duplicates' })).toContainText(firstCode);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shots('duplicate-warning') });
  await expectAccessible(page);
  await warning.getByRole('button', { name: 'Register anyway' }).click();
  await expect(warning.getByLabel('Why is this a different person?')).toHaveAccessibleDescription(/This field is required/);
  await warning.getByLabel('Why is this a different person?').fill('Cousin: different father, checked the ID card');
  await warning.getByRole('button', { name: 'Register anyway' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Muhammad Ali');
  const history = page.getByRole('table', { name: 'History of this record' });
  await expect(history).toContainText('Registered despite possible duplicates. Reason: “Cousin: different father, checked the ID card”');
  const secondCode = (await page.getByLabel('Code', { exact: true }).textContent())!;

  // Merge: the other record's details fill the gaps here, and it leaves the list.
  await page.getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge a duplicate into this record' });
  await dialog.getByRole('searchbox', { name: 'Find the duplicate' }).fill('ali');
  await expect(dialog.getByRole('button', { name: /^Merge / })).toHaveCount(1); // not itself
  await dialog.getByRole('button', { name: `Merge Mohammed Ali, ${firstCode}` }).click();
  await expect(dialog).toContainText(`The sessions of ${firstCode} move to ${secondCode}.`);
  await expect(dialog).toContainText(`${firstCode} becomes a tombstone`);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: `Merge ${firstCode} into this record` }).click();
  await expect(dialog).toBeHidden();
  const merged = history.getByRole('row').filter({ hasText: 'Merged' });
  await expect(merged).toContainText(`${firstCode} was merged into this record.`);
  await expect(merged).toContainText('phone: — → 0711 111 111');
  await expect(detail(page, 'Phone')).toHaveText('0711 111 111');
  await expect(detail(page, 'National ID')).toHaveText('KE-2002');

  await page.getByRole('link', { name: 'All beneficiaries' }).click();
  await expect(count(page)).toHaveText('1 person');
  await expect(list(page).getByRole('link')).toHaveText(['Ali, Muhammad']);
});

test('archive and restore; hostile names are stored as typed and shown as text; Arabic profile', async ({ page, host }) => {
  const dialogs = forbidDialogs(page);
  await firstRun(page, host.url);

  const hostile = '<img src=x onerror=alert(1)>';
  const long = 'Wanjiku'.repeat(715).slice(0, 5000);
  const bidi = '\u202Eevil\u202C 🙂';
  await register(page, { given: hostile, family: 'Smith', sex: 'Other', phone: '0700 000 001' });
  await expect(detail(page, 'Given name')).toHaveText(hostile);
  await register(page, { given: long, family: 'Long', sex: 'Unknown', age: 7 });
  await expect(detail(page, 'Given name')).toHaveText(long);
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await register(page, { given: bidi, family: 'محمد 👩🏽‍⚕️', sex: 'Female', birthDate: '2021-06-30', tags: ['outreach', '🌍'] });
  await expect(detail(page, 'Family name')).toHaveText('محمد 👩🏽‍⚕️');
  await register(page, { given: 'Achieng', family: 'Odhiambo', sex: 'Female', birthDate: '1958-01-20', phone: '+254 722 000 222' });

  await openList(page);
  await expect(count(page)).toHaveText('4 people');
  await expect(list(page).getByRole('link', { name: `Smith, ${hostile}` })).toBeVisible();
  const longRow = list(page).getByRole('row').filter({ hasText: 'Long, Wanjiku' });
  expect((await longRow.boundingBox())!.height).toBe(44); // one line, cut with an ellipsis
  await expect(longRow.getByRole('cell').first()).toHaveAttribute('title', `Long, ${long}`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: shots('beneficiaries-list') });

  // Archive and restore.
  await list(page)
    .getByRole('link', { name: `Smith, ${hostile}` })
    .click();
  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText('This record is archived')).toBeVisible();
  await page.getByRole('link', { name: 'All beneficiaries' }).click();
  await page.getByRole('combobox', { name: 'Status', exact: true }).click();
  await page.getByRole('option', { name: 'Archived' }).click();
  await expect(count(page)).toHaveText('1 person matches');
  await list(page)
    .getByRole('link', { name: `Smith, ${hostile}` })
    .click();
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('This record is archived')).toBeHidden();
  const history = page.getByRole('table', { name: 'History of this record' });
  await expect(history.getByRole('row', { name: /Amina Odhiambo Archived status: Active → Archived$/ })).toBeVisible();
  await expect(history.getByRole('row', { name: /Amina Odhiambo Restored status: Archived → Active$/ })).toBeVisible();
  await page.getByRole('link', { name: 'All beneficiaries' }).click();
  await expect(count(page)).toHaveText('No one matches');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(count(page)).toHaveText('4 people');

  // Arabic: the profile mirrors, and the history reads right to left.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radiogroup', { name: 'Language' }).getByText('العربية').click();
  await page.getByRole('navigation', { name: 'التنقل الرئيسي' }).getByRole('link', { name: 'المستفيدون' }).click();
  await page.getByRole('searchbox', { name: 'البحث في المستفيدين' }).fill('محمد');
  await expect(page.getByRole('status').filter({ hasText: 'شخص واحد يطابق البحث' })).toBeVisible();
  await page.getByRole('table', { name: 'المستفيدون' }).getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${bidi} محمد 👩🏽‍⚕️`);
  await page.getByRole('link', { name: 'تعديل', exact: true }).click();
  await page.getByLabel('ملاحظات').fill('تتابع في العيادة المتنقلة كل شهر.');
  await page.getByRole('button', { name: 'حفظ التعديلات' }).click();
  await expect(page.getByRole('table', { name: 'السجل التاريخي لهذا السجل' })).toContainText('← تتابع في العيادة المتنقلة كل شهر.');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.screenshot({ path: shots('profile-ar'), fullPage: true });

  expect(dialogs).toEqual([]);
});
