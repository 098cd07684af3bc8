import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FileSecretStore, openCore } from '../electron/core';
import { startTestServer, type TestServer, type TestUser } from '../server/testing';
import type { Scale } from './run';
import { seededDataDir } from './seeded-store';
import { seedServerRows } from './sync-seed';

/** What the bench's devices need of the server running in its own process. */
export interface BenchServer {
  url: string;
  clinic: TestServer['clinic'];
  second: TestServer['clinic'];
  manager: TestUser;
  desk: TestUser;
}

const migrationsFolder = path.resolve(import.meta.dirname, '../db/migrations');

/**
 * The reference server in a process of its own, as it runs in use (`npm run server`), so that it builds pages while
 * the device writes them: in one process the two would take turns on one thread. Seeded with the demo store of
 * this scale in the first clinic, a second clinic with a staff member, and a manager of both.
 */
export async function startBenchServer(scale: Scale): Promise<BenchServer & { close(): Promise<void> }> {
  const child = fork(import.meta.filename, [scale], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const server = await new Promise<BenchServer>((resolve, reject) => {
    child.once('message', (message) => resolve(message as BenchServer));
    child.once('exit', (code) => reject(new Error(`the bench's sync server exited with ${code}`)));
  });
  return {
    ...server,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

async function serve(scale: Scale): Promise<void> {
  const server = await startTestServer({ loginAttemptsPerMinute: 1000, persistent: true });
  const second = await server.createClinic({ name: 'Bench', code: 'BEN' });
  const desk = await server.createUser({ role: 'staff', clinics: [second.id] });
  await server.updateUser({ email: server.users.manager.email, clinics: [server.clinic.id, second.id] });
  const dataDir = await seededDataDir(scale);
  try {
    const demo = await openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder });
    try {
      const started = performance.now();
      const copied = await seedServerRows(server.app.database.db, demo.store.sqlite, server.clinic.id);
      console.error(`sync bench: ${copied} demo rows copied into the server in ${Math.round(performance.now() - started)} ms`);
    } finally {
      demo.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.once('disconnect', () => void server.close().then(() => process.exit(0)));
  process.send!({ url: server.url, clinic: server.clinic, second, manager: server.users.manager, desk } satisfies BenchServer);
}

if (process.argv[1] === import.meta.filename) await serve(process.argv[2] as Scale);
