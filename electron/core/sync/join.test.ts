import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { ServerMessage } from '../../../common/rpc';
import type { SessionType } from '../../../common/sessions';
import type { ClinicChoice } from '../../../common/sync';
import { startTestServer, type TestServer } from '../../../server/testing';
import type { Core } from '../core';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import { syncEngine } from './engine';
import { syncStatus } from './status';
import { connectedDevice } from './testing';

// One server for the file (PGlite takes seconds to start): clinic KIS, where a colleague already works.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ loginAttemptsPerMinute: 1000 });
}, 120_000);
afterAll(() => server.close());

const errorOf = (m: ServerMessage) => (m.type === 'error' ? (m.error as { code: string; message: string; details?: unknown }) : null);
const rows = (core: Core, sql: string, ...params: unknown[]) => core.store.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];

/** A standalone installation that worked a while: its admin, a local colleague, two people and a session with both. */
async function standalone(email: string, clinic: { name: string; code: string }) {
  const core = await openTestCore();
  const admin = testClient(core);
  dataOf(await admin.mutate('account.setup', { ...setupAdmin, email, clinic }));
  const me = dataOf<SessionUser>(await admin.mutate('account.signIn', { email, password: setupAdmin.password }));
  const clinicId = me.clinicIds[0]!;
  const colleague = dataOf<{ id: string }>(
    await admin.mutate('users.create', {
      name: 'Sam Staff',
      email: `sam-${clinic.code.toLowerCase()}@example.org`,
      role: 'staff',
      clinicIds: [clinicId],
      password: 'staff password 1',
    }),
  );
  const people: Beneficiary[] = [];
  for (const givenName of ['Achieng', 'Baraka']) {
    people.push(dataOf(await admin.mutate('beneficiaries.register', { clinicId, givenName, familyName: 'Local', sex: 'female' })));
  }
  const types = dataOf<SessionType[]>(await admin.query('sessionTypes.list'));
  await admin.mutate('sessions.create', {
    clinicId,
    typeId: types.find((t) => t.isGroup)!.id,
    staffId: me.id,
    scheduledAt: '2026-11-20T09:00:00.000Z',
    durationMinutes: 60,
    status: 'completed',
    attendees: people.map((p) => ({ beneficiaryId: p.id, attendance: 'attended' })),
  });
  const engine = syncEngine(core, { retry: false });
  return {
    core,
    admin,
    me,
    clinicId,
    colleague,
    people,
    connect: (extra: Record<string, unknown> = {}) =>
      admin.mutate('sync.connect', { serverUrl: server.url, email, password: setupAdmin.password, ...extra }),
    /** The sync the connection started, then the one asked for while it ran; the outcome of the last. */
    settle: async () => {
      let outcome = await engine.run();
      while (['pushing', 'pulling', 'verifying'].includes(engine.activity.phase))
        outcome = await new Promise((done) => setTimeout(() => done(outcome), 50));
      return outcome;
    },
    close: () => {
      engine.stop();
      admin.close();
      core.close();
    },
  };
}

describe('a standalone installation connected later', () => {
  it('joins the server clinic of the same code: its rows go up under it, nothing lost, nothing twice', { timeout: 90_000 }, async () => {
    const colleague = await connectedDevice(server, server.users.staff);
    const theirs = await colleague.register({ givenName: 'Server', familyName: 'Side' });
    expect(await colleague.sync()).toEqual({ ok: true });

    const here = await standalone('amina@example.org', { name: 'Kisumu (this laptop)', code: 'KIS' });
    try {
      const account = await server.createUser({ email: 'amina@example.org', role: 'admin', password: setupAdmin.password });
      // The server has one of the types the laptop came with, by another case: the laptop's becomes it.
      const groupType = await server.createSessionType({ name: 'Group Session' });
      const joined = dataOf<SessionUser>(await here.connect());
      expect(joined).toMatchObject({ id: account.id, clinicIds: [server.clinic.id] });
      expect(await here.settle()).toEqual({ ok: true });

      // One clinic KIS here, the server's; every row, membership and the session point to it, under the server's admin.
      const { core } = here;
      expect(rows(core, 'select id, code, name from clinics')).toEqual([{ id: server.clinic.id, code: 'KIS', name: server.clinic.name }]);
      const people = rows(core, 'select id, clinic_id as clinicId, created_by as createdBy from beneficiaries order by given_name');
      expect(people).toEqual([
        { id: here.people[0]!.id, clinicId: server.clinic.id, createdBy: account.id },
        { id: here.people[1]!.id, clinicId: server.clinic.id, createdBy: account.id },
        { id: theirs.id, clinicId: server.clinic.id, createdBy: server.users.staff.id },
      ]);
      expect(rows(core, 'select clinic_id as clinicId, staff_id as staffId, type_id as typeId from sessions')).toEqual([
        { clinicId: server.clinic.id, staffId: account.id, typeId: groupType.id },
      ]);
      expect(rows(core, 'select name from session_types where id = ?', groupType.id)).toEqual([{ name: 'Group Session' }]);
      expect(rows(core, "select count(*) as n from session_types where name = 'Group session'")).toEqual([{ n: 0 }]);
      expect(rows(core, "select json_extract(detail, '$.sessions') as n from audit_log where action = 'sync.sessionTypeJoined'")).toEqual([
        { n: 1 },
      ]);
      expect(rows(core, 'select clinic_ids as clinicIds from users where id = ?', here.colleague.id)).toEqual([
        { clinicIds: JSON.stringify([server.clinic.id]) },
      ]);
      const status = syncStatus(core, joined);
      expect(status).toMatchObject({ pending: {}, rejected: 0, pendingAudit: 0 });
      expect(status.lastVerifiedAt).not.toBeNull();
      const [entry] = rows(
        core,
        "select user_id as userId, clinic_id as clinicId, detail from audit_log where action = 'sync.clinicJoined'",
      );
      expect(entry).toMatchObject({ userId: account.id, clinicId: server.clinic.id });
      expect(JSON.parse(entry!.detail as string)).toEqual({
        from: { id: here.clinicId, code: 'KIS', name: 'Kisumu (this laptop)' },
        to: { id: server.clinic.id, code: 'KIS', name: server.clinic.name },
        beneficiaries: 2,
        sessions: 1,
        users: 2,
      });

      // The colleague's computer receives the two people and the session with its attendees, in KIS, of a type it knows.
      expect(await colleague.sync()).toEqual({ ok: true });
      for (const person of here.people) expect(await colleague.get(person.id)).toMatchObject({ clinicId: server.clinic.id });
      expect(
        rows(
          colleague.core,
          `select count(*) as n from session_attendees a join sessions s on s.id = a.session_id
           join session_types t on t.id = s.type_id where s.staff_id = ?`,
          account.id,
        ),
      ).toEqual([{ n: 2 }]);
    } finally {
      here.close();
      colleague.close();
    }
  });

  it(
    'asks which server clinic a clinic of another code becomes, stores nothing until told, then joins it',
    { timeout: 90_000 },
    async () => {
      const here = await standalone('baraka@example.org', { name: 'Field post', code: 'FLD' });
      try {
        await server.createUser({ email: 'baraka@example.org', role: 'admin', password: setupAdmin.password });
        const asked = errorOf(await here.connect());
        expect(asked).toMatchObject({ code: 'CONFLICT', message: 'sync.errors.chooseClinic' });
        expect(asked!.details as ClinicChoice).toEqual({
          local: [{ id: here.clinicId, code: 'FLD', name: 'Field post' }],
          server: [{ id: server.clinic.id, code: 'KIS', name: server.clinic.name }],
        });
        expect(syncStatus(here.core, here.me).serverUrl).toBeNull();
        expect(rows(here.core, 'select code from clinics')).toEqual([{ code: 'FLD' }]);

        // A choice of a clinic that is not one of the user's on the server is no choice.
        expect(errorOf(await here.connect({ clinicMap: { [here.clinicId]: 'someone-elses' } }))?.code).toBe('CONFLICT');

        dataOf(await here.connect({ clinicMap: { [here.clinicId]: server.clinic.id } }));
        expect(await here.settle()).toEqual({ ok: true });
        expect(rows(here.core, 'select code from clinics')).toEqual([{ code: 'KIS' }]);
        expect(syncStatus(here.core, here.me)).toMatchObject({ pending: {}, rejected: 0 });
        // The beneficiaries keep the codes they were given under FLD: codes are unique, never renumbered.
        const codes = rows(
          here.core,
          'select code from beneficiaries where clinic_id = ? and id in (?, ?)',
          server.clinic.id,
          ...here.people.map((p) => p.id),
        );
        expect(codes.map((r) => r.code)).toEqual(here.people.map((p) => p.code));
      } finally {
        here.close();
      }
    },
  );
});
