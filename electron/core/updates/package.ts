import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { UpdateChannel } from '../../../common/settings';
import { CoreError } from '../errors';
import { manifestName, parseManifest, primaryFile, type UpdateManifest } from './manifest';
import { verifyManifest } from './signature';

// "Update from file": a folder or a .zip holding a release's manifest, its .sig and the installer(s),
// as published for the update server. Everything is copied out of the source first and checked as
// copied, so what installs is exactly what was checked, whatever happens to the USB stick afterwards.

const maxManifestBytes = 1024 * 1024;
const maxSignatureBytes = 4096;
const maxInstallerBytes = 4 * 1024 ** 3;

export interface VerifiedPackage {
  version: string;
  releaseDate: string | null;
  /** The manifest's file name, e.g. latest.yml: it names the channel too. */
  manifest: string;
  /** The file the platform installer runs. */
  installer: string;
  files: { name: string; bytes: number }[];
  /** Where the checked copy waits for the installer. */
  folder: string;
}

interface PackageSource {
  names: Set<string>;
  open(name: string): Promise<Readable>;
  close(): void;
}

const refuse = (message: string, details?: Record<string, unknown>) => new CoreError('VALIDATION', message, undefined, details);

function folderSource(dir: string): PackageSource {
  const names = new Set(
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name),
  );
  return { names, open: async (name) => fs.createReadStream(path.join(dir, name)), close: () => undefined };
}

/** Entries are found by file name wherever they sit, so a zipped folder works as well as zipped files. */
async function zipSource(file: string): Promise<PackageSource> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  const entries = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const name = path.posix.basename(entry.fileName);
      if (entries.has(name)) throw refuse('updates.errors.ambiguous', { file: name });
      entries.set(name, entry);
    }
  } catch (error) {
    zip.close();
    throw error;
  }
  return { names: new Set(entries.keys()), open: (name) => zip.openReadStreamPromise(entries.get(name)!), close: () => zip.close() };
}

async function openSource(source: string): Promise<PackageSource> {
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat) throw new CoreError('NOT_FOUND', 'updates.errors.notFound');
  if (stat.isDirectory()) return folderSource(source);
  if (!stat.isFile() || !/\.zip$/i.test(source)) throw refuse('updates.errors.notPackage');
  try {
    return await zipSource(source);
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw refuse('updates.errors.notPackage');
  }
}

/** Copies one file into the staging folder, refusing more than `limit` bytes; returns its SHA-512 (base64). */
async function copyOut(source: PackageSource, name: string, target: string, limit: number): Promise<{ sha512: string; bytes: number }> {
  const hash = createHash('sha512');
  let bytes = 0;
  await pipeline(
    await source.open(name),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        if (bytes > limit) throw refuse('updates.errors.tooLarge', { file: name });
        hash.update(chunk);
        yield chunk;
      }
    },
    fs.createWriteStream(path.join(target, name), { flags: 'wx' }),
  );
  return { sha512: hash.digest('base64'), bytes };
}

async function readOut(source: PackageSource, name: string, target: string, limit: number): Promise<Buffer> {
  await copyOut(source, name, target, limit);
  return fs.readFileSync(path.join(target, name));
}

function chooseManifest(names: Set<string>, channel: UpdateChannel, platform: NodeJS.Platform, arch: string): string {
  // A beta machine takes a beta release, or the stable one when the package has only that.
  const candidates = (channel === 'beta' ? ['beta', 'latest'] : ['latest']).map((c) => manifestName(c, platform, arch));
  const found = candidates.find((name) => names.has(name));
  if (!found) throw refuse('updates.errors.noManifest', { expected: candidates });
  return found;
}

export interface VerifyOptions {
  publicKey: string;
  channel: UpdateChannel;
  platform: NodeJS.Platform;
  arch: string;
}

/**
 * Copies a package into `into` (a new, empty folder) and checks it: the manifest's Ed25519
 * signature, then every file the manifest lists that the package holds against its SHA-512
 * (the installer the platform runs must be there). Throws a CoreError naming what failed.
 */
export async function verifyPackage(sourcePath: string, into: string, options: VerifyOptions): Promise<VerifiedPackage> {
  const source = await openSource(sourcePath);
  try {
    const manifestFile = chooseManifest(source.names, options.channel, options.platform, options.arch);
    if (!source.names.has(`${manifestFile}.sig`)) throw refuse('updates.errors.unsigned', { file: `${manifestFile}.sig` });
    const manifestBytes = await readOut(source, manifestFile, into, maxManifestBytes);
    const signature = await readOut(source, `${manifestFile}.sig`, into, maxSignatureBytes);
    if (!verifyManifest(manifestBytes, signature.toString('utf8'), options.publicKey)) throw refuse('updates.errors.badSignature');

    let manifest: UpdateManifest;
    try {
      manifest = parseManifest(manifestBytes.toString('utf8'));
    } catch (error) {
      throw refuse('updates.errors.badManifest', { reason: (error as Error).message });
    }
    const installer = primaryFile(manifest);
    if (!source.names.has(installer)) throw refuse('updates.errors.missingFile', { file: installer });

    const files: VerifiedPackage['files'] = [];
    const present = manifest.files.filter((f, i) => source.names.has(f.url) && manifest.files.findIndex((g) => g.url === f.url) === i);
    for (const listed of present) {
      const copied = await copyOut(source, listed.url, into, listed.size ?? maxInstallerBytes);
      if (copied.sha512 !== listed.sha512 || (listed.size !== undefined && copied.bytes !== listed.size)) {
        throw refuse('updates.errors.checksum', { file: listed.url });
      }
      files.push({ name: listed.url, bytes: copied.bytes });
    }
    if (!files.some((f) => f.name === installer)) throw refuse('updates.errors.missingFile', { file: installer });
    return { version: manifest.version, releaseDate: manifest.releaseDate ?? null, manifest: manifestFile, installer, files, folder: into };
  } finally {
    source.close();
  }
}
