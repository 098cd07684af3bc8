import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../../common/sync';
import { pulledAt, pulledAttendee, pulledPage, pulledSession, rowByRowAndBulk, summaryRows } from '../reports/testing';
import type { Core } from '../core';
import { rebuildSummaries, summariesStale } from '../reports/summaries';
import { applyPage } from './apply';

// Two devices pull the same pages: one row by row through the summary triggers, one as a first sync does (devices.bulk).
const devices = rowByRowAndBulk();

const clinics = ['clinic-a', 'clinic-b'];
const types = ['type-1', 'type-2'];
const staff = ['staff-1', 'staff-2', 'staff-3'];
const people = Array.from({ length: 12 }, (_, i) => `person-${i}`);

function session(i: number, fields: Record<string, unknown> = {}) {
  return pulledSession(`session-${i}`, {
    clinicId: clinics[i % 2],
    typeId: types[i % 2],
    staffId: staff[i % 3],
    scheduledAt: new Date(Date.UTC(2026, i % 3, 1 + (i % 27), 9)).toISOString(),
    status: i % 5 === 0 ? 'cancelled' : 'completed',
    ...fields,
  });
}

function attendee(s: number, p: number, fields: Record<string, unknown> = {}) {
  return pulledAttendee(`attendee-${s}-${p}`, {
    sessionId: `session-${s}`,
    beneficiaryId: people[p],
    attendance: ['attended', 'attended', 'missed', 'expected'][(s + p) % 4],
    ...fields,
  });
}

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
    session(4, { deletedAt: pulledAt }),
    attendee(7, 8, { attendance: 'missed' }),
    attendee(8, 9, { deletedAt: pulledAt }),
    attendee(10, 11, { attendance: 'attended' }),
  ];
  return [pulledPage(first.slice(0, 90)), pulledPage(first.slice(90)), pulledPage(late), pulledPage(edits)];
}

const triggers = (core: Core) =>
  core.store.sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' order by name").all();

describe('a first sync without the summary triggers', () => {
  it('leaves the same report summaries as row-by-row triggers once rebuilt, and every trigger in place', () => {
    const before = triggers(devices.bulk);
    for (const p of pages()) {
      applyPage(devices.rowByRow, p, { storeCursor: true });
      applyPage(devices.bulk, p, { storeCursor: true, bulk: true });
      // Each page commits with the triggers back; the summaries are marked stale until the rebuild.
      expect(triggers(devices.bulk)).toEqual(before);
      expect(summariesStale(devices.bulk.store.sqlite)).toBe(true);
    }
    const expected = summaryRows(devices.rowByRow);
    expect(expected.daily.length).toBeGreaterThan(10);
    expect(expected.served.length).toBeGreaterThan(20);
    expect(expected.reach.length).toBeGreaterThan(20);
    expect(summaryRows(devices.bulk)).not.toEqual(expected);

    rebuildSummaries(devices.bulk.store.sqlite);
    expect(summariesStale(devices.bulk.store.sqlite)).toBe(false);
    expect(summaryRows(devices.bulk)).toEqual(expected);
    expect(triggers(devices.bulk)).toEqual(before);

    // The triggers work again afterwards: a later pulled edit moves both devices' summaries alike.
    const later = pulledPage([session(3, { status: 'cancelled' }), attendee(6, 9, { attendance: 'missed' }), session(100)]);
    applyPage(devices.rowByRow, later, { storeCursor: true });
    applyPage(devices.bulk, later, { storeCursor: true });
    expect(summaryRows(devices.bulk)).toEqual(summaryRows(devices.rowByRow));
  });

  it('a page without sessions or attendees leaves the summaries as they are', () => {
    const person = {
      entity: 'beneficiaries' as const,
      row_id: uuidv7(),
      version: 1,
      deleted: false,
      data: { createdAt: pulledAt, updatedAt: pulledAt, clinicId: 'clinic-a', code: 'KIS-1', givenName: 'A', familyName: 'B' },
    };
    applyPage(devices.bulk, pulledPage([person]), { storeCursor: true, bulk: true });
    expect(summariesStale(devices.bulk.store.sqlite)).toBe(false);
  });
});
