import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectAccessible, forbidDialogs, signInAs } from './accounts';
import { admin, firstRun, shots } from './first-run';
import { expect, startHost, stopHost, test } from './web-host-fixture';

test.use({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });

const passphrase = 'lake victoria at dawn';
// The host keeps its secrets as the desktop app does without a keyring; the pause after wrong passphrases is capped.
const noKeyring = { OUTPOST_SECRETS: 'passphrase', OUTPOST_SIGN_IN_DELAY_MS: '500' };

test('without a keyring, an admin chooses a recovery passphrase at first start, and every start asks for it', async ({ page }) => {
  test.slow();
  const dialogs = forbidDialogs(page);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
  let { host, child } = await startHost(dataDir, noKeyring);
  try {
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Choose a recovery passphrase' })).toBeVisible();
    await expect(page.getByText(dataDir, { exact: true })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: shots('passphrase-choose'), fullPage: true });

    const choose = page.getByRole('form', { name: 'Choose a recovery passphrase' });
    await choose.getByRole('textbox', { name: 'Recovery passphrase' }).fill('too short');
    await choose.getByRole('textbox', { name: 'Type the passphrase again' }).fill('too short');
    await choose.getByRole('button', { name: 'Lock the data with this passphrase' }).click();
    await expect(choose.getByText('Choose a passphrase of at least 12 characters.')).toBeVisible();
    await choose.getByRole('textbox', { name: 'Recovery passphrase' }).fill(passphrase);
    await choose.getByRole('textbox', { name: 'Type the passphrase again' }).fill('lake victoria at dusk');
    await choose.getByRole('button', { name: 'Lock the data with this passphrase' }).click();
    await expect(choose.getByText('The two passphrases are not the same.')).toBeVisible();
    await choose.getByRole('textbox', { name: 'Type the passphrase again' }).fill(passphrase);
    await choose.getByRole('button', { name: 'Lock the data with this passphrase' }).click();

    // The store is open: first-run setup as on any new computer, at once, and the app works.
    await expect(page.getByRole('heading', { name: 'Set up Outpost' })).toBeVisible();
    await firstRun(page, host.url);
    await stopHost(child);

    // No plain secrets file; the sealed one holds neither the passphrase nor anything that looks like a key.
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
    const sealed = fs.readFileSync(path.join(dataDir, 'passphrase-secrets.json'), 'utf8');
    expect(sealed).not.toContain(passphrase);
    expect(sealed).not.toMatch(/[0-9a-f]{64}/);

    ({ host, child } = await startHost(dataDir, noKeyring));
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Enter the recovery passphrase' })).toBeVisible();
    await expectAccessible(page);
    const enter = page.getByRole('form', { name: 'Enter the recovery passphrase' });
    await enter.getByRole('textbox', { name: 'Recovery passphrase' }).fill('lake victoria at dusk');
    await enter.getByRole('button', { name: 'Open Outpost' }).click();
    await expect(enter.getByRole('alert')).toContainText('That is not the recovery passphrase. Nothing was changed');
    await expect(enter.getByRole('textbox', { name: 'Recovery passphrase' })).toHaveValue('');
    await page.screenshot({ path: shots('passphrase-wrong'), fullPage: true });

    await enter.getByRole('textbox', { name: 'Recovery passphrase' }).fill(passphrase);
    await enter.getByRole('button', { name: 'Open Outpost' }).click();
    // The same data: the organisation and its administrator from the first start.
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await signInAs(page, admin);
    await expect(page.getByRole('banner')).toContainText('Kisumu Clinic');
    expect(dialogs).toEqual([]);
  } finally {
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
