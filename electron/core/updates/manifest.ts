import { parse } from 'yaml';
import { z } from 'zod';

/** A file name alone: a manifest must never point outside the package it came in. */
const fileName = z.string().regex(/^(?!\.\.?$)[^/\\:]{1,255}$/, 'a file name without folders');
const sha512 = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'a base64 SHA-512');

/** The fields of electron-builder's update info (latest.yml, latest-mac.yml, latest-linux.yml) that an update relies on. */
const manifestSchema = z.object({
  version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'a semantic version'),
  files: z.array(z.object({ url: fileName, sha512, size: z.number().int().positive().optional() })).min(1),
  path: fileName.optional(),
  releaseDate: z.string().optional(),
});
export type UpdateManifest = z.output<typeof manifestSchema>;

/** Parses a manifest whose signature has already been checked; throws with a readable reason otherwise. */
export function parseManifest(text: string): UpdateManifest {
  const result = manifestSchema.safeParse(parse(text, { maxAliasCount: 0 }));
  if (!result.success) throw new Error(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return result.data;
}

/** The manifest electron-updater reads on this platform, for a channel ('latest' or 'beta'). */
export function manifestName(channel: string, platform: NodeJS.Platform, arch: string): string {
  if (platform === 'darwin') return `${channel}-mac.yml`;
  if (platform === 'linux') return arch === 'x64' ? `${channel}-linux.yml` : `${channel}-linux-${arch}.yml`;
  return `${channel}.yml`;
}

/** The installer electron-updater takes first: the manifest's `path`, else its first file. */
export function primaryFile(manifest: UpdateManifest): string {
  return manifest.path ?? manifest.files[0]!.url;
}

/** Semantic-version order on major.minor.patch, a pre-release before its release. */
export function isNewer(candidate: string, current: string): boolean {
  const split = (v: string) => {
    const [core, pre] = v.split(/-(.*)/s);
    return { parts: core!.split('.').map(Number), pre: pre ?? null };
  };
  const a = split(candidate);
  const b = split(current);
  for (let i = 0; i < 3; i++) if ((a.parts[i] ?? 0) !== (b.parts[i] ?? 0)) return (a.parts[i] ?? 0) > (b.parts[i] ?? 0);
  if (a.pre === b.pre) return false;
  if (a.pre === null) return true;
  if (b.pre === null) return false;
  return a.pre.localeCompare(b.pre, 'en', { numeric: true }) > 0;
}
