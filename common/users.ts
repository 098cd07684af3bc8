import { z } from 'zod';
import { email, newPassword } from './account';
import { roles, type Role } from './permissions';
import { requiredText } from './validation';

const membership = z.array(z.uuid()).min(1, 'users.errors.noClinic').max(100);

export const userCreate = z.object({
  name: requiredText(120),
  email,
  role: z.enum(roles),
  clinicIds: membership,
  password: newPassword,
});
export type UserCreate = z.input<typeof userCreate>;

export const userUpdate = z.object({
  id: z.uuid(),
  name: requiredText(120),
  role: z.enum(roles),
  clinicIds: membership,
  active: z.boolean(),
});
export type UserUpdate = z.input<typeof userUpdate>;

export const passwordReset = z.object({ id: z.uuid(), password: newPassword });

export interface UserRecord {
  id: string;
  name: string;
  email: string;
  role: Role;
  clinicIds: string[];
  active: boolean;
  /** Locked out after too many wrong passwords; a password reset clears it. */
  lockedOut: boolean;
  updatedAt: string;
}
