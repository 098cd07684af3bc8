import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerInput } from './beneficiaries';

const person = (birthDate: string) => ({
  clinicId: '0190a5b0-0000-7000-8000-000000000001',
  givenName: 'Nadia',
  familyName: 'Haddad',
  sex: 'female',
  birthDate,
});
const issues = (birthDate: string) => registerInput.safeParse(person(birthDate)).error?.issues.map((i) => i.message) ?? [];

afterEach(() => vi.useRealTimers());

describe('beneficiary dates', () => {
  it('refuses a birth date after today, and accepts it once the UTC day has come, whichever way the clock moves', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-14T23:59:59.999Z'));
    expect(issues('2026-03-14')).toEqual([]);
    expect(issues('2026-03-15')).toEqual(['errors.future']);
    vi.setSystemTime(new Date('2026-03-15T00:00:00.000Z'));
    expect(issues('2026-03-15')).toEqual([]);
    vi.setSystemTime(new Date('2026-03-14T12:00:00.000Z')); // a clock set back
    expect(issues('2026-03-15')).toEqual(['errors.future']);
  });
});
