import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UpdateFileInfo, UpdateStatus } from '../../../common/updates';
import { backupNow } from '../backups/service';
import type { Actor } from '../changes';
import type { Core } from '../core';
import { CoreError } from '../errors';
import { effectiveSettings } from '../settings/service';
import { isNewer } from './manifest';
import { type VerifiedPackage, verifyPackage } from './package';

/** The package an admin verified last, per core, waiting for "Install". */
const verified = new WeakMap<Core, VerifiedPackage>();

function discard(core: Core): void {
  const previous = verified.get(core);
  if (previous) fs.rmSync(previous.folder, { recursive: true, force: true });
  verified.delete(core);
}

export function status(core: Core): UpdateStatus {
  const { updatePolicy, updateChannel } = effectiveSettings(core);
  return {
    appVersion: core.updates?.appVersion ?? null,
    policy: updatePolicy,
    channel: updateChannel,
    canInstallFromFile: !!core.updates?.install,
    packageSource: core.updates?.pickPackage ? 'dialog' : core.updates?.uploadedPackage ? 'upload' : null,
    canCheckOnline: !!core.updates?.checkNow,
    running: core.jobs.list(),
  };
}

/**
 * Checks an update package (folder or .zip) and keeps a verified copy for `installFile`.
 * Any earlier verified package is discarded, whether this one passes or not.
 */
export async function verifyFile(core: Core, actor: Actor, source: string): Promise<UpdateFileInfo> {
  const publicKey = core.updates?.publicKey;
  if (!publicKey) throw new CoreError('CONFLICT', 'updates.errors.noKey');
  discard(core);
  // A private folder of its own (mkdtemp: owner only), in the system's temporary space so that nothing lingers for good.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-update-'));
  let checked: VerifiedPackage;
  try {
    checked = await verifyPackage(source, folder, {
      publicKey,
      channel: effectiveSettings(core).updateChannel,
      platform: process.platform,
      arch: process.arch,
    });
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    if (error instanceof CoreError) throw error;
    // A stick pulled out mid-copy, a full disk, a file the user may not read.
    throw new CoreError('VALIDATION', 'updates.errors.unreadable', undefined, { reason: (error as NodeJS.ErrnoException).code ?? null });
  }
  verified.set(core, checked);
  const info: UpdateFileInfo = {
    version: checked.version,
    releaseDate: checked.releaseDate,
    installer: checked.installer,
    files: checked.files,
    newer: !!core.updates && isNewer(checked.version, core.updates.appVersion),
  };
  core.audit(actor, { action: 'updates.verify', detail: { version: info.version, installer: info.installer } });
  return info;
}

/** Asks the update server now; the desktop app tells the admin what it found. */
export async function checkNow(core: Core): Promise<void> {
  const check = core.updates?.checkNow;
  if (!check) throw new CoreError('CONFLICT', 'updates.errors.noServer');
  await check();
}

/** Asks the platform's file dialog for a package, then verifies it; null when the admin cancels. */
export async function pickAndVerify(core: Core, actor: Actor): Promise<UpdateFileInfo | null> {
  const pick = core.updates?.pickPackage;
  if (!pick) throw new CoreError('CONFLICT', 'updates.errors.noDialog');
  const chosen = await pick();
  return chosen === null ? null : verifyFile(core, actor, chosen);
}

/** Verifies a package the web host received by upload; the upload is removed whatever the outcome (a checked copy is kept). */
export async function verifyUpload(core: Core, actor: Actor, id: string): Promise<UpdateFileInfo> {
  const file = core.updates?.uploadedPackage?.(id);
  if (!file) throw new CoreError('NOT_FOUND', 'updates.errors.uploadGone');
  try {
    return await verifyFile(core, actor, file);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/**
 * Readies the app for an installer to replace it: refused while a sync or export runs,
 * then a 'pre-update' backup. The caller releases the claim if the update does not go ahead.
 */
export function prepareForUpdate(core: Core, actor: Actor, version: string): { release(): void } {
  const claim = core.jobs.claimForUpdate();
  try {
    const backup = backupNow(core, actor, 'pre-update');
    core.audit(actor, { action: 'updates.install', detail: { version, backup: backup.name } });
    return claim;
  } catch (error) {
    claim.release();
    throw error;
  }
}

/** Installs the package verified last, if it is the version the admin confirmed and newer than this one. */
export async function installFile(core: Core, actor: Actor, version: string): Promise<void> {
  const install = core.updates?.install;
  if (!install) throw new CoreError('CONFLICT', 'updates.errors.cannotInstallHere');
  const pending = verified.get(core);
  if (!pending || pending.version !== version) throw new CoreError('NOT_FOUND', 'updates.errors.notVerified');
  if (!isNewer(pending.version, core.updates!.appVersion)) throw new CoreError('CONFLICT', 'updates.errors.notNewer');
  const claim = prepareForUpdate(core, actor, version);
  try {
    await install(pending.folder, pending.manifest);
  } catch (error) {
    claim.release();
    throw new CoreError('INTERNAL', 'updates.errors.installFailed', undefined, { reason: (error as Error).message });
  }
}
