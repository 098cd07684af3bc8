import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, permissionMatrix, roles, type Permission } from '../../common/permissions';
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
afterAll(() => core.close());

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
    // A fresh connection per cell, so a sign-out cannot leak into the next one.
    const client = role === 'anonymous' ? testClient(core) : await clientAs(core, role);
    // Empty input: a permitted call fails validation at worst; a refused one never gets that far.
    const pending = client.raw(type, path, type === 'subscription' ? undefined : {});
    // A permitted subscription answers with the next change; make one.
    const ping = type === 'subscription' ? setTimeout(() => core.audit({ userId: null }, { action: 'test.ping' }), 20) : undefined;
    const answer = await pending;
    clearTimeout(ping);
    const refused = answer.type === 'error' && (answer.error.code === 'FORBIDDEN' || answer.error.code === 'UNAUTHENTICATED');
    expect(refused, JSON.stringify(answer)).toBe(!can(role === 'anonymous' ? null : role, permission));
    client.close();
  });
});
