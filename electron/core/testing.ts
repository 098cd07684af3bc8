import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../../common/account';
import type { Role } from '../../common/permissions';
import { openEncrypted } from '../../db/open';
import { users } from '../../db/schema';
import { makeVerifier } from './account/password';
import type { ServerMessage } from '../../common/rpc';
import { openCore, type Core, type CoreOptions } from './core';
import { FileSecretStore } from './secrets/file-secret-store';
import { connect } from './transport';

export const migrationsFolder = path.resolve(import.meta.dirname, '../../db/migrations');

/** A real core on a real encrypted SQLite file in a fresh temporary folder. */
export async function openTestCore(
  options: Pick<CoreOptions, 'now' | 'signInDelayMs' | 'deploy' | 'updates' | 'printer' | 'exportFiles'> = {},
): Promise<Core> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-core-'));
  // No sign-in delay unless a test is about the delay itself.
  return openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder, signInDelayMs: () => 0, ...options });
}

export const setupAdmin = {
  organisation: 'Health Without Borders',
  clinic: { name: 'Kisumu Clinic', code: 'KIS' },
  name: 'Amina Admin',
  email: 'admin@example.org',
  password: 'correct horse battery',
};

type Connect = (send: (message: ServerMessage) => void) => { receive(raw: unknown): void; close(): void };

/** A client over the same message protocol the windows and sockets use. */
export function testClient(core: Core) {
  return clientOver((send) => connect(core, send));
}

/** A client of whatever serves the protocol: a core, or a host standing in front of one (recovery, passphrase). */
export function clientOver(connectTo: Connect) {
  let nextId = 1;
  const pending = new Map<number, (message: ServerMessage) => void>();
  const events = new Map<number, unknown[]>();
  const conn = connectTo((message) => {
    if (message.type === 'data' && events.has(message.id)) events.get(message.id)!.push(message.data);
    else pending.get(message.id)?.(message);
  });
  function call(type: 'query' | 'mutation' | 'subscription', path: string, input?: unknown): Promise<ServerMessage> {
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      conn.receive({ id, type, path, input });
    });
  }
  return {
    query: (path: string, input?: unknown) => call('query', path, input),
    mutate: (path: string, input?: unknown) => call('mutation', path, input),
    /** Any call by its type; a subscription answers with its first event or its refusal. */
    raw: (type: 'query' | 'mutation' | 'subscription', path: string, input?: unknown) => call(type, path, input),
    subscribe(path: string) {
      const id = nextId++;
      events.set(id, []);
      conn.receive({ id, type: 'subscription', path });
      return { received: events.get(id)!, stop: () => conn.receive({ id, type: 'stop' }) };
    },
    close: () => conn.close(),
  };
}

export function dataOf<T>(message: ServerMessage): T {
  if (message.type !== 'data') throw new Error(`Expected data, got ${JSON.stringify(message)}`);
  return message.data as T;
}

/** A signed-in client for a user of the given role, created directly in the store. */
export async function clientAs(core: Core, role: Role, clinicIds: string[] = []) {
  const email = `${role}-${Math.random().toString(36).slice(2)}@example.org`;
  const password = 'a long enough password';
  const at = core.now().toISOString();
  core.store.db
    .insert(users)
    .values({
      id: uuidv7(),
      createdAt: at,
      updatedAt: at,
      name: `A ${role}`,
      email,
      role,
      clinicIds,
      passwordVerifier: await makeVerifier(password),
    })
    .run();
  const client = testClient(core);
  dataOf<SessionUser>(await client.mutate('account.signIn', { email, password }));
  return client;
}

/** Overwrites the first page of one table, as a failing disk sector would: the file still opens and the rest still reads. */
export function damageTable(file: string, key: string, table: string): void {
  const sqlite = openEncrypted(file, key);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const page = sqlite.prepare('select rootpage from sqlite_master where name = ?').pluck().get(table) as number;
  const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
  sqlite.close();
  const handle = fs.openSync(file, 'r+');
  fs.writeSync(handle, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(handle);
}
