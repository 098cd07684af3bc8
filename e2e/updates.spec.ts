import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { manifestName } from '../electron/core/updates/manifest';
import { generateSigningKeys, signManifest } from '../electron/core/updates/signature';
import { expectAccessible, forbidDialogs } from './accounts';
import { firstRun, nav, shots } from './first-run';
import { expect, startHost, stopHost, test } from './web-host-fixture';

test.use({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });

const manifestFile = manifestName('latest', process.platform, process.arch);
const installer = 'Outpost-9.9.9-installer.bin';

/** A release as the pipeline publishes it, zipped for a USB stick; `installerBytes` differing from what was signed for is a tampered one. */
function packageZip(dir: string, name: string, privateKeyPem: string, installerBytes: Buffer, signedBytes = installerBytes): string {
  const manifest = Buffer.from(
    [
      'version: 9.9.9',
      'files:',
      `  - url: ${installer}`,
      `    sha512: ${createHash('sha512').update(signedBytes).digest('base64')}`,
      `    size: ${signedBytes.length}`,
      `path: ${installer}`,
      "releaseDate: '2026-11-20T09:00:00.000Z'",
      '',
    ].join('\n'),
  );
  const zip = zipSync({
    'outpost-9.9.9': {
      [manifestFile]: manifest,
      [`${manifestFile}.sig`]: Buffer.from(signManifest(manifest, privateKeyPem)),
      [installer]: installerBytes,
    },
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, zip);
  return file;
}

test('an admin sees the update policy, checks a signed package from a USB stick, and a tampered one is refused', async ({ page }) => {
  test.slow();
  const dialogs = forbidDialogs(page);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
  const keys = generateSigningKeys();
  const keyFile = `${dataDir}-update-key.pem`;
  fs.writeFileSync(keyFile, keys.publicKeyPem);
  const stick = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-usb-'));
  const real = Buffer.from('the real installer '.repeat(20_000));
  const good = packageZip(stick, 'outpost-9.9.9.zip', keys.privateKeyPem, real);
  const tampered = packageZip(
    stick,
    'outpost-9.9.9-tampered.zip',
    keys.privateKeyPem,
    Buffer.from('the fake installer '.repeat(20_000)),
    real,
  );
  const { host, child } = await startHost(dataDir, { OUTPOST_UPDATE_PUBLIC_KEY: keyFile });
  try {
    await firstRun(page, host.url);
    await nav(page).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('link', { name: 'Updates' }).click();
    const facts = page.getByRole('region', { name: 'Updates' });
    await expect(facts).toContainText('0.1.0');
    await expect(facts).toContainText('Ask before installing');

    const fromFile = page.getByRole('region', { name: 'Update from file' });
    await fromFile.locator('input[type="file"]').setInputFiles(good);
    await fromFile.getByRole('button', { name: 'Check the package' }).click();
    await expect(fromFile.getByRole('status')).toContainText('Signed package checked: version 9.9.9');
    await expect(fromFile.getByRole('status')).toContainText(installer);
    await expect(fromFile).toContainText('cannot install them: install it from the Outpost desktop app');
    await expectAccessible(page);
    await page.screenshot({ path: shots('updates-verified'), fullPage: true });

    await fromFile.locator('input[type="file"]').setInputFiles(tampered);
    await fromFile.getByRole('button', { name: 'Check the package' }).click();
    await expect(fromFile.getByRole('alert')).toContainText('does not match its checksum');
    await expect(fromFile.getByRole('status')).not.toContainText('Signed package checked');
    await page.screenshot({ path: shots('updates-tampered'), fullPage: true });
    expect(dialogs).toEqual([]);
  } finally {
    await stopHost(child);
    for (const dir of [dataDir, stick, keyFile]) fs.rmSync(dir, { recursive: true, force: true });
  }
});
