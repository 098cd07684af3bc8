import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loginResponse } from '../common/sync';
import { isUsageError, runCli } from './cli';

const dataDir = mkdtempSync(join(tmpdir(), 'outpost-server-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function spawnCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
  return { child, done, output: () => output };
}

/** One command in-process, as `npm run server -- ...args` runs it: its exit code and what it printed. */
async function command(args: string[], env: Record<string, string> = {}) {
  const lines: string[] = [];
  try {
    await runCli(args, { DATA_DIR: dataDir, ...env }, (line) => lines.push(line));
    return { code: 0, output: lines.join('\n') };
  } catch (error) {
    if (!isUsageError(error)) throw error;
    return { code: 2, output: error.message };
  }
}

it('sets up a clinic and a user from the command line, then serves them', { timeout: 120_000 }, async () => {
  const clinic = await command(['create-clinic', '--name', 'Kisumu', '--code', 'kis']);
  expect(clinic).toMatchObject({ code: 0, output: expect.stringContaining('Created clinic KIS') });

  const password = 'first password 1';
  const user = await command(['create-user', '--email', 'Ann@Example.org', '--name', 'Ann', '--role', 'admin', '--clinic', 'KIS'], {
    OUTPOST_PASSWORD: password,
  });
  expect(user).toMatchObject({ code: 0, output: expect.stringContaining('Created admin') });

  const refused = await command([
    'create-user',
    '--email',
    'bob@example.org',
    '--name',
    'Bob',
    '--role',
    'staff',
    '--clinic',
    'NOPE',
    '--password',
    'long enough 1',
  ]);
  expect(refused).toMatchObject({ code: 2, output: expect.stringContaining('No clinic NOPE') });
  expect(await command(['create-clinic', '--name', 'No code'])).toMatchObject({
    code: 2,
    output: expect.stringContaining('--code is required'),
  });

  const reset = await command(['reset-password', '--email', 'ann@example.org', '--password', 'second password 2']);
  expect(reset).toMatchObject({ code: 0, output: expect.stringContaining('Password changed') });

  // Serving is the real process, as `npm run server` starts it.
  const server = spawnCli([], { PORT: '0', HOST: '127.0.0.1' });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output());
        if (!found) return;
        clearInterval(timer);
        resolve(found[1]!);
      }, 100);
      void server.done.then(({ output }) => reject(new Error(`server exited: ${output}`)));
    });
    const signIn = (pw: string) =>
      fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ann@example.org', password: pw, device_id: 'desk-1', device_name: 'Desk' }),
      });
    expect((await signIn(password)).status).toBe(401);
    const ok = await signIn('second password 2');
    expect(loginResponse.parse(await ok.json()).user).toMatchObject({ name: 'Ann', role: 'admin' });
  } finally {
    server.child.kill('SIGTERM');
    await server.done;
  }
});
