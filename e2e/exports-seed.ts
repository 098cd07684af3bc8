import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Beneficiary } from '../common/beneficiaries';
import type { Clinic } from '../common/clinics';
import type { SessionType } from '../common/sessions';
import { FileSecretStore, openCore } from '../electron/core';
import { dataOf, migrationsFolder, testClient } from '../electron/core/testing';
import { admin } from './first-run';

// process.execPath --import tsx e2e/exports-seed.ts --data-dir DIR [--bulk N]
// Fills a fresh data folder through the core's own procedures, and prints (as JSON) what the exports must show,
// counted here from what was written, not read back through the code under test.
const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, bulk: { type: 'string', default: '0' } } });
const dataDir = path.resolve(values['data-dir']!);
const core = await openCore({ dataDir, secrets: new FileSecretStore(dataDir), migrationsFolder });
const client = testClient(core);
await client.mutate('account.setup', {
  organisation: 'Lakeside Health Trust',
  clinic: { name: 'Kisumu Clinic', code: 'KSM' },
  name: admin.name,
  email: admin.email,
  password: admin.password,
});
const clinic = dataOf<Clinic[]>(await client.query('clinics.list'))[0]!;
const types = dataOf<SessionType[]>(await client.query('sessionTypes.list'));
const me = dataOf<{ user: { id: string } }>(await client.query('account.status')).user;

const people: Beneficiary[] = [];
const names = [
  ['فاطمة', 'الزهراء'],
  ['Hélène', 'Béatrice'],
  ['Zoë', 'Lefèvre'],
  ['=SUM(A1:A2)', 'Formula'],
  ['Amani', 'Otieno'],
  ['Baraka', 'Mwangi'],
];
for (const [i, [givenName, familyName]] of names.entries())
  people.push(
    dataOf<Beneficiary>(
      await client.mutate('beneficiaries.register', {
        clinicId: clinic.id,
        givenName,
        familyName,
        sex: i % 2 ? 'male' : 'female',
        birthDate: `19${70 + i}-0${1 + i}-1${i}`,
        phone: `0712 000 ${100 + i}`,
      }),
    ),
  );

// Last month, whole: sessions on its 3rd to 14th, types in turn, everyone attending the odd ones.
const now = new Date();
const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
const byType: Record<string, number> = {};
let attended = 0;
const used = types.filter((t) => !t.isGroup).slice(0, 3);
for (let day = 3; day <= 14; day++) {
  const type = used[day % used.length]!;
  const person = people[day % people.length]!;
  const came = day % 2 === 1;
  await client.mutate('sessions.create', {
    clinicId: clinic.id,
    typeId: type.id,
    staffId: me.id,
    scheduledAt: `${month}-${String(day).padStart(2, '0')}T08:00:00.000Z`,
    durationMinutes: 30,
    status: 'completed',
    attendees: [{ beneficiaryId: person.id, attendance: came ? 'attended' : 'missed', outcome: came ? 'Suivi prévu' : null }],
  });
  byType[type.name] = (byType[type.name] ?? 0) + 1;
  if (came) attended++;
}

// Plain rows straight into the table, for an export long enough to cancel.
const bulk = Number(values.bulk);
if (bulk > 0) {
  const at = now.toISOString();
  core.store.sqlite
    .prepare(
      `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
       insert into beneficiaries (id, created_at, updated_at, clinic_id, code, given_name, family_name, sex, status)
       select printf('00000000-0000-7000-8000-%012d', i), ?, ?, ?, printf('KSM-BULK-%06d', i), 'Bulk', 'Person ' || i, 'female', 'active' from n`,
    )
    .run(bulk, at, at, clinic.id);
}
client.close();
core.close();
console.log(JSON.stringify({ month, sessionsHeld: 12, byType, attended, people: names.length + bulk }));
