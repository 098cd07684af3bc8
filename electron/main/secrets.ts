import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../core/platform';
import { hasPassphraseFile } from '../core/secrets/passphrase-secret-store';

/** Raised instead of ever writing a secret the OS keyring does not protect. */
export class KeyringUnavailableError extends Error {
  constructor() {
    super('keyring-unavailable');
    this.name = 'KeyringUnavailableError';
  }
}

const secretName = /^[a-z][a-z0-9-]{0,63}$/;

async function keyringAvailable(): Promise<boolean> {
  // Without a keyring, Linux falls back to a key compiled into Chromium: plain text in disguise.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return false;
  return safeStorage.isAsyncEncryptionAvailable();
}

/**
 * Where this computer keeps the database key. A data folder with a passphrase file keeps using it (even if a
 * keyring appears later); otherwise the keyring when there is one. Without a keyring, a new installation
 * asks an administrator for a recovery passphrase, but a key already in the (now missing) keyring cannot be
 * replaced: that is the keyring-unavailable failure.
 */
export async function chooseSecrets(dataDir: string, keyringFile: string): Promise<SecretStore | 'passphrase' | 'keyring-unavailable'> {
  if (hasPassphraseFile(dataDir)) return 'passphrase';
  if (await keyringAvailable()) return keyringSecretStore(keyringFile);
  return existsSync(keyringFile) ? 'keyring-unavailable' : 'passphrase';
}

type SecretFile = Record<string, string>;

function parseSecretFile(text: string, file: string): SecretFile {
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file} is not a secret file`);
  const entries = Object.entries(parsed);
  if (!entries.every(([name, value]) => secretName.test(name) && typeof value === 'string')) {
    throw new Error(`${file} holds an entry that is not a secret`);
  }
  return Object.fromEntries(entries) as SecretFile;
}

/**
 * Secrets encrypted by the OS keyring (safeStorage), kept as base64 in one JSON file.
 * A damaged file is an error, never an empty store: a lost database key cannot be remade.
 */
export function keyringSecretStore(file: string): SecretStore {
  let writes = Promise.resolve();

  async function readAll(): Promise<SecretFile> {
    try {
      return parseSecretFile(await fs.readFile(file, 'utf8'), file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  async function write(name: string, value: string): Promise<void> {
    const all = await readAll();
    all[name] = (await safeStorage.encryptStringAsync(value)).toString('base64');
    await fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(all, null, 2), { mode: 0o600 });
    await fs.rename(temporary, file);
  }

  async function checked(name: string): Promise<void> {
    if (!secretName.test(name)) throw new Error(`Invalid secret name: ${name}`);
    if (!(await keyringAvailable())) throw new KeyringUnavailableError();
  }

  const store: SecretStore = {
    async get(name) {
      await checked(name);
      const stored = (await readAll())[name];
      if (stored === undefined) return null;
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      if (shouldReEncrypt) await store.set(name, result);
      return result;
    },
    async set(name, value) {
      await checked(name);
      // One write at a time: each rewrites the whole file.
      const next = writes.then(() => write(name, value));
      writes = next.catch(() => undefined);
      await next;
    },
  };
  return store;
}
