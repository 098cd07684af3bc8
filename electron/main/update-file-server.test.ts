import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { serveFolder } from './update-file-server';

it('serves the files of the package folder and nothing else', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-serve-'));
  const folder = path.join(root, 'package');
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'latest.yml'), 'version: 1.3.0\n');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'not for you');
  const served = await serveFolder(folder);
  try {
    const get = async (name: string) => {
      const response = await fetch(new URL(name, served.url));
      return { status: response.status, body: await response.text() };
    };
    expect(await get('latest.yml')).toEqual({ status: 200, body: 'version: 1.3.0\n' });
    expect((await get('%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('..%2fsecret.txt')).status).toBe(404);
    expect((await get('%E0%A4%A')).status).toBe(404);
    expect((await get('latest.yml.sig')).status).toBe(404);
  } finally {
    served.close();
  }
});
