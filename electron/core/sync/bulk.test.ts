import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledChange, PullResponse } from '../../../common/sync';
import type { Core } from '../core';
import { rebuildSummaries, summariesStale } from '../reports/summaries';
import { openTestCore } from '../testing';
import { applyPage } from './apply';

// Two devices pull the same pages: one row by row through the summary triggers, one as a first sync does (bulk).
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
const types = ['type-1', 'type-2'];
const staff = ['staff-1', 'staff-2', 'staff-3'];
const people = Array.from({ length: 12 }, (_, i) => `person-${i}`);
let version = 0;

function change(entity: 'sessions' | 'session_attendees', id: string, data: Record<string, unknown>): PulledChange {
  const row = { id, createdAt: at, updatedAt: at, createdBy: null, updatedBy: null, deletedAt: null, ...data };
  return { entity, row_id: id, version: ++version, deleted: row.deletedAt !== null, data: row };
}

function session(i: number, fields: Record<string, unknown> = {}) {
  return change('sessions', `session-${i}`, {
    clinicId: clinics[i % 2],
    typeId: types[i % 2],
    staffId: staff[i % 3],
    location: null,
    scheduledAt: new Date(Date.UTC(2026, i % 3, 1 + (i % 27), 9)).toISOString(),
    durationMinutes: 30,
    status: i % 5 === 0 ? 'cancelled' : 'completed',
    notes: null,
    followUpDate: null,
    followUpDoneAt: null,
    ...fields,
  });
}

function attendee(s: number, p: number, fields: Record<string, unknown> = {}) {
  return change('session_attendees', `attendee-${s}-${p}`, {
    sessionId: `session-${s}`,
    beneficiaryId: people[p],
    attendance: ['attended', 'attended', 'missed', 'expected'][(s + p) % 4],
    outcome: null,
    ...fields,
  });
}

const page = (changes: PulledChange[], n: number): PullResponse => ({
  changes,
  conflicts: [],
  cursor: `cursor-${n}`,
  has_more: true,
  server_time: at,
});

/** Sessions and their attendees across pages (some attendees a page after their session), then edits of both. */
function pages(): PullResponse[] {
  const first = [];
  for (let s = 0; s < 40; s++) {
    first.push(session(s));
    for (let p = 0; p < 4; p++) first.push(attendee(s, (s + p) % people.length));
  }
  const late = [];
  for (let s = 0; s < 40; s += 3) late.push(attendee(s, (s + 7) % people.length, { attendance: 'attended' }));
  const edits = [
    session(1, { status: 'cancelled' }),
    session(5, { status: 'completed' }),
    session(2, { scheduledAt: '2026-03-15T09:00:00.000Z', staffId: 'staff-3' }),
    session(4, { deletedAt: at }),
    attendee(7, 8, { attendance: 'missed' }),
    attendee(8, 9, { deletedAt: at }),
    attendee(10, 11, { attendance: 'attended' }),
  ];
  return [page(first.slice(0, 90), 1), page(first.slice(90), 2), page(late, 3), page(edits, 4)];
}

const summaries = (core: Core) => ({
  daily: core.store.sqlite.prepare('select * from report_daily where held != 0 or attended != 0 or marked != 0 order by 1, 2, 3, 4').all(),
  served: core.store.sqlite.prepare('select * from report_served where n != 0 order by 1, 2, 3, 4, 5').all(),
  reach: core.store.sqlite.prepare('select * from report_reach where months != 0 order by 1, 2, 3, 4, 5').all(),
});

const triggers = (core: Core) =>
  core.store.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' order by name").all();

describe('a first sync without the summary triggers', () => {
  it('leaves the same report summaries as row-by-row triggers once rebuilt, and every trigger in place', () => {
    const before = triggers(bulk);
    for (const p of pages()) {
      applyPage(rowByRow, p, { storeCursor: true });
      applyPage(bulk, p, { storeCursor: true, bulk: true });
      // Each page commits with the triggers back; the summaries are marked stale until the rebuild.
      expect(triggers(bulk)).toEqual(before);
      expect(summariesStale(bulk.store.sqlite)).toBe(true);
    }
    const expected = summaries(rowByRow);
    expect(expected.daily.length).toBeGreaterThan(10);
    expect(expected.served.length).toBeGreaterThan(20);
    expect(expected.reach.length).toBeGreaterThan(20);
    expect(summaries(bulk)).not.toEqual(expected);

    rebuildSummaries(bulk.store.sqlite);
    expect(summariesStale(bulk.store.sqlite)).toBe(false);
    expect(summaries(bulk)).toEqual(expected);
    expect(triggers(bulk)).toEqual(before);

    // The triggers work again afterwards: a later pulled edit moves both devices' summaries alike.
    const later = page([session(3, { status: 'cancelled' }), attendee(6, 9, { attendance: 'missed' }), session(100)], 5);
    applyPage(rowByRow, later, { storeCursor: true });
    applyPage(bulk, later, { storeCursor: true });
    expect(summaries(bulk)).toEqual(summaries(rowByRow));
  });

  it('a page without sessions or attendees leaves the summaries as they are', () => {
    const person = {
      entity: 'beneficiaries' as const,
      row_id: uuidv7(),
      version: ++version,
      deleted: false,
      data: { createdAt: at, updatedAt: at, clinicId: 'clinic-a', code: 'KIS-1', givenName: 'A', familyName: 'B' },
    };
    applyPage(bulk, page([person], 1), { storeCursor: true, bulk: true });
    expect(summariesStale(bulk.store.sqlite)).toBe(false);
  });
});
