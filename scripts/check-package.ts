import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { parse } from 'yaml';
import { packagePlan } from './package';

// npm run check:package (after npm run build): packages the built app for real with electron-builder
// (`--dir`, Linux layout, against a stub Electron so nothing is downloaded and nothing rebuilt) and
// checks what an installer would ship. Runs in a few seconds on any OS.

const root = path.resolve(import.meta.dirname, '..');
const updateUrl = 'https://updates.example.test/outpost';
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) failures.push(what);
};

function productionModules(): Set<string> {
  const found = new Set<string>();
  const visit = (name: string) => {
    if (found.has(name)) return;
    found.add(name);
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
  };
  for (const name of Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies)) visit(name);
  return found;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => f.split(path.sep).join('/'));
}

function packageApp(into: string): string {
  const stub = path.join(into, 'electron-stub');
  fs.mkdirSync(stub);
  fs.writeFileSync(path.join(stub, 'electron'), '#!/bin/sh\n', { mode: 0o755 });
  const plan = packagePlan('linux', { ...process.env, OUTPOST_UPDATE_URL: updateUrl }, ['--linux', 'dir', '--x64']);
  const args = [...plan.args, `-c.electronDist=${stub}`, `-c.directories.output=${path.join(into, 'dist')}`, '-c.npmRebuild=false'];
  const run = spawnSync(process.execPath, [path.join(root, 'node_modules/electron-builder/cli.js'), ...args], {
    cwd: root,
    env: plan.env,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`electron-builder failed (exit ${run.status}).`);
  }
  return path.join(into, 'dist/linux-unpacked/resources');
}

function main(): number {
  if (!fs.existsSync(path.join(root, 'out/main/index.js'))) {
    console.error('Nothing is built: run `npm run build` first.');
    return 1;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-check-package-'));
  try {
    const resources = packageApp(work);
    const asar = path.join(resources, 'app.asar');
    const entries = listPackage(asar, { isPack: false }).map((e) => e.split(path.sep).join('/'));
    const topLevel = new Set(entries.map((e) => e.split('/')[1]));
    check([...topLevel].sort().join(',') === 'node_modules,out,package.json', 'app.asar holds only out/, package.json and node_modules/');
    for (const built of ['out/main/index.js', 'out/main/core-process.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      check(entries.includes(`/${built}`), `app.asar holds the built ${built}`);
    }
    const sources = entries.filter((e) =>
      /\.(tsx?|map)$|\.(test|spec)\.|\/(web-host|server|e2e|bench|scripts|db|common|renderer\/(app|features))\//.test(e),
    );
    check(sources.length === 0, `no sources, tests, web host, server or maps in app.asar ${sources.slice(0, 5).join(' ')}`);
    const allowed = productionModules();
    const modules = new Set(entries.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2]!));
    const stray = [...modules].filter((m) => !allowed.has(m));
    check(stray.length === 0, `only production dependencies in app.asar (${[...modules].join(', ')}) ${stray.join(' ')}`);
    // The header lists unpacked files too; a native module can only be loaded from a real file.
    const native = entries.filter((e) => e.endsWith('.node'));
    const isUnpacked = (entry: string) => (statFile(asar, entry.slice(1)) as { unpacked?: boolean }).unpacked === true;
    const packed = native.filter((e) => !isUnpacked(e));
    const unpacked = filesUnder(path.join(resources, 'app.asar.unpacked'));
    check(
      native.length > 0 && packed.length === 0 && native.every((e) => unpacked.includes(e.slice(1))),
      `native .node files unpacked beside app.asar ${packed.join(' ')}`,
    );
    const packagedManifest = JSON.parse(extractFile(asar, 'package.json').toString('utf8'));
    check(
      packagedManifest.main === 'out/main/index.js' && !packagedManifest.devDependencies,
      'package.json: main entry, no devDependencies',
    );

    const updateConfig = parse(fs.readFileSync(path.join(resources, 'app-update.yml'), 'utf8'));
    check(
      updateConfig.provider === 'generic' && updateConfig.url === updateUrl,
      `app-update.yml points at the configured update server (${updateConfig.url})`,
    );
    const key = createPublicKey(fs.readFileSync(path.join(resources, 'update-public-key.pem')));
    check(key.asymmetricKeyType === 'ed25519', 'the update public key ships, and is Ed25519');
    check(
      filesUnder(path.join(resources, 'migrations')).some((f) => f.endsWith('.sql')),
      'migrations ship in resources/migrations',
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(failures.length === 0 ? 'Package contents as intended.' : `${failures.length} check(s) failed.`);
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = main();
