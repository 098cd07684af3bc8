import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..');

export interface Host {
  url: string;
  dataDir: string;
}

/**
 * electron/web-host/index.ts bundled by e2e/global-setup.ts before the tests. Under node_modules/.cache, so that
 * better-sqlite3 (native, left out of it) resolves from there; never beside the build output, which is packaged.
 */
export const webHostBundle = path.join(root, 'node_modules/.cache/outpost-e2e/web-host.mjs');

/** Starts the bundled web host on a data folder and waits for the URL it prints; `env` adds to the runner's. */
export async function startHost(dataDir: string, env: Record<string, string> = {}): Promise<{ host: Host; child: ChildProcess }> {
  // The same Node as the test runner (Node 24 under npm scripts), whatever `node` is first on PATH.
  const child = spawn(process.execPath, [webHostBundle, '--data-dir', dataDir, '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Outpost web host: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  return { host: { url, dataDir }, child };
}

export async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Each test gets its own web host on a fresh, empty data folder: a first run.
 * `test.use({ signInDelayMs })` caps the pause after wrong passwords, for specs that make many on purpose.
 */
export const test = base.extend<{ host: Host; signInDelayMs: number | null }>({
  signInDelayMs: [null, { option: true }],
  host: async ({ signInDelayMs }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
    const { host, child } = await startHost(dataDir, signInDelayMs === null ? {} : { OUTPOST_SIGN_IN_DELAY_MS: String(signInDelayMs) });
    await use(host);
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
