import fs from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const projectDir = path.resolve(import.meta.dirname, '../..');

// Loaded and validated exactly as electron-builder does before it packages anything.
const loadConfig = () => getConfig(projectDir, path.join(projectDir, 'electron-builder.yml'), null);
const validate = (config: Awaited<ReturnType<typeof loadConfig>>) => validateConfiguration(config, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('org.outpost.app');
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('would fail that validation if it were wrong', async () => {
    const config = await loadConfig();
    await expect(validate({ ...config, npmRebuild: 'no' } as unknown as typeof config)).rejects.toThrow(/npmRebuild/);
  });

  it('builds per-machine Windows installers that IT can install silently, and keeps user data on uninstall', async () => {
    const config = await loadConfig();
    expect(config.win?.target).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({
      perMachine: true,
      oneClick: false,
      allowToChangeInstallationDirectory: false,
      deleteAppDataOnUninstall: false,
    });
    expect(config.msi).toMatchObject({ perMachine: true, runAfterFinish: false });
  });

  it('hardens and signs macOS builds only from the environment, with entitlements that relax nothing but the JIT', async () => {
    const config = await loadConfig();
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'resources/entitlements.mac.plist' });
    expect(config.mac?.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    const entitlements = fs.readFileSync(path.join(projectDir, 'resources/entitlements.mac.plist'), 'utf8');
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    const text = fs.readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificatePassword|certificateFile|identity)\s*:/m);
  });

  it('gives Linux packages a desktop entry and the generated icon', async () => {
    const config = await loadConfig();
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'], executableName: 'outpost', desktop: { entry: { Name: 'Outpost' } } });
    const icon = fs.readFileSync(path.join(projectDir, 'resources/icon.png'));
    expect(icon.subarray(1, 4).toString()).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
  });

  it('names artifacts by version and arch, ships the update key, and publishes to a generic server', async () => {
    const config = await loadConfig();
    expect(config.artifactName).toBe('${productName}-${version}-${os}-${arch}.${ext}');
    expect(config.extraResources).toContainEqual({ from: 'resources/update-public-key.pem', to: 'update-public-key.pem' });
    expect(config.publish).toEqual({ provider: 'generic', url: 'https://updates.example.org/outpost' });
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
  });
});
