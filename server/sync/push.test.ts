import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictRecord, type PushResult } from '../../common/sync';
import { beneficiary, TestDevice } from '../test-client';
import { startTestServer, type TestServer, type TestUser } from '../testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const device = (user: TestUser = server.users.staff) => new TestDevice(server, user).signIn();

/** The server's current copy of a row, as a fresh device of that user would pull it. */
async function serverRow(id: string, user: TestUser = server.users.admin) {
  const reader = await device(user);
  return (await reader.pullAll()).find((c) => c.row_id === id);
}

describe('nothing is applied twice (guarantee 2)', () => {
  it('a resent seq returns the stored result and changes nothing, even with other content', async () => {
    const d = await device();
    const id = randomUUID();
    const first = d.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id, { givenName: 'Neema' }) });
    const [applied] = (await d.push([first])).results;
    expect(applied).toMatchObject({ seq: 1, status: 'applied' });

    expect((await d.push([first])).results).toEqual([applied]);
    const tampered = { ...first, fields: { ...first.fields, givenName: 'Changed' }, hlc: d.hlc() };
    expect((await d.push([tampered])).results).toEqual([applied]);

    expect(await serverRow(id)).toMatchObject({ version: applied!.version, data: { givenName: 'Neema' } });
  });

  it('a seq beyond the next one is refused with SEQ_GAP until the gap is filled', async () => {
    const d = await device();
    const [a, b] = [randomUUID(), randomUUID()];
    const m1 = d.mutation({ entity: 'beneficiaries', row_id: a, fields: beneficiary(server.clinic.id) });
    const m2 = d.mutation({ entity: 'beneficiaries', row_id: b, fields: beneficiary(server.clinic.id) });

    const early = (await d.push([m2])).results[0]!;
    expect(early).toMatchObject({ seq: 2, status: 'rejected', version: null, reason: { code: 'SEQ_GAP' } });
    expect(await serverRow(b)).toBeUndefined();

    // Not used up: once seq 1 arrives, seq 2 is applied.
    const results = (await d.push([m1, m2])).results;
    expect(results.map((r) => [r.seq, r.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
    ]);
    expect(await serverRow(b)).toBeDefined();
  });

  it('a gap inside a batch applies what comes before it', async () => {
    const d = await device();
    const m1 = d.mutation({ entity: 'beneficiaries', row_id: randomUUID(), fields: beneficiary(server.clinic.id) });
    d.seq += 1; // seq 2 never sent
    const m3 = d.mutation({ entity: 'beneficiaries', row_id: randomUUID(), fields: beneficiary(server.clinic.id) });
    const results = (await d.push([m1, m3])).results;
    expect(results.map((r) => [r.seq, r.status, r.reason?.code])).toEqual([
      [1, 'applied', undefined],
      [3, 'rejected', 'SEQ_GAP'],
    ]);
  });
});

describe('one bad mutation never wedges the queue (guarantee 3)', () => {
  it('a refused mutation uses up its seq, the ones after it apply, and a resend answers the same', async () => {
    const d = await device();
    const bad = d.mutation({ entity: 'beneficiaries', row_id: randomUUID(), fields: beneficiary(server.clinic.id, { shoeSize: 42 }) });
    const good = d.mutation({ entity: 'beneficiaries', row_id: randomUUID(), fields: beneficiary(server.clinic.id) });
    const results = (await d.push([bad, good])).results;
    expect(results[0]).toMatchObject({ seq: 1, status: 'rejected', version: null, reason: { code: 'VALIDATION' } });
    expect(results[0]!.reason!.message).toContain('shoeSize');
    expect(results[1]).toMatchObject({ seq: 2, status: 'applied' });
    expect((await d.push([bad, good])).results).toEqual(results);
    expect(await serverRow(bad.row_id)).toBeUndefined();

    // The user fixes it and resubmits under a new seq.
    const fixed = d.mutation({ entity: 'beneficiaries', row_id: bad.row_id, fields: beneficiary(server.clinic.id) });
    expect((await d.push([fixed])).results[0]).toMatchObject({ seq: 3, status: 'applied' });
  });

  it.each([
    ['a wrong type', { durationMinutes: 'long' }, 'VALIDATION'],
    ['a value outside the enum', { status: 'lost' }, 'VALIDATION'],
  ])('refuses %s as VALIDATION', async (_name, fields, code) => {
    const d = await device();
    const session = {
      clinicId: server.clinic.id,
      typeId: 't',
      staffId: server.users.staff.id,
      scheduledAt: '2026-01-01T09:00:00Z',
      durationMinutes: 30,
      status: 'scheduled',
    };
    const result = (await d.push([d.mutation({ entity: 'sessions', row_id: randomUUID(), fields: { ...session, ...fields } })]))
      .results[0]!;
    expect(result).toMatchObject({ status: 'rejected', reason: { code } });
  });

  it('deleting a row the server does not have is refused as UNKNOWN_ROW', async () => {
    const d = await device(server.users.admin);
    const result = (await d.push([d.mutation({ entity: 'beneficiaries', row_id: randomUUID(), op: 'delete' })])).results[0]!;
    expect(result).toMatchObject({ seq: 1, status: 'rejected', reason: { code: 'UNKNOWN_ROW' } });
  });

  it('an attendee of a session the server does not have is refused as UNKNOWN_ROW', async () => {
    const d = await device();
    const fields = { sessionId: randomUUID(), beneficiaryId: randomUUID(), attendance: 'attended' };
    const result = (await d.push([d.mutation({ entity: 'session_attendees', row_id: randomUUID(), fields })])).results[0]!;
    expect(result).toMatchObject({ status: 'rejected', reason: { code: 'UNKNOWN_ROW' } });
  });

  it('an HLC more than 5 minutes ahead of the server clock is refused as CLOCK_SKEW; 4 minutes is accepted', async () => {
    const d = await device();
    const ahead = (minutes: number) =>
      d.mutation({
        entity: 'beneficiaries',
        row_id: randomUUID(),
        fields: beneficiary(server.clinic.id),
        hlc: d.hlc(Date.now() + minutes * 60_000),
      });
    const results = (await d.push([ahead(6), ahead(4)])).results;
    expect(results.map((r) => r.reason?.code ?? r.status)).toEqual(['CLOCK_SKEW', 'applied']);
  });
});

describe('roles', () => {
  it('staff may not resolve conflicts, erase or merge; an admin may erase and the row becomes a tombstone', async () => {
    const staff = await device();
    const id = randomUUID();
    await staff.push([staff.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) })]);
    const refused = await staff.push([
      staff.mutation({ entity: 'beneficiaries', row_id: id, op: 'delete' }),
      staff.mutation({ entity: 'beneficiaries', row_id: id, fields: { mergedInto: randomUUID() } }),
      staff.mutation({ entity: 'conflicts', row_id: randomUUID(), fields: { resolvedAt: new Date().toISOString() } }),
    ]);
    expect(refused.results.map((r) => r.reason?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);

    const admin = await device(server.users.admin);
    const erased = (await admin.push([admin.mutation({ entity: 'beneficiaries', row_id: id, op: 'delete', base_version: null })]))
      .results[0]!;
    expect(erased.status).toBe('applied');
    expect(await serverRow(id)).toMatchObject({ deleted: true, version: erased.version, data: { deletedAt: expect.any(String) } });
  });

  it("a manager's merge tombstones the duplicate; a manager's plain delete is still refused", async () => {
    const manager = await device(server.users.manager);
    const [survivor, duplicate] = [randomUUID(), randomUUID()];
    await manager.push([
      manager.mutation({ entity: 'beneficiaries', row_id: survivor, fields: beneficiary(server.clinic.id) }),
      manager.mutation({ entity: 'beneficiaries', row_id: duplicate, fields: beneficiary(server.clinic.id) }),
    ]);
    const results = (
      await manager.push([
        manager.mutation({ entity: 'beneficiaries', row_id: survivor, op: 'delete' }),
        manager.mutation({ entity: 'beneficiaries', row_id: duplicate, op: 'delete', fields: { mergedInto: survivor } }),
      ])
    ).results;
    expect(results.map((r) => r.reason?.code ?? r.status)).toEqual(['FORBIDDEN', 'applied']);
    expect(await serverRow(duplicate)).toMatchObject({ deleted: true, data: { mergedInto: survivor } });
    expect(await serverRow(survivor)).toMatchObject({ deleted: false });
  });

  describe("a colleague's change, sent under the staff member's token of a shared computer", () => {
    /** A staff member's computer where `colleague` signed in to the server before the staff member did. */
    async function sharedComputer(colleague: TestUser) {
      const id = randomUUID();
      const signIn = await server.login(colleague, id);
      const staff = await new TestDevice(server, server.users.staff, id).signIn();
      const people = [randomUUID(), randomUUID(), randomUUID()];
      await staff.push(people.map((p) => staff.mutation({ entity: 'beneficiaries', row_id: p, fields: beneficiary(server.clinic.id) })));
      const merge = (duplicate: string, by: string) =>
        staff.mutation({ entity: 'beneficiaries', row_id: duplicate, op: 'delete', fields: { mergedInto: people[0], updatedBy: by } });
      return { staff, people, merge, refreshToken: signIn.refresh_token };
    }
    const refresh = async (token: string) => {
      const answer = await fetch(`${server.url}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: token }),
      });
      return answer.ok ? ((await answer.json()) as { refresh_token: string }).refresh_token : answer.status;
    };

    it("is checked as the colleague's when the colleague signed in there: an admin's offline merge applies", async () => {
      const admin = await server.createUser({ role: 'admin' });
      const { staff, people, merge } = await sharedComputer(admin);
      const results = (await staff.push([merge(people[1]!, admin.id), merge(people[2]!, server.users.staff.id)])).results;
      expect(results.map((r) => r.reason?.code ?? r.status)).toEqual(['applied', 'FORBIDDEN']);
      expect(await serverRow(people[1]!)).toMatchObject({ deleted: true, data: { mergedInto: people[0], updatedBy: admin.id } });
      expect(await serverRow(people[2]!)).toMatchObject({ deleted: false });
    });

    it("is checked as the token user's when the author never signed in there, was deactivated, or had that sign-in revoked", async () => {
      const elsewhere = await server.createUser({ role: 'admin' });
      await new TestDevice(server, elsewhere).signIn();
      const deactivated = await server.createUser({ role: 'admin' });
      const revoked = await server.createUser({ role: 'admin' });
      const first = await sharedComputer(deactivated);
      await server.updateUser({ email: deactivated.email, active: false });
      const second = await sharedComputer(revoked);
      // A used refresh token that comes back after its successor was used: the family is revoked as stolen.
      const next = await refresh(second.refreshToken);
      expect(await refresh(next as string)).toEqual(expect.any(String));
      expect(await refresh(second.refreshToken)).toBe(401);

      const a = (await first.staff.push([first.merge(first.people[1]!, elsewhere.id), first.merge(first.people[2]!, deactivated.id)]))
        .results;
      const b = (await second.staff.push([second.merge(second.people[1]!, revoked.id)])).results;
      expect([...a, ...b].map((r) => r.reason?.code ?? r.status)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    });
  });
});

describe('per-field merge with conflict records (guarantee 4)', () => {
  it('edits of different fields both survive, without a conflict', async () => {
    const a = await device();
    const b = await device(server.users.manager);
    const id = randomUUID();
    const created = (await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) })]))
      .results[0]!;
    const base = created.version;
    const ra = (await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields: { phone: '+254700000001' }, base_version: base })]))
      .results[0]!;
    const rb = (await b.push([b.mutation({ entity: 'beneficiaries', row_id: id, fields: { address: 'Kondele' }, base_version: base })]))
      .results[0]!;
    expect(ra.conflicts).toBeUndefined();
    expect(rb.conflicts).toBeUndefined();
    expect((await serverRow(id))!.data).toMatchObject({ phone: '+254700000001', address: 'Kondele', givenName: 'Amina' });
  });

  it('the later of two concurrent edits of one field wins, and the other is kept as a conflict with both values, users and HLCs', async () => {
    const a = await device();
    const b = await device(server.users.manager);
    const id = randomUUID();
    const base = (await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) })])).results[0]!
      .version;
    const hlcA = a.hlc(Date.now() - 1000);
    const hlcB = b.hlc(Date.now());
    // B's edit is later by the clock but reaches the server first; A's arrives after and loses.
    const rb = (await b.push([b.mutation({ entity: 'beneficiaries', row_id: id, fields: { phone: 'B' }, hlc: hlcB, base_version: base })]))
      .results[0]!;
    expect(rb.conflicts).toBeUndefined();
    const ra = (
      await a.push([
        a.mutation({ entity: 'beneficiaries', row_id: id, fields: { phone: 'A', notes: 'from A' }, hlc: hlcA, base_version: base }),
      ])
    ).results[0]!;
    expect(ra.status).toBe('applied');
    expect(ra.conflicts).toHaveLength(1);
    const conflict = conflictRecord.parse(ra.conflicts![0]);
    expect(conflict).toMatchObject({
      entity: 'beneficiaries',
      row_id: id,
      field: 'phone',
      kept_value: 'B',
      lost_value: 'A',
      kept_by: server.users.manager.id,
      lost_by: server.users.staff.id,
      kept_hlc: hlcB,
      lost_hlc: hlcA,
    });
    expect((await serverRow(id))!.data).toMatchObject({ phone: 'B', notes: 'from A' });

    // Every device of the clinic receives the conflict, as a row and in the page's conflicts.
    const reader = await device();
    const pulled: { changes: { entity: string; row_id: string }[]; conflicts: unknown[] } = { changes: [], conflicts: [] };
    for (;;) {
      const page = await reader.pull();
      pulled.changes.push(...page.changes);
      pulled.conflicts.push(...page.conflicts);
      if (!page.has_more) break;
    }
    expect(pulled.changes).toContainEqual(expect.objectContaining({ entity: 'conflicts', row_id: conflict.id }));
    expect(pulled.conflicts).toContainEqual(conflict);
  });

  it("a conflict names who made each edit, not whose token sent it: a colleague signed in offline on the staff member's computer", async () => {
    const a = await device();
    const b = await device(server.users.manager);
    const colleague = await server.createUser();
    const id = randomUUID();
    const base = (await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) })])).results[0]!
      .version;
    const fields = { phone: 'colleague', updatedBy: colleague.id };
    await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields, hlc: a.hlc(Date.now() - 1000), base_version: base })]);
    const rb = (await b.push([b.mutation({ entity: 'beneficiaries', row_id: id, fields: { phone: 'B' }, base_version: base })]))
      .results[0]!;
    expect(conflictRecord.parse(rb.conflicts![0])).toMatchObject({
      kept_value: 'B',
      lost_value: 'colleague',
      kept_by: server.users.manager.id,
      lost_by: colleague.id,
    });
  });

  it('a later edit arriving second wins over the first and keeps the first as the lost value', async () => {
    const a = await device();
    const b = await device();
    const id = randomUUID();
    const base = (await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) })])).results[0]!
      .version;
    await a.push([
      a.mutation({
        entity: 'beneficiaries',
        row_id: id,
        fields: { familyName: 'Early' },
        hlc: a.hlc(Date.now() - 500),
        base_version: base,
      }),
    ]);
    const rb = (await b.push([b.mutation({ entity: 'beneficiaries', row_id: id, fields: { familyName: 'Late' }, base_version: base })]))
      .results[0]!;
    expect(rb.conflicts).toEqual([expect.objectContaining({ field: 'familyName', kept_value: 'Late', lost_value: 'Early' })]);
    expect((await serverRow(id))!.data.familyName).toBe('Late');
  });

  it('an edit made after seeing the other one is not a conflict, and wins even with a slower clock', async () => {
    const a = await device();
    const b = await device();
    const id = randomUUID();
    await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) })]);
    const seen = (await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields: { phone: 'first' } })])).results[0]!.version!;
    const rb = (
      await b.push([
        b.mutation({
          entity: 'beneficiaries',
          row_id: id,
          fields: { phone: 'second' },
          hlc: b.hlc(Date.now() - 60_000),
          base_version: seen,
        }),
      ])
    ).results[0]!;
    expect(rb.conflicts).toBeUndefined();
    expect((await serverRow(id))!.data.phone).toBe('second');
  });

  it('a manager resolves a conflict by editing its row, which syncs like any edit', async () => {
    const a = await device();
    const b = await device();
    const id = randomUUID();
    const base = (await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) })])).results[0]!
      .version;
    await a.push([a.mutation({ entity: 'beneficiaries', row_id: id, fields: { phone: '1' }, base_version: base })]);
    const conflict = (await b.push([b.mutation({ entity: 'beneficiaries', row_id: id, fields: { phone: '2' }, base_version: base })]))
      .results[0]!.conflicts![0]!;
    const manager = await device(server.users.manager);
    const resolvedAt = new Date().toISOString();
    const result = (
      await manager.push([
        manager.mutation({ entity: 'conflicts', row_id: conflict.id, fields: { resolvedAt, resolvedBy: server.users.manager.id } }),
      ])
    ).results[0]!;
    expect(result.status).toBe('applied');
    expect(await serverRow(conflict.id)).toMatchObject({ entity: 'conflicts', data: { resolvedAt, lostValue: '1', keptValue: '2' } });
  });
});

describe('clinic scoping (guarantee 7)', () => {
  it('refuses pushes for another clinic and delivers nothing of it', async () => {
    const other = await server.createClinic({ name: 'Nairobi', code: `N${randomUUID().slice(0, 4)}`.toUpperCase() });
    const outsider = await server.createUser({ role: 'manager', clinics: [other.id] });
    const home = await device();
    const o = await device(outsider);

    // A row of the home clinic, with a session, an attendee and a conflict.
    const id = randomUUID();
    const sessionId = randomUUID();
    const session = {
      clinicId: server.clinic.id,
      typeId: 't',
      staffId: server.users.staff.id,
      scheduledAt: '2026-01-01T09:00:00Z',
      durationMinutes: 30,
      status: 'scheduled',
    };
    const results = (
      await home.push([
        home.mutation({ entity: 'beneficiaries', row_id: id, fields: beneficiary(server.clinic.id) }),
        home.mutation({ entity: 'sessions', row_id: sessionId, fields: session }),
        home.mutation({ entity: 'session_attendees', row_id: randomUUID(), fields: { sessionId, beneficiaryId: id } }),
      ])
    ).results;
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    const refused = await o.push([
      o.mutation({ entity: 'beneficiaries', row_id: randomUUID(), fields: beneficiary(server.clinic.id) }),
      o.mutation({ entity: 'beneficiaries', row_id: id, fields: { phone: 'x' }, base_version: results[0]!.version }),
      o.mutation({ entity: 'session_attendees', row_id: randomUUID(), fields: { sessionId, beneficiaryId: randomUUID() } }),
    ]);
    expect(refused.results.map((r: PushResult) => r.reason?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);

    // Moving one's own row into a clinic one is not a member of is refused too.
    const mine = randomUUID();
    await o.push([o.mutation({ entity: 'beneficiaries', row_id: mine, fields: beneficiary(other.id) })]);
    expect(
      (await o.push([o.mutation({ entity: 'beneficiaries', row_id: mine, fields: { clinicId: server.clinic.id } })])).results[0]!.reason
        ?.code,
    ).toBe('FORBIDDEN');

    const seen = await o.pullAll();
    const homeRows = seen.filter((c) => JSON.stringify(c.data).includes(server.clinic.id));
    expect(homeRows).toEqual([]);
    expect(seen.filter((c) => c.entity === 'clinics').map((c) => c.row_id)).toEqual([other.id]);
    expect(seen.filter((c) => c.entity === 'users').map((c) => c.row_id)).toEqual([outsider.id]);
    expect(seen.find((c) => c.row_id === mine)).toBeDefined();
    const sum = await o.request('GET', '/v1/sync/checksum?entity=beneficiaries');
    expect(sum.body).toMatchObject({ count: 1 });

    // And the home clinic sees none of the other clinic's rows.
    const homeSeen = await home.pullAll();
    expect(homeSeen.find((c) => c.row_id === mine || c.row_id === other.id || c.row_id === outsider.id)).toBeUndefined();
    expect(homeSeen.filter((c) => c.entity === 'session_attendees' && c.data.sessionId === sessionId)).toHaveLength(1);
  });

  it('session types reach every clinic', async () => {
    const type = await server.createSessionType({ name: 'Group therapy' });
    const other = await server.createClinic({ name: 'Mombasa', code: `M${randomUUID().slice(0, 4)}`.toUpperCase() });
    const d = await device(await server.createUser({ clinics: [other.id] }));
    expect((await d.pullAll()).find((c) => c.row_id === type.id)).toMatchObject({
      entity: 'session_types',
      data: { name: 'Group therapy' },
    });
  });
});
