import fs from 'node:fs';
import path from 'node:path';
import { app } from 'electron';

/**
 * The version as About shows it. scripts/package.ts stamps `outpostUnsigned: true` into the packaged
 * package.json when it packaged without code-signing credentials: such a build says so.
 */
export function aboutVersion(): string {
  let unsigned = false;
  try {
    unsigned = JSON.parse(fs.readFileSync(path.join(app.getAppPath(), 'package.json'), 'utf8')).outpostUnsigned === true;
  } catch {
    // No readable package.json: nothing to add.
  }
  return unsigned ? `${app.getVersion()} (unsigned build)` : app.getVersion();
}

/** The Ed25519 key update manifests must be signed with: shipped in resources/, or read from the repository in development. */
export function updatePublicKey(): string | null {
  const file = app.isPackaged
    ? path.join(process.resourcesPath, 'update-public-key.pem')
    : path.join(app.getAppPath(), 'resources/update-public-key.pem');
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
