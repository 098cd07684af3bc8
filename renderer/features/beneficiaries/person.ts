import type { TFunction } from 'i18next';
import type { BeneficiarySummary } from '../../../common/beneficiaries';

type Named = Pick<BeneficiarySummary, 'givenName' | 'familyName' | 'otherNames'>;

/** The name as it is read: given, other, family. */
export function fullName(person: Named): string {
  return [person.givenName, person.otherNames, person.familyName].filter(Boolean).join(' ');
}

/** The name as the list sorts it: family name first ("Ali, Mohammed"; "علي، محمد" in Arabic). */
export function sortName(t: TFunction, person: Named): string {
  const given = [person.givenName, person.otherNames].filter(Boolean).join(' ');
  return t('beneficiaries.sortName', { family: person.familyName, given });
}

/** Whole years (or, under one, months) from a birth date to today, on the user's calendar. */
export function ageOf(birthDate: string, today = new Date()): { years: number; months: number } {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let months = (today.getFullYear() - y) * 12 + (today.getMonth() + 1 - m);
  if (today.getDate() < d) months -= 1;
  months = Math.max(0, months);
  return { years: Math.floor(months / 12), months };
}

/** "34 yrs", "~34 yrs" (estimated: the birth year is approximate), "7 mo" under a year old. */
export function ageText(t: TFunction, person: Pick<BeneficiarySummary, 'birthDate' | 'birthDateEstimated'>, today = new Date()) {
  if (!person.birthDate) return null;
  if (person.birthDateEstimated) {
    const years = Math.max(0, today.getFullYear() - Number(person.birthDate.slice(0, 4)));
    return t('beneficiaries.age.approx', { age: t('beneficiaries.age.years', { count: years }) });
  }
  const { years, months } = ageOf(person.birthDate, today);
  return years >= 1 ? t('beneficiaries.age.years', { count: years }) : t('beneficiaries.age.months', { count: months });
}
