import { z } from 'zod';
import type { Role } from './permissions';
import { clinicInput } from './clinics';
import { requiredText } from './validation';

export const email = z.string().trim().toLowerCase().max(254, 'errors.tooLong').pipe(z.email('errors.email'));
export const newPassword = z.string().min(10, 'account.errors.passwordShort').max(200, 'errors.tooLong');

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
  /** The screen is locked: only unlock, sign-out and this status answer until it is unlocked. */
  locked: boolean;
  hasPin: boolean;
  /** Idle minutes before the screen locks itself. */
  autoLockMinutes: number;
  /** The server IT set in the machine's deploy config: first run connects there, and nowhere else. */
  deployedServerUrl: string | null;
}

export const unlockInput = z
  .object({
    password: z.string().max(200).optional(),
    pin: z.string().max(8).optional(),
  })
  .refine((v) => !!v.password || !!v.pin, { path: ['password'], message: 'errors.required' });

export const pinInput = z.object({
  pin: z.string().regex(/^\d{4,8}$/, 'account.errors.pin'),
  /** The password again: setting a PIN must not be open to whoever finds the machine unlocked. */
  password: z.string().min(1, 'errors.required').max(200),
});

/** A colleague as others see them: for staff pickers and "who" columns. */
export interface UserSummary {
  id: string;
  name: string;
  role: Role;
  clinicIds: string[];
}

/** A user changes their own password: the current one proves it is them. */
export const changePasswordInput = z
  .object({
    current: z.string().min(1, 'errors.required').max(200, 'errors.tooLong'),
    password: newPassword,
  })
  .refine((v) => v.password !== v.current, { path: ['password'], message: 'account.errors.samePassword' });
export type ChangePasswordInput = z.input<typeof changePasswordInput>;
