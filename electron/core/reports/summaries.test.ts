import { describe, expect, it } from 'vitest';
import type { PulledChange } from '../../../common/sync';
import { applyPage } from '../sync/apply';
import { rebuildSummaries, rebuildSummariesInSteps, summariesStale } from './summaries';
import { pulledAt, pulledAttendee, pulledPage, pulledSession, rowByRowAndBulk, summaryRows } from './testing';

// Two devices take the same pulled rows: one row by row through the summary triggers, one as a first sync does (devices.bulk,
// then a rebuild). Their summaries must end the same, whatever happens between the rebuild's steps.
const devices = rowByRowAndBulk();

const clinics = ['clinic-a', 'clinic-b'];
const types = ['type-1', 'type-2', 'type-3'];
const staff = ['staff-1', 'staff-2'];
// Days across three calendar years, their ends and 31sts among them (each day is in two two-year rows).
const days = ['2024-12-31', '2025-01-01', '2025-01-31', '2025-03-15', '2025-12-31', '2026-01-01', '2026-02-28', '2026-10-31'];

function session(i: number, fields: Record<string, unknown> = {}) {
  return pulledSession(`session-${String(i).padStart(3, '0')}`, {
    clinicId: clinics[i % 2],
    typeId: types[i % 3],
    staffId: staff[Math.floor(i / 3) % 2],
    // Sessions of different types on the same day for the same people: the coarser rows merge them.
    scheduledAt: `${days[Math.floor(i / 6) % days.length]}T09:00:00.000Z`,
    status: i % 7 === 6 ? 'cancelled' : 'completed',
    ...fields,
  });
}

function attendee(s: number, p: number, fields: Record<string, unknown> = {}) {
  return pulledAttendee(`attendee-${s}-${p}`, {
    sessionId: `session-${String(s).padStart(3, '0')}`,
    beneficiaryId: `person-${p}`,
    attendance: (s + p) % 5 === 4 ? 'missed' : 'attended',
    ...fields,
  });
}

function firstSync(): PulledChange[] {
  const changes = [];
  for (let s = 0; s < 96; s++) {
    changes.push(session(s));
    for (let p = 0; p < 4; p++) changes.push(attendee(s, (s * 3 + p) % 10));
  }
  return changes;
}

function load(changes: PulledChange[]) {
  applyPage(devices.rowByRow, pulledPage(changes), { storeCursor: true });
  applyPage(devices.bulk, pulledPage(changes), { storeCursor: true, bulk: true });
}

describe('the summaries rebuilt after a bulk load', () => {
  it('equal the triggers’ across years, types and staff, in one go', () => {
    load(firstSync());
    const expected = summaryRows(devices.rowByRow);
    expect(new Set(expected.reach.map((r) => (r as { year: number }).year))).toEqual(new Set([2023, 2024, 2025, 2026]));
    rebuildSummaries(devices.bulk.store.sqlite);
    expect(summariesStale(devices.bulk.store.sqlite)).toBe(false);
    expect(summaryRows(devices.bulk)).toEqual(expected);
  });

  it('in steps, stay right through the app’s writes between steps, attendance taken back included', async () => {
    load(firstSync());
    // After report_daily, after report_served, after report_reach's first row, and far into it.
    const live = new Map([
      // Taken back: a day's bit that the rebuild had already read must go.
      [1, [attendee(0, 0, { attendance: 'missed' }), session(50, { status: 'cancelled' })]],
      [2, [attendee(13, 9, { deletedAt: pulledAt }), attendee(1, 9, { attendance: 'attended' })]],
      // Added, and a session moved to another year and staff member.
      [4, [attendee(2, 6, { attendance: 'missed' }), session(30, { scheduledAt: '2023-06-05T09:00:00.000Z', staffId: 'staff-2' })]],
      [150, [attendee(95, 0, { attendance: 'missed' }), session(200), attendee(200, 7)]],
    ]);
    let steps = 0;
    await rebuildSummariesInSteps(devices.bulk.store.sqlite, {
      stepMs: 0,
      pause: async () => {
        const changes = live.get(++steps);
        if (changes) {
          applyPage(devices.rowByRow, pulledPage(changes), { storeCursor: true });
          applyPage(devices.bulk, pulledPage(changes), { storeCursor: true });
        }
      },
    });
    expect(steps).toBeGreaterThan(150);
    expect(summariesStale(devices.bulk.store.sqlite)).toBe(false);
    expect(summaryRows(devices.bulk)).toEqual(summaryRows(devices.rowByRow));
    // The watch on report_served is gone with the rebuild.
    expect(devices.bulk.store.sqlite.prepare("select name from sqlite_temp_master where name like 'report_served_watch%'").all()).toEqual(
      [],
    );
  });

  it('stay marked stale when a bulk write lands while they are rebuilt, until the next rebuild', async () => {
    load(firstSync());
    let steps = 0;
    await rebuildSummariesInSteps(devices.bulk.store.sqlite, {
      stepMs: 0,
      pause: async () => {
        if (++steps !== 5) return;
        const more = [session(300), attendee(300, 1), session(301, { scheduledAt: '2025-07-04T09:00:00.000Z' }), attendee(301, 2)];
        applyPage(devices.rowByRow, pulledPage(more), { storeCursor: true });
        applyPage(devices.bulk, pulledPage(more), { storeCursor: true, bulk: true });
      },
    });
    expect(summariesStale(devices.bulk.store.sqlite)).toBe(true);
    rebuildSummaries(devices.bulk.store.sqlite);
    expect(summariesStale(devices.bulk.store.sqlite)).toBe(false);
    expect(summaryRows(devices.bulk)).toEqual(summaryRows(devices.rowByRow));
  });
});
