import fs from 'node:fs';
import path from 'node:path';

/**
 * The Electron executable npm installed, or null where there is none. Follows
 * node_modules/electron/index.js without loading it: that module starts a download when the binary is missing.
 */
export function electronBinary(root: string): string | null {
  const packageDir = path.join(root, 'node_modules/electron');
  let executable: string | null = null;
  try {
    executable = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8');
  } catch {
    // No path.txt: the binary was never downloaded.
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, executable ?? 'electron') : executable && path.join(packageDir, 'dist', executable);
  return binary && fs.existsSync(binary) ? binary : null;
}
