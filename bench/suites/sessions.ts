import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { agendaInput, sessionInput, todayInput } from '../../common/sessions';
import { users } from '../../db/schema';
import { FileSecretStore, openCore } from '../../electron/core';
import { toSessionUser } from '../../electron/core/account/service';
import { timeline } from '../../electron/core/sessions/queries';
import * as sessions from '../../electron/core/sessions/service';
import * as sessionTypes from '../../electron/core/sessions/types';
import * as views from '../../electron/core/sessions/views';
import { ensureAdmin, ensureStaff } from '../demo-data';
import { seededDataDir } from '../seeded-store';
import { type BenchResult, percentiles, timeEach } from '../measure';
import type { Scale } from '../run';

const SUITE = 'sessions';

export async function run(scale: Scale): Promise<BenchResult[]> {
  const dataDir = await seededDataDir(scale);
  const core = await openCore({
    dataDir,
    secrets: new FileSecretStore(dataDir),
    migrationsFolder: path.resolve(import.meta.dirname, '../../db/migrations'),
  });
  try {
    const admin = await ensureAdmin(core);
    const staffIds = await ensureStaff(core, admin, 12);
    const { sqlite, db } = core.store;
    const staff = toSessionUser(db.select().from(users).where(eq(users.id, staffIds[0]!)).get()!);
    const clinicId = admin.clinicIds[0]!;
    const now = core.now();
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const results: BenchResult[] = [];
    const runs = Array.from({ length: 50 }, (_, i) => i);

    // Today for one staff member, against the three bare index lookups it rests on.
    const day = todayInput.parse({ dayStart: dayStart.toISOString(), dayEnd: new Date(dayStart.getTime() + 86_400_000).toISOString() });
    const rawToday = [
      sqlite.prepare('select * from sessions where staff_id = ? and scheduled_at >= ? and scheduled_at < ? and deleted_at is null'),
      sqlite.prepare(
        'select * from sessions where staff_id = ? and follow_up_date < ? and follow_up_date is not null and follow_up_done_at is null and deleted_at is null limit 200',
      ),
      sqlite.prepare(`select * from sessions s where staff_id = ? and scheduled_at >= ? and scheduled_at < ? and status = 'completed' and follow_up_date is null
        and follow_up_done_at is null and deleted_at is null and exists (select 1 from session_attendees a where a.session_id = s.id and a.attendance = 'missed' and a.deleted_at is null) limit 200`),
    ];
    const sixtyDaysAgo = new Date(now.getTime() - 60 * 86_400_000).toISOString();
    results.push(
      ...percentiles(
        SUITE,
        'today',
        timeEach(runs, () => views.today(sqlite, staff, day, now)),
        timeEach(runs, () => {
          rawToday[0]!.all(staff.id, day.dayStart, day.dayEnd);
          rawToday[1]!.all(staff.id, now.toISOString().slice(0, 10));
          rawToday[2]!.all(staff.id, sixtyDaysAgo, now.toISOString());
        }),
      ),
    );

    // A beneficiary's timeline.
    const someone = sqlite.prepare('select beneficiary_id from session_attendees order by random() limit 50').pluck().all() as string[];
    const rawTimeline = sqlite.prepare(
      'select s.* from session_attendees a join sessions s on s.id = a.session_id where a.beneficiary_id = ? and a.deleted_at is null order by s.scheduled_at desc',
    );
    results.push(
      ...percentiles(
        SUITE,
        'timeline',
        timeEach(someone, (id) => timeline(sqlite, admin, id)),
        timeEach(someone, (id) => rawTimeline.all(id)),
      ),
    );

    // A week of the whole clinic's agenda.
    const week = agendaInput.parse({
      from: dayStart.toISOString(),
      to: new Date(dayStart.getTime() + 7 * 86_400_000).toISOString(),
      clinicId,
    });
    const rawWeek = sqlite.prepare(
      'select * from sessions where clinic_id = ? and scheduled_at >= ? and scheduled_at < ? and deleted_at is null',
    );
    results.push(
      ...percentiles(
        SUITE,
        'agenda_week',
        timeEach(runs, () => views.agenda(sqlite, admin, week)),
        timeEach(runs, () => rawWeek.all(clinicId, week.from, week.to)),
      ),
    );

    // Recording a group session of 40: validation, checks, rows, audit, outbox, warnings; against bare inserts of the same rows.
    const group = sessionTypes.list(core).find((t) => t.isGroup)!;
    const attendees = sqlite
      .prepare('select id from beneficiaries where deleted_at is null order by random() limit 40')
      .pluck()
      .all() as string[];
    const records = Array.from({ length: 30 }, (_, i) =>
      sessionInput.parse({
        clinicId,
        typeId: group.id,
        staffId: admin.id,
        scheduledAt: new Date(now.getTime() - (i + 1) * 3 * 3_600_000).toISOString(),
        durationMinutes: 90,
        status: 'completed',
        attendees: attendees.map((beneficiaryId) => ({ beneficiaryId, attendance: 'attended' })),
      }),
    );
    const rawSession = sqlite.prepare(
      `insert into sessions (id, clinic_id, type_id, staff_id, scheduled_at, duration_minutes, status, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rawAttendee = sqlite.prepare(
      `insert into session_attendees (id, session_id, beneficiary_id, attendance, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`,
    );
    const rawRecord = sqlite.transaction((input: (typeof records)[number]) => {
      const id = uuidv7();
      const at = new Date().toISOString();
      rawSession.run(id, input.clinicId, input.typeId, input.staffId, input.scheduledAt, input.durationMinutes, input.status, at, at);
      for (const a of input.attendees) rawAttendee.run(uuidv7(), id, a.beneficiaryId, a.attendance, at, at);
    });
    results.push(
      ...percentiles(
        SUITE,
        'record_group_40',
        timeEach(records, (input) => sessions.create(core, admin, input)),
        timeEach(records, (input) => rawRecord.immediate(input)),
      ),
    );
    return results;
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
