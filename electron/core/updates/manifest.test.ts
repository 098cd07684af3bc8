import { describe, expect, it } from 'vitest';
import { isNewer, manifestName, parseManifest } from './manifest';

const sha = 'A'.repeat(86) + '==';

describe('update manifests', () => {
  it('reads electron-builder’s fields and refuses files outside the package', () => {
    const text = `version: 1.3.0\nfiles:\n  - url: Outpost-1.3.0-win-x64.exe\n    sha512: ${sha}\n    size: 10\npath: Outpost-1.3.0-win-x64.exe\nsha512: ${sha}\nreleaseDate: '2026-11-22T09:00:00.000Z'\n`;
    expect(parseManifest(text)).toMatchObject({ version: '1.3.0', path: 'Outpost-1.3.0-win-x64.exe' });
    for (const url of ['../evil.exe', 'sub/evil.exe', 'C:evil.exe', '..']) {
      expect(() => parseManifest(`version: 1.3.0\nfiles:\n  - url: "${url}"\n    sha512: ${sha}\n`)).toThrow(/file name/);
    }
  });

  it('names the file electron-updater reads on each platform', () => {
    expect(manifestName('latest', 'win32', 'x64')).toBe('latest.yml');
    expect(manifestName('beta', 'darwin', 'arm64')).toBe('beta-mac.yml');
    expect(manifestName('latest', 'linux', 'x64')).toBe('latest-linux.yml');
    expect(manifestName('latest', 'linux', 'arm64')).toBe('latest-linux-arm64.yml');
  });

  it.each([
    ['1.2.1', '1.2.0', true],
    ['1.10.0', '1.9.9', true],
    ['1.2.0', '1.2.0', false],
    ['1.1.9', '1.2.0', false],
    ['1.2.0', '1.2.0-beta.3', true],
    ['1.2.0-beta.10', '1.2.0-beta.9', true],
    ['1.2.0-beta.1', '1.2.0', false],
  ])('%s is newer than %s: %s', (candidate, current, newer) => {
    expect(isNewer(candidate, current)).toBe(newer);
  });
});
