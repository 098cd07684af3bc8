import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../../common/account';
import type { Beneficiary } from '../../../common/beneficiaries';
import type { Clinic } from '../../../common/clinics';
import type { ServerMessage } from '../../../common/rpc';
import { AGENDA_PER_DAY, type AgendaView, type SessionType, type SessionWarning } from '../../../common/sessions';
import type { Core } from '../core';
import { clientAs, dataOf, openTestCore, setupAdmin, testClient } from '../testing';

let core: Core;
let admin: ReturnType<typeof testClient>;
let me: SessionUser;
let clinic: Clinic;
let counselling: SessionType;
let people: Beneficiary[];

beforeEach(async () => {
  core = await openTestCore({ now: () => new Date('2026-11-22T09:00:00.000Z') });
  admin = testClient(core);
  me = dataOf<SessionUser>(await admin.mutate('account.setup', setupAdmin));
  clinic = dataOf<Clinic[]>(await admin.query('clinics.list'))[0]!;
  counselling = dataOf<SessionType[]>(await admin.query('sessionTypes.list')).find((t) => t.name === 'Counselling')!;
  people = [];
  for (let i = 0; i < 12; i++) {
    const person = {
      clinicId: clinic.id,
      givenName: `Person${i}`,
      familyName: `Family${String.fromCharCode(65 + i)}`,
      sex: 'male',
      birthDate: `19${50 + i}-01-01`,
    };
    people.push(dataOf<Beneficiary>(await admin.mutate('beneficiaries.register', person)));
  }
});
afterEach(() => core.close());

const errorOf = (m: ServerMessage) => (m.type === 'error' ? m.error : null);
const schedule = async (scheduledAt: string, attendees: Beneficiary[] = [people[0]!]) =>
  dataOf<unknown>(
    await admin.mutate('sessions.create', {
      clinicId: clinic.id,
      typeId: counselling.id,
      staffId: me.id,
      scheduledAt,
      durationMinutes: 30,
      status: 'scheduled',
      attendees: attendees.map((p) => ({ beneficiaryId: p.id })),
    }),
  );
const week = { from: '2026-11-23T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' };

describe('the agenda of a busy clinic', () => {
  it('brings each day its first sessions and says which days have more, so a busy Monday does not hide Tuesday', async () => {
    const monday = Date.parse('2026-11-23T06:00:00.000Z');
    for (let i = 0; i < AGENDA_PER_DAY + 5; i++) await schedule(new Date(monday + i * 5 * 60_000).toISOString());
    await schedule('2026-11-24T10:00:00.000Z', people.slice(0, 5));

    const view = dataOf<AgendaView>(await admin.query('sessions.agenda', week));
    expect(view.more).toEqual([true, false, false, false, false, false, false]);
    const mondays = view.sessions.filter((s) => s.scheduledAt.startsWith('2026-11-23'));
    expect(mondays).toHaveLength(AGENDA_PER_DAY);
    expect(mondays.at(-1)!.scheduledAt).toBe(new Date(monday + (AGENDA_PER_DAY - 1) * 5 * 60_000).toISOString());
    const tuesday = view.sessions.find((s) => s.scheduledAt.startsWith('2026-11-24'))!;
    expect(tuesday).toMatchObject({ attendeeCount: 5, attendeeNames: ['Person0 FamilyA', 'Person1 FamilyB', 'Person2 FamilyC'] });
  });

  it('is a day or a week: a month at once is refused', async () => {
    const answer = await admin.query('sessions.agenda', { from: week.from, to: '2026-12-23T00:00:00.000Z' });
    expect(errorOf(answer)?.fieldErrors).toEqual({ to: ['errors.range'] });
  });
});

describe('double bookings looked up while a session is filled in', () => {
  const probe = (beneficiaryIds: string[]) => ({
    id: null,
    staffId: me.id,
    scheduledAt: '2026-11-23T10:15:00.000Z',
    durationMinutes: 30,
    beneficiaryIds,
  });

  it('names the staff member and every person of a group already booked then, however far down the list', async () => {
    await schedule('2026-11-23T10:00:00.000Z', [people[11]!]);
    const warnings = dataOf<SessionWarning[]>(await admin.query('sessions.clashes', probe(people.map((p) => p.id))));
    expect(warnings.map((w) => [w.kind, w.beneficiaryName ?? null])).toEqual([
      ['staffDoubleBooked', null],
      ['beneficiaryDoubleBooked', 'Person11 FamilyL'],
    ]);
    expect(
      dataOf<SessionWarning[]>(await admin.query('sessions.clashes', { ...probe([]), scheduledAt: '2026-11-23T10:30:00.000Z' })),
    ).toEqual([]);
  });

  it('tells staff of another clinic nothing about this clinic’s people or sessions', async () => {
    await schedule('2026-11-23T10:00:00.000Z', [people[0]!]);
    const stranger = await clientAs(core, 'staff', [crypto.randomUUID()]);
    expect(dataOf<SessionWarning[]>(await stranger.query('sessions.clashes', probe([people[0]!.id])))).toEqual([]);
    stranger.close();
  });
});
