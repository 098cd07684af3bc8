// `npm start`: rebuilds when out/ is older than the sources, then opens the app in Electron,
// or, where Electron cannot run, serves it from the web host. Plain Node 24 (type stripping).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { electronBinary } from './electron-binary.ts';

const root = path.resolve(import.meta.dirname, '..');
const sources = ['common', 'db', 'electron', 'renderer', 'electron.vite.config.ts', 'package.json', 'tsconfig.json'];
const outputs = ['out/main/index.js', 'out/main/core-process.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

function newestChange(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return /\.(test|spec)\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function buildIsCurrent(): boolean {
  const built = outputs.map((file) => fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.mtimeMs ?? 0);
  return Math.min(...built) > Math.max(...sources.map((entry) => newestChange(path.join(root, entry))));
}

/** A package's command, run with this Node rather than through a platform-specific shim. */
function packageBin(name: string, command: string = name): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
  return path.join(root, 'node_modules', name, typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[command]);
}

function run(script: string, args: string[]): Promise<number> {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 1));
    });
  });
}

async function main(): Promise<number> {
  const electronVite = packageBin('electron-vite');
  if (!buildIsCurrent()) {
    const built = await run(electronVite, ['build']);
    if (built !== 0) return built;
  }
  if (electronBinary(root)) return run(electronVite, ['preview', '--skipBuild']);
  console.log('Electron is not available on this machine (no Electron binary installed); starting the web host instead.');
  return run(packageBin('tsx'), ['electron/web-host/index.ts']);
}

process.exitCode = await main();
