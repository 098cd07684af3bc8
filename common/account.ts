import { z } from 'zod';
import type { Role } from './permissions';
import { clinicInput } from './clinics';
import { requiredText } from './validation';

const email = z.string().trim().toLowerCase().max(254, 'errors.tooLong').pipe(z.email('errors.email'));
const newPassword = z.string().min(10, 'account.errors.passwordShort').max(200, 'errors.tooLong');

/** First run in standalone mode: the organisation, its first clinic and the local admin. */
export const setupInput = z.object({
  organisation: requiredText(120),
  clinic: clinicInput,
  name: requiredText(120),
  email,
  password: newPassword,
});
export type SetupInput = z.input<typeof setupInput>;

export const signInInput = z.object({
  email,
  password: z.string().min(1, 'errors.required').max(200, 'errors.tooLong'),
});
export type SignInInput = z.input<typeof signInInput>;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  clinicIds: string[];
}

export interface AccountStatus {
  needsSetup: boolean;
  organisation: string | null;
  user: SessionUser | null;
}

/** A colleague as others see them: for staff pickers and "who" columns. */
export interface UserSummary {
  id: string;
  name: string;
  role: Role;
  clinicIds: string[];
}
