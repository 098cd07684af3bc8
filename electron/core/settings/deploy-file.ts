import fs from 'node:fs';
import path from 'node:path';
import { type DeployState, noDeployConfig, parseDeployConfig } from '../../../common/deploy';

/** A deploy config is a few hundred bytes; anything this big is not one, and is never read whole. */
export const maxDeployConfigBytes = 64 * 1024;

/**
 * Where IT puts the machine-wide deploy config. `OUTPOST_DEPLOY_CONFIG` replaces it only where
 * `allowOverride` (development, tests, the web host): in an installed app a user's environment
 * must not swap the organisation's policy for their own.
 */
export function deployConfigPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, allowOverride: boolean): string {
  if (allowOverride && env.OUTPOST_DEPLOY_CONFIG) return path.resolve(env.OUTPOST_DEPLOY_CONFIG);
  switch (platform) {
    case 'win32':
      return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Outpost', 'deploy.json');
    case 'darwin':
      return '/Library/Application Support/Outpost/deploy.json';
    default:
      return '/etc/outpost/deploy.json';
  }
}

/** Windows PowerShell 5 writes UTF-16 with a byte-order mark unless told otherwise; accept both encodings. */
function decode(bytes: Buffer): string {
  return bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.subarray(2).toString('utf16le') : bytes.toString('utf8');
}

function failed(file: string, problem: 'unreadable' | 'tooLarge', detail: string): DeployState {
  return { file, config: {}, errors: [{ field: null, problem, detail }] };
}

/** Reads and validates the deploy config; never throws: a missing file is no config, a bad one is reported. */
export function readDeployConfig(file: string): DeployState {
  const tooLarge = (size: number) => failed(file, 'tooLarge', `It is ${size} bytes; a deploy config is at most ${maxDeployConfigBytes}.`);
  let bytes: Buffer;
  try {
    // Checked before opening: opening a pipe would wait for a writer, and reading a device might never end.
    const stat = fs.statSync(file);
    if (!stat.isFile()) return failed(file, 'unreadable', 'It is not a regular file.');
    if (stat.size > maxDeployConfigBytes) return tooLarge(stat.size);
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return noDeployConfig;
    return failed(file, 'unreadable', `Outpost could not read it (${code ?? 'error'}): check that every user may read it.`);
  }
  if (bytes.length > maxDeployConfigBytes) return tooLarge(bytes.length);
  return parseDeployConfig(decode(bytes), file);
}
