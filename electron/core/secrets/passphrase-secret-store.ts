import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { passphraseMinLength } from '../../../common/passphrase';
import type { SecretStore } from '../platform';

/** The file in the data folder that holds the secrets, sealed with a key derived from the passphrase. */
export const passphraseFileName = 'passphrase-secrets.json';

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt minimum (128 MiB, about a second on a slow laptop): each guess costs an attacker the same. */
export const defaultScryptCost: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
// A file asking for more than this is refused before deriving: it would only exhaust memory.
const maxN = 2 ** 20;
const minN = 2 ** 14;

export type PassphraseProblem = 'wrong' | 'damaged' | 'tooShort' | 'exists' | 'locked' | 'notFound';

/** Why the store refused: a wrong passphrase, a damaged or altered file, or a call out of order. */
export class PassphraseError extends Error {
  constructor(readonly problem: PassphraseProblem) {
    super(`passphrase: ${problem}`);
    this.name = 'PassphraseError';
  }
}

/** What is written: everything but the passphrase and the keys. `kdf` and `format` are authenticated with the data. */
interface SealedFile {
  format: 'outpost-passphrase-secrets';
  version: 1;
  kdf: { name: 'scrypt'; salt: string } & ScryptCost;
  /** HMAC of the header under a second derived key: tells a wrong passphrase from a damaged file. */
  check: string;
  cipher: { name: 'aes-256-gcm'; nonce: string; tag: string };
  data: string;
}

interface Keys {
  encrypt: Buffer;
  mac: Buffer;
}

export interface PassphraseSecretStoreOptions {
  /** The scrypt cost of a new file; tests use a cheaper one. An existing file keeps its own. */
  cost?: ScryptCost;
  /** The pause before checking, by wrong passphrases in a row so far. */
  delayMs?: (failures: number) => number;
}

function derive(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Keys> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 64, { ...cost, maxmem: 256 * cost.N * cost.r + 32 * 1024 * 1024 }, (error, bytes) => {
      if (error) reject(error);
      else resolve({ encrypt: bytes.subarray(0, 32), mac: bytes.subarray(32) });
    });
  });
}

const header = (file: Pick<SealedFile, 'format' | 'version' | 'kdf'>) =>
  Buffer.from(JSON.stringify({ format: file.format, version: file.version, kdf: file.kdf }));
const checkOf = (keys: Keys, head: Buffer) => createHmac('sha256', keys.mac).update(head).digest();

function parseSealed(text: string): SealedFile {
  let parsed: SealedFile;
  try {
    parsed = JSON.parse(text) as SealedFile;
  } catch {
    throw new PassphraseError('damaged');
  }
  const { kdf, cipher } = parsed ?? {};
  const isText = (value: unknown) => typeof value === 'string' && value.length > 0;
  const isCount = (value: unknown, max: number) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
  const valid =
    parsed?.format === 'outpost-passphrase-secrets' &&
    parsed.version === 1 &&
    kdf?.name === 'scrypt' &&
    isText(kdf.salt) &&
    isCount(kdf.N, maxN) &&
    kdf.N >= minN &&
    (kdf.N & (kdf.N - 1)) === 0 &&
    isCount(kdf.r, 32) &&
    isCount(kdf.p, 16) &&
    cipher?.name === 'aes-256-gcm' &&
    isText(cipher.nonce) &&
    isText(cipher.tag) &&
    isText(parsed.check) &&
    typeof parsed.data === 'string';
  if (!valid) throw new PassphraseError('damaged');
  return parsed;
}

/**
 * Secrets sealed with a passphrase, for computers whose operating system has no keyring: scrypt turns
 * the passphrase into two keys, one for AES-256-GCM over all the secrets, one to tell a wrong passphrase
 * from a damaged file. Nothing can be read until `create` or `unlock`; the keys then stay in memory only.
 * Every write seals afresh (new nonce) and replaces the file atomically; a wrong passphrase writes nothing.
 */
export class PassphraseSecretStore implements SecretStore {
  readonly file: string;
  private readonly cost: ScryptCost;
  private readonly delayMs: (failures: number) => number;
  private open: { keys: Keys; sealed: SealedFile; secrets: Record<string, string> } | null = null;
  private failures = 0;
  private attempts: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, options: PassphraseSecretStoreOptions = {}) {
    this.file = path.join(dataDir, passphraseFileName);
    this.cost = options.cost ?? defaultScryptCost;
    this.delayMs = options.delayMs ?? (() => 0);
  }

  /** `new` until a passphrase is chosen; then `locked` until it is given, at every start. */
  state(): 'new' | 'locked' | 'open' {
    if (this.open) return 'open';
    return fs.existsSync(this.file) ? 'locked' : 'new';
  }

  /** Chooses the passphrase: an empty store sealed with it, and open. Refused if a store exists already. */
  async create(passphrase: string): Promise<void> {
    if (passphrase.length < passphraseMinLength) throw new PassphraseError('tooShort');
    if (this.state() !== 'new') throw new PassphraseError('exists');
    const salt = randomBytes(16);
    const keys = await derive(passphrase, salt, this.cost);
    const head = {
      format: 'outpost-passphrase-secrets',
      version: 1,
      kdf: { name: 'scrypt', salt: salt.toString('base64'), ...this.cost },
    } as const;
    // A second create racing this one (two windows at once) must not replace the first one's file.
    if (this.state() !== 'new') throw new PassphraseError('exists');
    const check = checkOf(keys, header(head)).toString('base64');
    this.open = { keys, sealed: { ...head, check, cipher: { name: 'aes-256-gcm', nonce: '', tag: '' }, data: '' }, secrets: {} };
    try {
      this.write({});
    } catch (error) {
      this.open = null;
      throw error;
    }
  }

  /**
   * Opens the store with its passphrase. Attempts run one at a time; each is counted before it is checked,
   * and waits longer after each wrong one in a row. A wrong passphrase or a damaged file changes nothing.
   */
  unlock(passphrase: string): Promise<void> {
    const attempt = this.attempts.then(() => this.attempt(passphrase));
    this.attempts = attempt.catch(() => undefined);
    return attempt;
  }

  private async attempt(passphrase: string): Promise<void> {
    if (this.open) return;
    const failures = this.failures++;
    const pause = this.delayMs(failures);
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PassphraseError('notFound');
      throw error;
    }
    const sealed = parseSealed(text);
    const keys = await derive(passphrase, Buffer.from(sealed.kdf.salt, 'base64'), sealed.kdf);
    const check = Buffer.from(sealed.check, 'base64');
    const expected = checkOf(keys, header(sealed));
    if (check.length !== expected.length || !timingSafeEqual(check, expected)) throw new PassphraseError('wrong');
    const secrets = this.decrypt(keys, sealed);
    this.failures = 0;
    this.open = { keys, sealed, secrets };
  }

  private decrypt(keys: Keys, sealed: SealedFile): Record<string, string> {
    try {
      const decipher = createDecipheriv('aes-256-gcm', keys.encrypt, Buffer.from(sealed.cipher.nonce, 'base64'));
      decipher.setAAD(header(sealed));
      decipher.setAuthTag(Buffer.from(sealed.cipher.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
      const secrets: unknown = JSON.parse(plain.toString('utf8'));
      if (typeof secrets !== 'object' || secrets === null || Object.values(secrets).some((value) => typeof value !== 'string')) {
        throw new Error('not a secrets map');
      }
      return secrets as Record<string, string>;
    } catch {
      // The right passphrase (the check passed), yet the data fails its tag: the file was altered or damaged.
      throw new PassphraseError('damaged');
    }
  }

  /** Seals `secrets` into the file; memory follows only once the file is written. */
  private write(secrets: Record<string, string>): void {
    const { keys, sealed } = this.open!;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', keys.encrypt, nonce);
    cipher.setAAD(header(sealed));
    const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const next: SealedFile = {
      ...sealed,
      cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
      data: data.toString('base64'),
    };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(next, null, 2), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
    this.open = { keys, sealed: next, secrets };
  }

  async get(name: string): Promise<string | null> {
    if (!this.open) throw new PassphraseError('locked');
    return this.open.secrets[name] ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    if (!this.open) throw new PassphraseError('locked');
    this.write({ ...this.open.secrets, [name]: value });
  }
}

/** Whether this data folder keeps its secrets behind a passphrase (then it always does, keyring or not). */
export function hasPassphraseFile(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, passphraseFileName));
}
