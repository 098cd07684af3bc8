import { z } from 'zod';

/**
 * The recovery passphrase: where the operating system has no keyring to keep the database key, an
 * administrator's passphrase protects it instead, and is asked for at every start.
 */

/** Long enough that guessing it offline, at one scrypt per guess, is out of reach. */
export const passphraseMinLength = 12;

const newPassphrase = z.string().min(passphraseMinLength, 'passphrase.errors.tooShort').max(1024, 'errors.tooLong');

/** First start: the passphrase, typed twice. */
export const passphraseChoice = z
  .object({ passphrase: newPassphrase, confirm: z.string().max(1024, 'errors.tooLong') })
  .refine((value) => value.passphrase === value.confirm, { path: ['confirm'], message: 'passphrase.errors.mismatch' });
export type PassphraseChoice = z.input<typeof passphraseChoice>;

/** Every later start. */
export const passphraseEntry = z.object({ passphrase: z.string().min(1, 'errors.required').max(1024, 'errors.tooLong') });
export type PassphraseEntry = z.input<typeof passphraseEntry>;

/**
 * `new`: no passphrase chosen yet; `locked`: the store waits for it; `open`: the store is open (or its
 * key is kept by the keyring, and there is no passphrase at all).
 */
export type PassphraseState = 'new' | 'locked' | 'open';

export interface PassphraseStatus {
  state: PassphraseState;
  /** The data folder, where the passphrase-protected key file lives. */
  dataDir: string;
}
