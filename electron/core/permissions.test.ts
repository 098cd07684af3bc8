import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, permissionMatrix, type Permission, type Role, roles } from '../../common/permissions';
import type { Core } from './core';
import { appRouter } from './router';
import { clientAs, openTestCore, testClient } from './testing';

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: { permission?: Permission } };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

let core: Core;
beforeAll(async () => {
  core = await openTestCore();
});
afterAll(() => {
  for (const client of signedIn.values()) client.close();
  core.close();
});

// A sign-in costs two scrypt hashes, so each role keeps one client, except for the
// account's own procedures, which can sign out or lock: those get a fresh one, so nothing leaks into the next cell.
type Client = ReturnType<typeof testClient>;
const signedIn = new Map<Role, Client>();
async function clientFor(role: Role | 'anonymous', path: string): Promise<{ client: Client; fresh: boolean }> {
  if (role === 'anonymous') return { client: testClient(core), fresh: true };
  if (path.startsWith('account.')) return { client: await clientAs(core, role), fresh: true };
  if (!signedIn.has(role)) signedIn.set(role, await clientAs(core, role));
  return { client: signedIn.get(role)!, fresh: false };
}

describe('the permission matrix, cell by cell against the router', () => {
  it('every procedure declares a permission from the matrix', () => {
    expect(procedures.length).toBeGreaterThan(5);
    for (const [path, procedure] of procedures) {
      expect(Object.keys(permissionMatrix), path).toContain(procedure._def.meta?.permission);
    }
  });

  const cells = procedures.flatMap(([path, procedure]) =>
    [...roles, 'anonymous' as const].map((role) => [path, role, procedure._def.type, procedure._def.meta!.permission!] as const),
  );

  it.each(cells)('%s as %s', async (path, role, type, permission) => {
    const { client, fresh } = await clientFor(role, path);
    // Empty input: a permitted call fails validation at worst; a refused one never gets that far.
    const pending = client.raw(type, path, type === 'subscription' ? undefined : {});
    // A permitted subscription answers with the next change; make one.
    const ping = type === 'subscription' ? setTimeout(() => core.audit({ userId: null }, { action: 'test.ping' }), 20) : undefined;
    const answer = await pending;
    clearTimeout(ping);
    const refused = answer.type === 'error' && (answer.error.code === 'FORBIDDEN' || answer.error.code === 'UNAUTHENTICATED');
    expect(refused, JSON.stringify(answer)).toBe(!can(role === 'anonymous' ? null : role, permission));
    if (fresh) client.close();
  });
});
