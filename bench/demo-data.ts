import { type Faker, fakerAR, fakerEN, fakerFR } from '@faker-js/faker';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { SessionUser } from '../common/account';
import type { Sex } from '../common/beneficiaries';
import { clinics, sessionAttendees, sessions, sessionTypes, users } from '../db/schema';
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
  if (account.status(core, null).needsSetup) return account.setup(core, demoAdmin);
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

/** Sessions over the past two years, one in ten a group of 5 to 40, through the same audited write path. */
export function seedSessions(core: Core, admin: SessionUser, count: number, seed = 42): void {
  const faker = fakerEN;
  faker.seed(seed + 1);
  const { db, sqlite } = core.store;
  const clinicId = admin.clinicIds[0]!;
  // A fresh install's default types (account.setup) are what sessions use.
  const types = db.select().from(sessionTypes).all();
  const people = sqlite.prepare('select id from beneficiaries where deleted_at is null').pluck().all() as string[];
  if (people.length === 0) throw new Error('Seed beneficiaries before sessions.');
  const now = core.now().getTime();

  for (let start = 0; start < count; start += BATCH) {
    core.write({ userId: admin.id }, (tx) => {
      const at = tx.now.toISOString();
      const stamp = { createdAt: at, updatedAt: at, createdBy: admin.id, updatedBy: admin.id };
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const type = faker.helpers.arrayElement(types);
        const when = new Date(now - faker.number.int({ min: -30, max: 730 }) * 86_400_000);
        when.setUTCHours(faker.number.int({ min: 6, max: 15 }), faker.helpers.arrayElement([0, 15, 30, 45]), 0, 0);
        const past = when.getTime() < now;
        const session = tx.db
          .insert(sessions)
          .values({
            id: uuidv7(),
            clinicId,
            typeId: type.id,
            staffId: admin.id,
            location: null,
            scheduledAt: when.toISOString(),
            durationMinutes: type.defaultDurationMinutes,
            status: past
              ? faker.helpers.weightedArrayElement([
                  { weight: 90, value: 'completed' as const },
                  { weight: 10, value: 'cancelled' as const },
                ])
              : 'scheduled',
            notes: null,
            followUpDate: null,
            ...stamp,
          })
          .returning()
          .get();
        tx.record({ action: 'sessions.create', entity: 'sessions', rowId: session.id, before: null, after: session, sync: true });
        const size = type.isGroup ? faker.number.int({ min: 5, max: 40 }) : 1;
        for (const beneficiaryId of new Set(faker.helpers.arrayElements(people, size))) {
          const attendee = tx.db
            .insert(sessionAttendees)
            .values({
              id: uuidv7(),
              sessionId: session.id,
              beneficiaryId,
              attendance:
                past && session.status === 'completed'
                  ? faker.helpers.arrayElement(['attended', 'attended', 'attended', 'missed', 'excused'] as const)
                  : 'expected',
              outcome: null,
              ...stamp,
            })
            .returning()
            .get();
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
