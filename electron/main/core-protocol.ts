/**
 * Messages between the main process and the core's utility process
 * (over `process.parentPort`); renderer traffic never passes through here.
 */

/** Core → main. */
export type CoreMessage =
  | { type: 'secret-get'; id: number; name: string }
  | { type: 'secret-set'; id: number; name: string; value: string }
  | { type: 'open-failed'; message: string };

/** Main → core. 'init' comes first; a 'renderer-port' message carries the core's end of a renderer channel in `ports[0]`. */
export type MainMessage =
  | { type: 'init'; dataDir: string; migrationsFolder: string }
  | { type: 'secret-reply'; id: number; ok: true; value: string | null }
  | { type: 'secret-reply'; id: number; ok: false; error: string }
  | { type: 'renderer-port' }
  | { type: 'shutdown' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isCoreMessage(value: unknown): value is CoreMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'secret-get':
      return typeof value.id === 'number' && typeof value.name === 'string';
    case 'secret-set':
      return typeof value.id === 'number' && typeof value.name === 'string' && typeof value.value === 'string';
    case 'open-failed':
      return typeof value.message === 'string';
    default:
      return false;
  }
}

export function isMainMessage(value: unknown): value is MainMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'init':
      return typeof value.dataDir === 'string' && typeof value.migrationsFolder === 'string';
    case 'secret-reply':
      return (
        typeof value.id === 'number' &&
        ((value.ok === true && (typeof value.value === 'string' || value.value === null)) ||
          (value.ok === false && typeof value.error === 'string'))
      );
    case 'renderer-port':
    case 'shutdown':
      return true;
    default:
      return false;
  }
}
