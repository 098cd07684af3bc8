import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { SessionUser } from '../../../common/account';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import type { Role } from '../../../common/permissions';
import type { SavedSession, SessionType } from '../../../common/sessions';
import type { UserRecord } from '../../../common/users';
import { verifyAuditChain } from '../audit/verify';
import type { Core } from '../core';
import { users } from '../../../db/schema';
import { createCaller, appRouter } from '../router';
import { dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import { toErrorShape } from '../transport';
import type { Connection } from '../trpc';
import { inputsFor, type Known } from './arbitraries';

// Every procedure, called by every role and by nobody, with thousands of generated inputs. Seeded: a failure replays.
const SEED = 20261122;
const INPUTS_PER_PROCEDURE = 8;

interface ProcedureDef {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: z.ZodType[] };
}
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>);

/** Every error a caller can act on; INTERNAL (a crash) is the one that must never come back. */
const typedCodes = ['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'LOCKED'];

let core: Core;
let known: Known;
const callers = new Map<Role | 'anonymous', SessionUser | null>();

beforeAll(async () => {
  core = await openTestCore({ now: () => new Date('2026-11-22T09:00:00.000Z') });
  const admin = testClient(core);
  const me = dataOf<SessionUser>(await admin.mutate('account.setup', setupAdmin));
  const clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
  const types = dataOf<SessionType[]>(await admin.query('sessionTypes.list'));
  const people: Beneficiary[] = [];
  for (const [givenName, familyName] of [
    ['Zawadi', 'Njeri'],
    ['Baraka', 'Otieno'],
    ['Achieng', 'Odhiambo'],
  ])
    people.push(
      dataOf<Beneficiary>(
        await admin.mutate('beneficiaries.register', {
          clinicId: clinic.id,
          givenName,
          familyName,
          sex: 'female',
          birthDate: '1990-01-01',
        }),
      ),
    );
  const saved = dataOf<SavedSession>(
    await admin.mutate('sessions.create', {
      clinicId: clinic.id,
      typeId: types[0]!.id,
      staffId: me.id,
      scheduledAt: '2026-11-22T13:00:00.000Z',
      durationMinutes: 60,
      status: 'scheduled',
      attendees: [{ beneficiaryId: people[0]!.id }],
    }),
  );
  const staff: UserRecord[] = [];
  for (const role of ['manager', 'staff'] as const)
    staff.push(
      dataOf<UserRecord>(
        await admin.mutate('users.create', {
          name: `A ${role}`,
          email: `${role}@example.org`,
          role,
          clinicIds: [clinic.id],
          password: 'a long enough password',
        }),
      ),
    );
  const backup = dataOf<{ name: string }>(await admin.mutate('backups.create'));
  admin.close();

  known = {
    ids: [clinic.id, me.id, ...staff.map((u) => u.id), ...types.map((t) => t.id), ...people.map((p) => p.id), saved.session.id],
    emails: [setupAdmin.email, 'manager@example.org', 'staff@example.org', 'nobody@example.org'],
    strings: [backup.name, setupAdmin.password, 'KIS', 'Counselling'],
  };
  callers.set('anonymous', null);
  callers.set('admin', me);
  for (const { id, name, email, role, clinicIds } of staff) callers.set(role, { id, name, email, role, clinicIds });
}, 120_000);
afterAll(() => core.close());

/** What the store holds, but for the audit trail and the failed sign-in counter, which a refused call may move on purpose. */
function digest(): string {
  const hash = createHash('sha256');
  const tables = core.store.sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'audit_log' order by name")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const rows = core.store.sqlite.prepare(`select * from "${table}"`).all() as Record<string, unknown>[];
    if (table === 'users') for (const row of rows) delete row.failed_sign_ins;
    hash.update(table).update(JSON.stringify(rows, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('hex') : value)));
  }
  return hash.digest('hex');
}

// Rows changed so far on the store's connection: while it stands still, the digest cannot have moved.
const totalChanges = () => core.store.sqlite.prepare('select total_changes()').pluck().get() as number;
let lastDigest = { changes: -1, value: '' };
function currentDigest(): string {
  const changes = totalChanges();
  if (changes !== lastDigest.changes) lastDigest = { changes, value: digest() };
  return lastDigest.value;
}

/** The fuzz may have deactivated, demoted or locked out a role's user; put them back, so each role keeps being tried. */
function restoreCallers() {
  for (const [role, user] of callers) {
    if (!user) continue;
    const clinicIds = JSON.stringify(user.clinicIds);
    core.store.sqlite
      .prepare(
        `update users set active = 1, role = @role, clinic_ids = @clinicIds, deleted_at = null, failed_sign_ins = 0
         where id = @id and (active <> 1 or role <> @role or clinic_ids <> @clinicIds or deleted_at is not null or failed_sign_ins <> 0)`,
      )
      .run({ role, clinicIds, id: user.id });
  }
}

async function call(path: string, role: Role | 'anonymous', input: unknown): Promise<{ error: unknown } | { data: unknown }> {
  const connection: Connection = { user: callers.get(role) ?? null, locked: false };
  let node: unknown = createCaller({ core, connection });
  for (const segment of path.split('.')) node = (node as Record<string, unknown>)[segment];
  try {
    return { data: await (node as (input: unknown) => Promise<unknown>)(input) };
  } catch (error) {
    return { error };
  }
}

describe('every procedure, fuzzed with invalid and near-valid inputs as every role', () => {
  it('answers only with typed errors, writes nothing when it refuses, and leaves the audit chain whole', async () => {
    const defects: string[] = [];
    let calls = 0;
    let answered = 0;
    for (const [index, [path, procedure]] of procedures.entries()) {
      // The change feed takes no input and only streams topic names; it is covered by the permission test.
      if (procedure._def.type === 'subscription') continue;
      const schema = procedure._def.inputs[0];
      const inputs = fc.sample(inputsFor(schema, known), { seed: SEED + index, numRuns: INPUTS_PER_PROCEDURE });
      for (const input of inputs) {
        for (const role of callers.keys()) {
          restoreCallers();
          const before = currentDigest();
          const answer = await call(path, role, input);
          calls++;
          if (!('error' in answer)) {
            answered++;
            continue;
          }
          const shape = toErrorShape(answer.error);
          const shown = `${path} as ${role} with ${JSON.stringify(input)?.slice(0, 300)}`;
          if (!typedCodes.includes(shape.code))
            defects.push(`${shown}: ${shape.code} ${answer.error instanceof Error ? (answer.error.cause ?? answer.error) : answer.error}`);
          else if (currentDigest() !== before) defects.push(`${shown}: refused with ${shape.code} but changed the store`);
        }
      }
    }
    expect(defects).toEqual([]);
    // The inputs are near enough to valid that a good share of calls get through to an answer.
    expect(answered / calls).toBeGreaterThan(0.1);
    expect(verifyAuditChain(core.store.sqlite)).toMatchObject({ ok: true, firstBroken: null });
    expect(core.store.db.select().from(users).all().length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
