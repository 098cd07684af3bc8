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
});
