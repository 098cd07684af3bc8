import fs from 'node:fs';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../scripts/electron-binary.ts';

// The real Electron shell, launched from the build (package.json "main": out/main/index.js).
// On Linux it needs an unlocked keyring (Secret Service or KWallet): without one Outpost refuses to start.

const root = path.resolve(import.meta.dirname, '..');

test.describe('Electron shell', () => {
  test.skip(
    electronBinary(root) === null,
    'No Electron binary is installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD); this spec runs where Electron can start.',
  );

  test('opens the Outpost window with only the core channel exposed', async () => {
    expect(fs.existsSync(path.join(root, 'out/main/index.js')), 'build first: npm run build').toBe(true);
    const app = await electron.launch({
      args: [root, `--user-data-dir=${test.info().outputPath('user-data')}`],
      cwd: root,
    });
    try {
      const window = await app.firstWindow();
      await expect(window).toHaveTitle('Outpost');
      await expect(window.getByRole('heading').first()).toBeVisible();

      const exposed = await window.evaluate(() => ({
        outpost: Object.keys((window as unknown as { outpost?: object }).outpost ?? {}).sort(),
        node:
          typeof (globalThis as { require?: unknown; process?: unknown }).require !== 'undefined' ||
          typeof (globalThis as { process?: unknown }).process !== 'undefined',
      }));
      expect(exposed).toEqual({ outpost: ['onMessage', 'send'], node: false });
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
