import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledChange, PullResponse } from '../../../common/sync';
import type { Core } from '../core';
import { applyPage } from '../sync/apply';
import { openTestCore } from '../testing';
import { rebuildSummaries, rebuildSummariesInSteps, summariesStale } from './summaries';

// Two devices take the same pulled rows: one row by row through the summary triggers, one as a first sync does (bulk,
// then a rebuild). Their summaries must end the same, whatever happens between the rebuild's steps.
let rowByRow: Core;
let bulk: Core;
beforeEach(async () => {
  [rowByRow, bulk] = await Promise.all([openTestCore(), openTestCore()]);
});
afterEach(() => {
  rowByRow.close();
  bulk.close();
});

const at = '2026-11-22T10:00:00.000Z';
const clinics = ['clinic-a', 'clinic-b'];
const types = ['type-1', 'type-2', 'type-3'];
const staff = ['staff-1', 'staff-2'];
// Days across three calendar years, their ends and 31sts among them (each day is in two two-year rows).
const days = ['2024-12-31', '2025-01-01', '2025-01-31', '2025-03-15', '2025-12-31', '2026-01-01', '2026-02-28', '2026-10-31'];
let version = 0;

function change(entity: 'sessions' | 'session_attendees', id: string, data: Record<string, unknown>): PulledChange {
  const row = { id, createdAt: at, updatedAt: at, createdBy: null, updatedBy: null, deletedAt: null, ...data };
  return { entity, row_id: id, version: ++version, deleted: row.deletedAt !== null, data: row };
}

function session(i: number, fields: Record<string, unknown> = {}) {
  return change('sessions', `session-${String(i).padStart(3, '0')}`, {
    clinicId: clinics[i % 2],
    typeId: types[i % 3],
    staffId: staff[Math.floor(i / 3) % 2],
    location: null,
    // Sessions of different types on the same day for the same people: the coarser rows merge them.
    scheduledAt: `${days[Math.floor(i / 6) % days.length]}T09:00:00.000Z`,
    durationMinutes: 30,
    status: i % 7 === 6 ? 'cancelled' : 'completed',
    notes: null,
    followUpDate: null,
    followUpDoneAt: null,
    ...fields,
  });
}

function attendee(s: number, p: number, fields: Record<string, unknown> = {}) {
  return change('session_attendees', `attendee-${s}-${p}`, {
    sessionId: `session-${String(s).padStart(3, '0')}`,
    beneficiaryId: `person-${p}`,
    attendance: (s + p) % 5 === 4 ? 'missed' : 'attended',
    outcome: null,
    ...fields,
  });
}

const page = (changes: PulledChange[]): PullResponse => ({
  changes,
  conflicts: [],
  cursor: `cursor-${version}`,
  has_more: true,
  server_time: at,
});

function firstSync(): PulledChange[] {
  const changes = [];
  for (let s = 0; s < 96; s++) {
    changes.push(session(s));
    for (let p = 0; p < 4; p++) changes.push(attendee(s, (s * 3 + p) % 10));
  }
  return changes;
}

const summaries = (core: Core) => ({
  daily: core.store.sqlite.prepare('select * from report_daily where held != 0 or attended != 0 or marked != 0 order by 1, 2, 3, 4').all(),
  served: core.store.sqlite.prepare('select * from report_served where n != 0 order by 1, 2, 3, 4, 5').all(),
  reach: core.store.sqlite.prepare('select * from report_reach where months != 0 order by 1, 2, 3, 4, 5').all(),
});

function load(changes: PulledChange[]) {
  applyPage(rowByRow, page(changes), { storeCursor: true });
  applyPage(bulk, page(changes), { storeCursor: true, bulk: true });
}

describe('the summaries rebuilt after a bulk load', () => {
  it('equal the triggers’ across years, types and staff, in one go', () => {
    load(firstSync());
    const expected = summaries(rowByRow);
    expect(new Set(expected.reach.map((r) => (r as { year: number }).year))).toEqual(new Set([2023, 2024, 2025, 2026]));
    rebuildSummaries(bulk.store.sqlite);
    expect(summariesStale(bulk.store.sqlite)).toBe(false);
    expect(summaries(bulk)).toEqual(expected);
  });

  it('in steps, stay right through the app’s writes between steps, attendance taken back included', async () => {
    load(firstSync());
    // After report_daily, after report_served, after report_reach's first row, and far into it.
    const live = new Map([
      // Taken back: a day's bit that the rebuild had already read must go.
      [1, [attendee(0, 0, { attendance: 'missed' }), session(50, { status: 'cancelled' })]],
      [2, [attendee(13, 9, { deletedAt: at }), attendee(1, 9, { attendance: 'attended' })]],
      // Added, and a session moved to another year and staff member.
      [4, [attendee(2, 6, { attendance: 'missed' }), session(30, { scheduledAt: '2023-06-05T09:00:00.000Z', staffId: 'staff-2' })]],
      [150, [attendee(95, 0, { attendance: 'missed' }), session(200), attendee(200, 7)]],
    ]);
    let steps = 0;
    await rebuildSummariesInSteps(bulk.store.sqlite, {
      stepMs: 0,
      pause: async () => {
        const changes = live.get(++steps);
        if (changes) {
          applyPage(rowByRow, page(changes), { storeCursor: true });
          applyPage(bulk, page(changes), { storeCursor: true });
        }
      },
    });
    expect(steps).toBeGreaterThan(150);
    expect(summariesStale(bulk.store.sqlite)).toBe(false);
    expect(summaries(bulk)).toEqual(summaries(rowByRow));
    // The watch on report_served is gone with the rebuild.
    expect(bulk.store.sqlite.prepare("select name from sqlite_temp_master where name like 'report_served_watch%'").all()).toEqual([]);
  });

  it('stay marked stale when a bulk write lands while they are rebuilt, until the next rebuild', async () => {
    load(firstSync());
    let steps = 0;
    await rebuildSummariesInSteps(bulk.store.sqlite, {
      stepMs: 0,
      pause: async () => {
        if (++steps !== 5) return;
        const more = [session(300), attendee(300, 1), session(301, { scheduledAt: '2025-07-04T09:00:00.000Z' }), attendee(301, 2)];
        applyPage(rowByRow, page(more), { storeCursor: true });
        applyPage(bulk, page(more), { storeCursor: true, bulk: true });
      },
    });
    expect(summariesStale(bulk.store.sqlite)).toBe(true);
    rebuildSummaries(bulk.store.sqlite);
    expect(summariesStale(bulk.store.sqlite)).toBe(false);
    expect(summaries(bulk)).toEqual(summaries(rowByRow));
  });
});
