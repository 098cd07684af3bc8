import { z } from 'zod';
import { isoDate, optionalDate, optionalText, requiredText } from './validation';

export const sexes = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof sexes)[number];
export const beneficiaryStatuses = ['active', 'inactive', 'archived'] as const;
export type BeneficiaryStatus = (typeof beneficiaryStatuses)[number];

// Names are stored exactly as typed (trimmed), whatever the script; the bound
// is generous because records imported from other systems carry long fields.
const NAME_MAX = 5000;

const fields = z.object({
  clinicId: z.uuid('errors.required'),
  givenName: requiredText(NAME_MAX),
  familyName: requiredText(NAME_MAX),
  otherNames: optionalText(NAME_MAX),
  sex: z.enum(sexes, 'errors.required'),
  /** Either a birth date, or an estimated age in years (the birth year is then approximate). */
  birthDate: optionalDate,
  estimatedAge: z.number('errors.number').int('errors.number').min(0, 'errors.range').max(130, 'errors.range').nullish(),
  nationalId: optionalText(64),
  phone: optionalText(40).refine((v) => v === null || /^\+?[0-9 ().-]{3,}$/.test(v), 'beneficiaries.errors.phone'),
  address: optionalText(1000),
  preferredLanguage: optionalText(60),
  consent: z.boolean().default(false),
  consentDate: optionalDate,
  status: z.enum(beneficiaryStatuses).default('active'),
  tags: z.array(z.string().trim().min(1, 'errors.required').max(40, 'errors.tooLong')).max(30, 'errors.tooMany').default([]),
  notes: optionalText(20000),
});

const DAY_MS = 86_400_000;
let todayText = '';
let todayStarts = 0;

/** Today's UTC day, made again only when the clock leaves it (an import checks 100,000 records). */
function utcToday(): string {
  const now = Date.now();
  if (now < todayStarts || now >= todayStarts + DAY_MS) {
    todayStarts = now - (now % DAY_MS);
    todayText = new Date(now).toISOString().slice(0, 10);
  }
  return todayText;
}

function checkDates(value: z.output<typeof fields>, ctx: z.RefinementCtx) {
  const today = utcToday();
  if (value.birthDate && value.estimatedAge != null)
    ctx.addIssue({ code: 'custom', path: ['estimatedAge'], message: 'beneficiaries.errors.birthDateOrAge' });
  if (value.birthDate && value.birthDate > today) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'errors.future' });
  if (value.consent && !value.consentDate)
    ctx.addIssue({ code: 'custom', path: ['consentDate'], message: 'beneficiaries.errors.consentDate' });
  if (value.consentDate && value.consentDate > today) ctx.addIssue({ code: 'custom', path: ['consentDate'], message: 'errors.future' });
}

export const beneficiaryInput = fields.superRefine(checkDates);
export type BeneficiaryInput = z.input<typeof beneficiaryInput>;
export type BeneficiaryFields = z.output<typeof beneficiaryInput>;

export const registerInput = fields
  .extend({
    /** Required when probable duplicates exist: why this is a different person. Audited. */
    duplicateReason: optionalText(500),
  })
  .superRefine(checkDates);
export type RegisterInput = z.input<typeof registerInput>;

export const updateInput = fields.extend({ id: z.uuid() }).superRefine(checkDates);
export type UpdateInput = z.input<typeof updateInput>;

/** The form as it stands, to look for probable duplicates before saving (id: the record being edited). */
export const duplicatesInput = fields.extend({ id: z.uuid().optional() }).superRefine(checkDates);

export const byId = z.object({ id: z.uuid() });

export const eraseInput = z.object({ id: z.uuid(), reason: requiredText(500) });
export const mergeInput = z
  .object({ survivorId: z.uuid(), duplicateId: z.uuid() })
  .refine((v) => v.survivorId !== v.duplicateId, { path: ['duplicateId'], message: 'beneficiaries.errors.mergeSelf' });

export const ageBands = ['0-4', '5-17', '18-59', '60+'] as const;
export type AgeBand = (typeof ageBands)[number];
export const beneficiarySorts = ['name', 'code', 'registered'] as const;

export const listInput = z.object({
  search: z.string().max(200).default(''),
  status: z.enum(beneficiaryStatuses).nullish(),
  sex: z.enum(sexes).nullish(),
  ageBand: z.enum(ageBands).nullish(),
  tag: z.string().max(40).nullish(),
  registeredFrom: isoDate.nullish(),
  registeredTo: isoDate.nullish(),
  clinicId: z.uuid().nullish(),
  sort: z.enum(beneficiarySorts).default('name'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListInput = z.input<typeof listInput>;

/** A row of the list: enough to recognise the person. */
export interface BeneficiarySummary {
  id: string;
  code: string;
  givenName: string;
  familyName: string;
  otherNames: string | null;
  sex: Sex | null;
  birthDate: string | null;
  birthDateEstimated: boolean;
  nationalId: string | null;
  phone: string | null;
  status: BeneficiaryStatus;
  createdAt: string;
}

export interface Beneficiary extends BeneficiarySummary {
  clinicId: string;
  address: string | null;
  preferredLanguage: string | null;
  consent: boolean;
  consentDate: string | null;
  tags: string[];
  notes: string | null;
  mergedInto: string | null;
  updatedAt: string;
}

export interface BeneficiaryPage {
  total: number;
  rows: BeneficiarySummary[];
}

export interface DuplicateCandidate extends BeneficiarySummary {
  /** Why it looks like the same person. */
  reasons: ('nationalId' | 'name+birth' | 'phone')[];
}
