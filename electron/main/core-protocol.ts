/**
 * Messages between the main process and the core's utility process
 * (over `process.parentPort`); renderer traffic never passes through here.
 */
import { type UpdateChannel, updateChannels, type UpdatePolicy, updatePolicies } from '../../common/settings';

/** Core → main. */
export type CoreMessage =
  | { type: 'secret-get'; id: number; name: string }
  | { type: 'secret-set'; id: number; name: string; value: string }
  | { type: 'open-failed'; message: string }
  | { type: 'update-policy'; id: number; policy: UpdatePolicy; channel: UpdateChannel }
  | { type: 'update-prepared'; id: number; error: string | null }
  /** An admin's verified "Update from file" package, for main to install. */
  | { type: 'install-package'; id: number; folder: string; manifest: string }
  /** An admin chose "Update from file": main shows its file dialog. */
  | { type: 'pick-package'; id: number }
  /** An admin chose "Check for updates" in Admin → Updates. */
  | { type: 'update-check'; id: number };

/** Main → core. 'init' comes first; a 'renderer-port' message carries the core's end of a renderer channel in `ports[0]`. */
export type MainMessage =
  | {
      type: 'init';
      dataDir: string;
      migrationsFolder: string;
      deployConfigPath: string;
      appVersion: string;
      updatePublicKey: string | null;
      /** `main`: main keeps the secrets (keyring); `passphrase`: the core seals them with the recovery passphrase. */
      secrets: 'main' | 'passphrase';
    }
  | { type: 'secret-reply'; id: number; ok: true; value: string | null }
  | { type: 'secret-reply'; id: number; ok: false; error: string }
  | { type: 'renderer-port' }
  | { type: 'shutdown' }
  /** The update policy in force (deploy config, else Settings). */
  | { type: 'update-policy-get'; id: number }
  /** An update is about to install: the core checks for running jobs and makes a pre-update backup. */
  | { type: 'update-prepare'; id: number; version: string }
  /** The prepared update did not go ahead after all. */
  | { type: 'update-release' }
  | { type: 'install-reply'; id: number; error: string | null }
  /** The file the admin chose, or null when they cancelled. */
  | { type: 'pick-reply'; id: number; path: string | null }
  | { type: 'update-check-reply'; id: number; error: string | null }
  /** The OS locked its screen or is going to sleep: every window locks, whatever its idle timer says. */
  | { type: 'lock-all'; reason: 'os-lock' | 'suspend' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const isId = (value: unknown) => typeof value === 'number';
const isError = (value: unknown) => value === null || typeof value === 'string';
const isOneOf = (allowed: readonly string[], value: unknown) => typeof value === 'string' && allowed.includes(value);

export function isCoreMessage(value: unknown): value is CoreMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'secret-get':
      return isId(value.id) && typeof value.name === 'string';
    case 'secret-set':
      return isId(value.id) && typeof value.name === 'string' && typeof value.value === 'string';
    case 'open-failed':
      return typeof value.message === 'string';
    case 'update-policy':
      return isId(value.id) && isOneOf(updatePolicies, value.policy) && isOneOf(updateChannels, value.channel);
    case 'update-prepared':
      return isId(value.id) && isError(value.error);
    case 'install-package':
      return isId(value.id) && typeof value.folder === 'string' && typeof value.manifest === 'string';
    case 'pick-package':
    case 'update-check':
      return isId(value.id);
    default:
      return false;
  }
}

export function isMainMessage(value: unknown): value is MainMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'init':
      return (
        typeof value.dataDir === 'string' &&
        typeof value.migrationsFolder === 'string' &&
        typeof value.deployConfigPath === 'string' &&
        typeof value.appVersion === 'string' &&
        (value.updatePublicKey === null || typeof value.updatePublicKey === 'string') &&
        isOneOf(['main', 'passphrase'], value.secrets)
      );
    case 'secret-reply':
      return (
        isId(value.id) &&
        ((value.ok === true && (typeof value.value === 'string' || value.value === null)) ||
          (value.ok === false && typeof value.error === 'string'))
      );
    case 'update-policy-get':
      return isId(value.id);
    case 'update-prepare':
      return isId(value.id) && typeof value.version === 'string';
    case 'install-reply':
      return isId(value.id) && isError(value.error);
    case 'pick-reply':
      return isId(value.id) && (value.path === null || typeof value.path === 'string');
    case 'update-check-reply':
      return isId(value.id) && isError(value.error);
    case 'lock-all':
      return isOneOf(['os-lock', 'suspend'], value.reason);
    case 'renderer-port':
    case 'shutdown':
    case 'update-release':
      return true;
    default:
      return false;
  }
}
