import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noDeployConfig } from '../../../common/deploy';
import { deployConfigPath, maxDeployConfigBytes, readDeployConfig } from './deploy-file';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-deploy-'));
const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

describe('reading the deploy config', () => {
  it('is no config at all when the file is missing', () => {
    expect(readDeployConfig(path.join(dir, 'absent.json'))).toBe(noDeployConfig);
  });

  it('reads a valid file, in UTF-8 or in the UTF-16 Windows PowerShell writes', () => {
    const utf8 = write('utf8.json', '{"updatePolicy": "off"}');
    expect(readDeployConfig(utf8)).toEqual({ file: utf8, config: { updatePolicy: 'off' }, errors: [] });
    const utf16 = write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"autoLockMinutes": 3}', 'utf16le')]));
    expect(readDeployConfig(utf16).config).toEqual({ autoLockMinutes: 3 });
  });

  it('reports garbage, a huge file and a folder without throwing', () => {
    const garbage = write('garbage.json', Buffer.from([0, 159, 146, 150, 255, 1, 2]));
    expect(readDeployConfig(garbage).errors).toEqual([expect.objectContaining({ field: null, problem: 'notJson' })]);
    const huge = write('huge.json', `{"serverUrl": "https://x.org", "pad": "${'x'.repeat(maxDeployConfigBytes)}"}`);
    expect(readDeployConfig(huge)).toEqual({ file: huge, config: {}, errors: [expect.objectContaining({ problem: 'tooLarge' })] });
    expect(readDeployConfig(dir).errors).toEqual([expect.objectContaining({ field: null, problem: 'unreadable' })]);
  });
});

describe('where the deploy config lives', () => {
  it('is a machine-wide path per OS', () => {
    expect(deployConfigPath('win32', { ProgramData: 'D:\\ProgramData' }, false)).toBe('D:\\ProgramData\\Outpost\\deploy.json');
    expect(deployConfigPath('win32', {}, false)).toBe('C:\\ProgramData\\Outpost\\deploy.json');
    expect(deployConfigPath('darwin', {}, false)).toBe('/Library/Application Support/Outpost/deploy.json');
    expect(deployConfigPath('linux', {}, false)).toBe('/etc/outpost/deploy.json');
  });

  it('follows OUTPOST_DEPLOY_CONFIG only where the host allows it', () => {
    const env = { OUTPOST_DEPLOY_CONFIG: '/tmp/mine.json' };
    expect(deployConfigPath('linux', env, true)).toBe('/tmp/mine.json');
    expect(deployConfigPath('linux', env, false)).toBe('/etc/outpost/deploy.json');
  });
});
