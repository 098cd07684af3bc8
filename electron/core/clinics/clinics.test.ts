import { count } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { Clinic } from '../../../common/clinics';
import { auditLog, outbox } from '../../../db/schema';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';

let core: Core;
afterEach(() => core?.close());

async function signedInAdmin() {
  core = await openTestCore();
  const client = testClient(core);
  const admin = dataOf<SessionUser>(await client.mutate('account.setup', setupAdmin));
  const [clinic] = dataOf<Clinic[]>(await client.query('clinics.list'));
  return { client, admin, clinic: clinic! };
}

describe('clinic settings, through the router', () => {
  it('writes the row, one audit entry with the diff and one outbox entry, then tells subscribers', async () => {
    const { client, clinic } = await signedInAdmin();
    const auditBefore = core.store.db.select({ n: count() }).from(auditLog).get()!.n;
    const sub = client.subscribe('changes');
    await new Promise((r) => setTimeout(r, 10));

    const updated = dataOf<Clinic>(await client.mutate('clinics.update', { id: clinic.id, name: 'Kisumu Central', code: 'ksm' }));

    expect(updated).toMatchObject({ name: 'Kisumu Central', code: 'KSM' });
    const entries = core.store.db.select().from(auditLog).all();
    expect(entries).toHaveLength(auditBefore + 1);
    expect(entries.at(-1)).toMatchObject({
      action: 'clinics.update',
      rowId: clinic.id,
      detail: { diff: { name: ['Kisumu Clinic', 'Kisumu Central'], code: ['KIS', 'KSM'] } },
    });
    const queued = core.store.db.select().from(outbox).all().at(-1)!;
    expect(queued).toMatchObject({ entity: 'clinics', rowId: clinic.id, op: 'upsert', status: 'pending' });
    expect(queued.fields).toMatchObject({ name: 'Kisumu Central', code: 'KSM' });
    await new Promise((r) => setTimeout(r, 10));
    expect(sub.received).toContainEqual({ topics: expect.arrayContaining(['clinics', 'audit_log', 'outbox']) });
    sub.stop();
  });

  it('answers bad input with a stable code and messages per field, and writes nothing', async () => {
    const { client, clinic } = await signedInAdmin();
    const outboxBefore = core.store.db.select({ n: count() }).from(outbox).get()!.n;

    const answer = await client.mutate('clinics.update', { id: clinic.id, name: '   ', code: 'no spaces!' });

    expect(answer).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION', fieldErrors: { name: ['errors.required'], code: ['clinics.errors.code'] } },
    });
    expect(core.store.db.select({ n: count() }).from(outbox).get()!.n).toBe(outboxBefore);
  });

  it('refuses a code another clinic has, on the code field', async () => {
    const { client, clinic } = await signedInAdmin();
    core.write({ userId: null }, (tx) => {
      tx.db.run(
        `insert into clinics (id, created_at, updated_at, code, name) values ('0190a000-0000-7000-8000-000000000001', '2026-01-01', '2026-01-01', 'NRB', 'Nairobi')` as never,
      );
    });
    const answer = await client.mutate('clinics.update', { id: clinic.id, name: 'Kisumu', code: 'NRB' });
    expect(answer).toMatchObject({ type: 'error', error: { code: 'VALIDATION', fieldErrors: { code: ['clinics.errors.codeTaken'] } } });
  });

  it('refuses callers who are not signed in, and roles without the permission', async () => {
    core = await openTestCore();
    const anonymous = testClient(core);
    expect(await anonymous.query('clinics.list')).toMatchObject({ type: 'error', error: { code: 'UNAUTHENTICATED' } });
    expect(await anonymous.query('no.such.thing')).toMatchObject({ type: 'error', error: { code: 'NOT_FOUND' } });
  });
});
