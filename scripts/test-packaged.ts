import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// npm run test:packaged (after npm run package): runs e2e/electron.spec.ts against the packaged app in
// dist/ rather than the Electron npm downloaded, so the smoke test covers what ships. Playwright's
// `_electron.launch()` and scripts/electron-binary.ts both find Electron through node_modules/electron:
// its path.txt names the executable inside ELECTRON_OVERRIDE_DIST_PATH. Both are pointed at the package
// for the run, and path.txt is put back afterwards.

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const pathFile = path.join(root, 'node_modules/electron/path.txt');

function packagedApp(): { dir: string; executable: string } {
  const folders = fs.existsSync(dist)
    ? fs.readdirSync(dist).filter((name) => /^(win|linux|mac)(-[a-z0-9]+)*-unpacked$|^mac(-[a-z0-9]+)?$/.test(name))
    : [];
  for (const folder of folders) {
    const dir = path.join(dist, folder);
    const executable = ['Outpost.exe', 'outpost', 'Outpost.app/Contents/MacOS/Outpost'].find((file) => fs.existsSync(path.join(dir, file)));
    if (executable) return { dir, executable };
  }
  throw new Error(`No packaged app in ${dist}: run npm run package first.`);
}

const { dir, executable } = packagedApp();
const original = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : null;
fs.writeFileSync(pathFile, executable);
try {
  console.log(`Smoke-testing ${path.join(dir, executable)}`);
  const playwright = path.join(root, 'node_modules/@playwright/test/cli.js');
  const run = spawnSync(process.execPath, [playwright, 'test', 'e2e/electron.spec.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir },
  });
  process.exitCode = run.status ?? 1;
} finally {
  if (original === null) fs.rmSync(pathFile);
  else fs.writeFileSync(pathFile, original);
}
