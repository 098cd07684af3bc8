import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Role } from '../common/permissions';
import type { LoginResponse } from '../common/sync';
import { createClinic, createSessionType, createUser, updateUser, type ClinicInfo, type UserInfo } from './admin';
import { createServer, type ServerOptions } from './app';
import { deviceCode } from './auth/refresh';

/**
 * A real server for tests (ours and the client's): in-memory PGlite, or a
 * fresh database on the PostgreSQL at OUTPOST_TEST_DATABASE_URL when set.
 * Seeded with clinic KIS and an admin, a manager and a staff member in it.
 */
export interface TestServer {
  url: string;
  app: FastifyInstance;
  clinic: ClinicInfo;
  /** Each with `testPassword`. */
  users: Record<Role, TestUser>;
  createClinic(input: { name: string; code: string }): Promise<ClinicInfo>;
  createUser(input?: { email?: string; name?: string; role?: Role; clinics?: string[]; password?: string }): Promise<TestUser>;
  createSessionType(input?: { name?: string }): Promise<{ id: string }>;
  /** As `npm run server -- update-user`: name, role, clinics (codes or ids), active. */
  updateUser(input: Parameters<typeof updateUser>[1]): Promise<unknown>;
  /** POST /v1/auth/login for that user from `deviceId`. */
  login(user: TestUser, deviceId?: string): Promise<LoginResponse>;
  /** The code the server gave this device for its beneficiary codes; undefined for a device it does not know. */
  deviceCode(deviceId: string): Promise<string | undefined>;
  /** Stops and starts the server on the same address and data (needs `persistent` on PGlite). */
  restart(): Promise<void>;
  /** The two halves of `restart`, for a test that does something while the server is down. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions extends Omit<ServerOptions, 'dataDir' | 'databaseUrl'> {
  /** PGlite in a temporary folder instead of memory, so `restart` keeps the data. */
  persistent?: boolean;
}

export interface TestUser extends UserInfo {
  password: string;
}

export const testPassword = 'correct horse battery';

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { persistent, ...serverOptions } = options;
  const database = await testDatabase();
  const dataDir = persistent && !database ? mkdtempSync(join(tmpdir(), 'outpost-test-server-')) : undefined;
  // Tests sign in often; the limit itself is tested with a low value.
  const start = () => createServer({ loginAttemptsPerMinute: 10_000, ...serverOptions, databaseUrl: database?.url, dataDir });
  let app = await start();
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const db = () => app.database.db;

  let made = 0;
  const addUser: TestServer['createUser'] = async (input = {}) => {
    made += 1;
    const password = input.password ?? testPassword;
    const user = await createUser(db(), {
      email: input.email ?? `user${made}-${randomUUID().slice(0, 8)}@example.org`,
      name: input.name ?? `User ${made}`,
      role: input.role ?? 'staff',
      clinics: input.clinics ?? [clinic.id],
      password,
      passwordCost: 10, // cheap hashes: a test server starts in a blink; real ones use the default
    });
    return { ...user, password };
  };

  const stop = async () => {
    if (!database && !dataDir) throw new Error('restart needs startTestServer({ persistent: true }) on PGlite');
    await app.close();
  };
  const startAgain = async () => {
    app = await start();
    await app.listen({ host: '127.0.0.1', port: Number(new URL(address).port) });
  };

  const clinic = await createClinic(db(), { name: 'Kisumu', code: 'KIS' });
  const users = {
    admin: await addUser({ role: 'admin', name: 'Ada Admin' }),
    manager: await addUser({ role: 'manager', name: 'Mo Manager' }),
    staff: await addUser({ role: 'staff', name: 'Sam Staff' }),
  };

  return {
    url: address,
    get app() {
      return app;
    },
    clinic,
    users,
    createClinic: (input) => createClinic(db(), input),
    createUser: addUser,
    updateUser: (input) => updateUser(db(), input),
    createSessionType: (input = {}) =>
      createSessionType(db(), { name: input.name ?? 'Counselling', color: 'blue', defaultDurationMinutes: 30, isGroup: false }),
    async login(user, deviceId = randomUUID()) {
      const response = await fetch(`${address}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password, device_id: deviceId, device_name: 'Test device' }),
      });
      if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as LoginResponse;
    },
    deviceCode: (deviceId) => deviceCode(db(), deviceId),
    async restart() {
      await stop();
      await startAgain();
    },
    stop,
    start: startAgain,
    async close() {
      await app.close();
      await database?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A throwaway database on the test PostgreSQL, or null to use PGlite. */
async function testDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const adminUrl = process.env.OUTPOST_TEST_DATABASE_URL;
  if (!adminUrl) return null;
  const name = `outpost_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
