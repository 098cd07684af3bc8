import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayRange, fromLocal, lastQuarter, localDate, localTime, nextQuarter, placeInLanes, startOfWeek } from './time';

// Node reads TZ whenever it changes: these run as a user in Paris would (with a daylight-saving change in March).
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Paris';
});
afterAll(() => {
  process.env.TZ = zone;
});

describe('local dates and times', () => {
  it('turns a typed local date and time into the UTC instant, and back', () => {
    expect(fromLocal('2026-07-01', '14:30')).toBe('2026-07-01T12:30:00.000Z');
    expect(fromLocal('2026-01-15', '09:05')).toBe('2026-01-15T08:05:00.000Z');
    const at = new Date('2026-07-01T12:30:00.000Z');
    expect([localDate(at), localTime(at)]).toEqual(['2026-07-01', '14:30']);
  });

  it('refuses what is not a date or a time', () => {
    expect(fromLocal('2026-02-30', '10:00')).toBeNull();
    expect(fromLocal('2026-02-10', '24:00')).toBeNull();
    expect(fromLocal('', '10:00')).toBeNull();
    expect(fromLocal('2026-02-10', '')).toBeNull();
  });

  it('asks the core for the local day, which is 23 hours long when the clocks go forward', () => {
    const { dayStart, dayEnd } = dayRange(new Date('2026-03-29T10:00:00.000Z'));
    expect(dayStart).toBe('2026-03-28T23:00:00.000Z');
    expect(dayEnd).toBe('2026-03-29T22:00:00.000Z');
    expect(localDate(addDays(new Date(2026, 2, 28), 1))).toBe('2026-03-29');
  });

  it('starts the week on the locale first day', () => {
    const wednesday = new Date(2026, 10, 25, 15, 0);
    expect(localDate(startOfWeek(wednesday, 1))).toBe('2026-11-23');
    expect(localDate(startOfWeek(wednesday, 6))).toBe('2026-11-21');
    expect(localDate(startOfWeek(wednesday, 7))).toBe('2026-11-22');
    expect(localDate(startOfWeek(new Date(2026, 10, 22), 1))).toBe('2026-11-16');
  });

  it('rounds to quarter hours', () => {
    expect(localTime(nextQuarter(new Date(2026, 0, 1, 9, 0)))).toBe('09:15');
    expect(localTime(nextQuarter(new Date(2026, 0, 1, 9, 7)))).toBe('09:15');
    expect(localTime(nextQuarter(new Date(2026, 0, 1, 23, 50)))).toBe('00:00');
    expect(localTime(lastQuarter(new Date(2026, 0, 1, 9, 14)))).toBe('09:00');
  });
});

describe('lanes', () => {
  it('puts overlapping sessions side by side, and the rest full width', () => {
    const items = [
      { id: 'a', start: 60, end: 120 },
      { id: 'b', start: 90, end: 150 },
      { id: 'c', start: 130, end: 160 },
      { id: 'd', start: 200, end: 260 },
    ];
    const placed = Object.fromEntries(
      placeInLanes(
        items,
        (i) => i.start,
        (i) => i.end,
      ).map((p) => [p.item.id, [p.lane, p.lanes]]),
    );
    expect(placed).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  });
});
