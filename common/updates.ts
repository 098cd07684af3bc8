import { z } from 'zod';
import type { UpdateChannel, UpdatePolicy } from './settings';

/** An update package on a USB stick or share: a folder, or a .zip, holding the installer, its manifest and the manifest's .sig. */
export const verifyFileInput = z.object({ path: z.string().trim().min(1, 'errors.required').max(4096) });
/** A package the web host received by upload (too large for a socket message), by its upload id. */
export const verifyUploadInput = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });

/** The version the admin saw in the verification result: what installs is what was confirmed. */
export const installFileInput = z.object({ version: z.string().min(1).max(64) });

export interface UpdateFileInfo {
  version: string;
  releaseDate: string | null;
  /** The installer file the platform runs. */
  installer: string;
  files: { name: string; bytes: number }[];
  /** Newer than the running version (only a newer one installs). */
  newer: boolean;
}

export interface UpdateStatus {
  /** The running version (null in a host that does not say). */
  appVersion: string | null;
  policy: UpdatePolicy;
  channel: UpdateChannel;
  /** False in the web host: it verifies packages but cannot install them. */
  canInstallFromFile: boolean;
  /** How an admin hands over a package: the desktop app's file dialog, or an upload to the web host; null: neither. */
  packageSource: 'dialog' | 'upload' | null;
  /** The desktop app can ask its update server now (the web host has none). */
  canCheckOnline: boolean;
  /** Jobs an update waits for. */
  running: { kind: string; startedAt: string }[];
}
