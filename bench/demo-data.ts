import { type Faker, fakerAR, fakerEN, fakerFR } from '@faker-js/faker';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../common/account';
import type { Sex } from '../common/beneficiaries';
import { clinics, sessionTypes, users } from '../db/schema';
import { makeVerifier } from '../electron/core/account/password';
import * as account from '../electron/core/account/service';
import { columnsOf, insertBeneficiary } from '../electron/core/beneficiaries/service';
import type { Core } from '../electron/core/core';

export const demoAdmin = {
  organisation: 'Health Without Borders',
  clinic: { name: 'Kisumu Clinic', code: 'KIS' },
  name: 'Amina Admin',
  email: 'admin@example.org',
  password: 'outpost-demo-password',
};

const locales: Faker[] = [fakerEN, fakerEN, fakerFR, fakerAR];
const tags = ['nutrition', 'maternal', 'hiv', 'tb', 'mental-health', 'disability', 'child', 'elderly'];
const BATCH = 1000;

/** A transliteration-style variant of a name: a doubled or changed vowel. */
function variant(name: string, faker: Faker): string {
  const swaps: [RegExp, string][] = [
    [/o/, 'u'],
    [/a/, 'e'],
    [/e/, 'a'],
    [/i/, 'y'],
    [/m/, 'mm'],
  ];
  const applicable = swaps.filter(([from]) => from.test(name));
  if (!applicable.length) return `${name}h`;
  const [from, to] = faker.helpers.arrayElement(applicable);
  return name.replace(from, to);
}

export async function ensureAdmin(core: Core): Promise<SessionUser> {
  if (account.status(core, { user: null, locked: false }).needsSetup) return account.setup(core, demoAdmin);
  const row = core.store.db.select().from(users).where(eq(users.role, 'admin')).get();
  if (!row) throw new Error('This data folder has users but no admin.');
  return account.toSessionUser(row);
}

/**
 * Realistic people (English, French and Arabic names; some near-duplicates),
 * written through the core's own write path (row, search index, audit,
 * outbox) in batches of a thousand per transaction.
 */
export function seedBeneficiaries(core: Core, admin: SessionUser, count: number, seed = 42): void {
  const clinic = core.store.db.select().from(clinics).where(eq(clinics.id, admin.clinicIds[0]!)).get()!;
  for (const faker of locales) faker.seed(seed);
  const existing = core.store.sqlite.prepare('select count(*) from beneficiaries').pluck().get() as number;
  const nationalIdBase = 20_000_000 + existing * 7;
  const now = core.now();
  let previous: { givenName: string; familyName: string; birthDate: string } | null = null;

  for (let start = 0; start < count; start += BATCH) {
    core.write({ userId: admin.id }, (tx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const faker = locales[i % locales.length]!;
        const sex: Sex = faker.helpers.weightedArrayElement([
          { weight: 52, value: 'female' },
          { weight: 46, value: 'male' },
          { weight: 2, value: 'unknown' },
        ]);
        const birth = faker.date.birthdate({ mode: 'age', min: 0, max: 90, refDate: now });
        const nearDuplicate = previous !== null && faker.number.int(100) < 2;
        const person = nearDuplicate
          ? { givenName: variant(previous!.givenName, faker), familyName: previous!.familyName, birthDate: previous!.birthDate }
          : {
              givenName: faker.person.firstName(sex === 'unknown' ? undefined : sex),
              familyName: faker.person.lastName(),
              birthDate: birth.toISOString().slice(0, 10),
            };
        const registered = faker.date.between({ from: new Date(now.getTime() - 3 * 365 * 86_400_000), to: now });
        const columns = columnsOf(
          {
            clinicId: clinic.id,
            ...person,
            otherNames: null,
            sex,
            estimatedAge: null,
            nationalId: !nearDuplicate && faker.number.int(100) < 70 ? String(nationalIdBase + i * 7) : null,
            phone: faker.number.int(100) < 80 ? `07${faker.string.numeric(2)} ${faker.string.numeric(3)} ${faker.string.numeric(3)}` : null,
            address: faker.location.city(),
            preferredLanguage: faker === fakerAR ? 'ar' : faker === fakerFR ? 'fr' : 'en',
            consent: true,
            consentDate: registered.toISOString().slice(0, 10),
            status: faker.helpers.weightedArrayElement([
              { weight: 90, value: 'active' as const },
              { weight: 7, value: 'inactive' as const },
              { weight: 3, value: 'archived' as const },
            ]),
            tags: faker.helpers.arrayElements(tags, { min: 0, max: 2 }),
            notes: null,
          },
          now,
        );
        insertBeneficiary(core, tx, admin.id, clinic.code, columns, registered.toISOString());
        previous = person;
      }
    });
  }
}

/** Staff members for the demo clinic: sessions are spread among them as in a real clinic. */
export async function ensureStaff(core: Core, admin: SessionUser, count: number): Promise<string[]> {
  const existing = core.store.db.select({ id: users.id }).from(users).where(eq(users.role, 'staff')).all();
  if (existing.length >= count) return existing.map((u) => u.id);
  const verifier = await makeVerifier(demoAdmin.password);
  fakerEN.seed(99);
  return core.write({ userId: admin.id }, (tx) => {
    const at = tx.now.toISOString();
    return Array.from({ length: count - existing.length }, (_, i) => {
      const row = tx.db
        .insert(users)
        .values({
          id: uuidv7(),
          name: fakerEN.person.fullName(),
          email: `staff${existing.length + i + 1}@example.org`,
          role: 'staff',
          clinicIds: admin.clinicIds,
          passwordVerifier: verifier,
          createdAt: at,
          updatedAt: at,
          createdBy: admin.id,
          updatedBy: admin.id,
        })
        .returning()
        .get();
      tx.record({ action: 'users.create', entity: 'users', rowId: row.id, before: null, after: row, sync: false });
      return row.id;
    }).concat(existing.map((u) => u.id));
  });
}

/**
 * Sessions from two years back to a month ahead, spread over the staff; one
 * in twenty a group of 5 to 40; some with follow-up dates. Written with the
 * same audit and outbox entries as the app's own writes.
 */
export function seedSessions(core: Core, admin: SessionUser, staffIds: string[], count: number, seed = 42): void {
  const faker = fakerEN;
  faker.seed(seed + 1);
  const { db, sqlite } = core.store;
  const clinicId = admin.clinicIds[0]!;
  // A fresh install's default types (account.setup) are what sessions use.
  const types = db.select().from(sessionTypes).all();
  const single = types.filter((t) => !t.isGroup);
  const group = types.filter((t) => t.isGroup);
  const people = sqlite.prepare('select id from beneficiaries where deleted_at is null').pluck().all() as string[];
  if (people.length === 0) throw new Error('Seed beneficiaries before sessions.');
  const now = core.now().getTime();
  const insertSession = sqlite.prepare(
    `insert into sessions (id, clinic_id, type_id, staff_id, location, scheduled_at, duration_minutes, status, notes, follow_up_date,
       created_at, updated_at, created_by, updated_by)
     values (@id, @clinicId, @typeId, @staffId, @location, @scheduledAt, @durationMinutes, @status, @notes, @followUpDate,
       @createdAt, @updatedAt, @createdBy, @updatedBy)`,
  );
  const insertAttendee = sqlite.prepare(
    `insert into session_attendees (id, session_id, beneficiary_id, attendance, outcome, created_at, updated_at, created_by, updated_by)
     values (@id, @sessionId, @beneficiaryId, @attendance, @outcome, @createdAt, @updatedAt, @createdBy, @updatedBy)`,
  );

  for (let start = 0; start < count; start += BATCH) {
    core.write({ userId: admin.id }, (tx) => {
      const at = tx.now.toISOString();
      const stamp = { createdAt: at, updatedAt: at, createdBy: admin.id, updatedBy: admin.id };
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const type = faker.number.int(100) < 5 ? faker.helpers.arrayElement(group) : faker.helpers.arrayElement(single);
        const when = new Date(now - faker.number.int({ min: -30, max: 730 }) * 86_400_000);
        when.setUTCHours(faker.number.int({ min: 6, max: 15 }), faker.helpers.arrayElement([0, 15, 30, 45]), 0, 0);
        const past = when.getTime() < now;
        const status = past ? (faker.number.int(100) < 90 ? 'completed' : 'cancelled') : 'scheduled';
        const followUp = status === 'completed' && faker.number.int(100) < 15;
        const session = {
          id: uuidv7(),
          clinicId,
          typeId: type.id,
          staffId: faker.helpers.arrayElement(staffIds),
          location: null,
          scheduledAt: when.toISOString(),
          durationMinutes: type.defaultDurationMinutes,
          status,
          notes: null,
          followUpDate: followUp ? new Date(when.getTime() + 14 * 86_400_000).toISOString().slice(0, 10) : null,
          ...stamp,
        };
        insertSession.run(session);
        tx.record({ action: 'sessions.create', entity: 'sessions', rowId: session.id, before: null, after: session, sync: true });
        const size = type.isGroup ? faker.number.int({ min: 5, max: 40 }) : 1;
        for (const beneficiaryId of new Set(faker.helpers.arrayElements(people, size))) {
          const attendance =
            status === 'completed'
              ? faker.helpers.arrayElement(['attended', 'attended', 'attended', 'missed', 'excused'] as const)
              : 'expected';
          const attendee = { id: uuidv7(), sessionId: session.id, beneficiaryId, attendance, outcome: null, ...stamp };
          insertAttendee.run(attendee);
          tx.record({
            action: 'sessions.create',
            entity: 'session_attendees',
            rowId: attendee.id,
            before: null,
            after: attendee,
            sync: true,
          });
        }
      }
    });
  }
}
