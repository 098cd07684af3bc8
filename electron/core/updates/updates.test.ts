import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupInfo } from '../../../common/backups';
import type { ServerMessage } from '../../../common/rpc';
import type { UpdateFileInfo, UpdateStatus } from '../../../common/updates';
import type { Core } from '../core';
import { clientAs, dataOf, openTestCore, setupAdmin, testClient } from '../testing';
import type { UpdateHost } from './host';
import { manifestName } from './manifest';
import { generateSigningKeys, signManifest } from './signature';

const keys = generateSigningKeys();
/** Package folders and zips the tests made, removed after each. */
const made: string[] = [];
const manifestFile = manifestName('latest', process.platform, process.arch);
const installerName = 'Outpost-1.3.0-installer.bin';
const installerBytes = Buffer.from('pretend installer '.repeat(5000));
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

function manifestText(version = '1.3.0', bytes = installerBytes) {
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${installerName}`,
    `    sha512: ${sha512(bytes)}`,
    `    size: ${bytes.length}`,
    `path: ${installerName}`,
    `releaseDate: '2026-11-22T09:00:00.000Z'`,
    '',
  ].join('\n');
}

/** A package folder as the release pipeline publishes it; `change` tampers with it after signing. */
function makePackage(change: (files: Map<string, Buffer>) => void = () => undefined, version = '1.3.0'): string {
  const manifest = Buffer.from(manifestText(version));
  const files = new Map<string, Buffer>([
    [manifestFile, manifest],
    [`${manifestFile}.sig`, Buffer.from(signManifest(manifest, keys.privateKeyPem))],
    [installerName, installerBytes],
  ]);
  change(files);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-package-'));
  made.push(dir, `${dir}.zip`);
  for (const [name, bytes] of files) fs.writeFileSync(path.join(dir, name), bytes);
  return dir;
}

/** A minimal zip (deflated entries under a top folder), as "Send to > Compressed folder" makes. */
function zipFolder(dir: string): string {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of fs.readdirSync(dir)) {
    const data = fs.readFileSync(path.join(dir, name));
    const packed = zlib.deflateRawSync(data);
    const fileName = Buffer.from(`outpost-update/${name}`);
    const header = (signature: number, size: number) => {
      const b = Buffer.alloc(size);
      b.writeUInt32LE(signature, 0);
      return b;
    };
    const local = header(0x04034b50, 30);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(zlib.crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = header(0x02014b50, 46);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(zlib.crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  const file = `${dir}.zip`;
  fs.writeFileSync(file, Buffer.concat([...locals, directory, end]));
  return file;
}

const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  for (const file of made.splice(0)) fs.rmSync(file, { recursive: true, force: true });
});

async function adminWith(host: Partial<UpdateHost> = {}) {
  const installs: { folder: string; manifest: string; files: string[] }[] = [];
  const updates: UpdateHost = {
    publicKey: keys.publicKeyPem,
    appVersion: '1.2.0',
    async install(folder, manifest) {
      installs.push({ folder, manifest, files: fs.readdirSync(folder).sort() });
    },
    ...host,
  };
  const core = await openTestCore({ updates });
  cores.push(core);
  const admin = testClient(core);
  await admin.mutate('account.setup', setupAdmin);
  return { core, admin, installs };
}

const errorOf = (m: ServerMessage) => (m.type === 'error' ? m.error : null);

describe('update from file', () => {
  it('verifies a signed package, folder or zip, says what it is, and installs it after a pre-update backup', async () => {
    const { admin, installs } = await adminWith();
    const folder = makePackage();
    for (const source of [zipFolder(folder), folder]) {
      expect(dataOf<UpdateFileInfo>(await admin.mutate('updates.verifyFile', { path: source }))).toEqual({
        version: '1.3.0',
        releaseDate: '2026-11-22T09:00:00.000Z',
        installer: installerName,
        files: [{ name: installerName, bytes: installerBytes.length }],
        newer: true,
      });
    }
    dataOf(await admin.mutate('updates.installFile', { version: '1.3.0' }));
    expect(installs).toEqual([
      { folder: expect.any(String), manifest: manifestFile, files: [installerName, manifestFile, `${manifestFile}.sig`].sort() },
    ]);
    expect(dataOf<BackupInfo[]>(await admin.query('backups.list')).map((b) => b.kind)).toEqual(['pre-update']);
  });

  it.each<[string, (files: Map<string, Buffer>) => void, string]>([
    ['a tampered manifest', (f) => f.set(manifestFile, Buffer.from(manifestText('9.9.9'))), 'updates.errors.badSignature'],
    [
      'a signature by another key',
      (f) => f.set(`${manifestFile}.sig`, Buffer.from(signManifest(f.get(manifestFile)!, generateSigningKeys().privateKeyPem))),
      'updates.errors.badSignature',
    ],
    ['no signature', (f) => f.delete(`${manifestFile}.sig`), 'updates.errors.unsigned'],
    [
      'an installer that is not the one signed for',
      (f) => f.set(installerName, Buffer.from('malware '.repeat(11250))),
      'updates.errors.checksum',
    ],
    ['no installer', (f) => f.delete(installerName), 'updates.errors.missingFile'],
    ['no manifest for this platform', (f) => f.delete(manifestFile), 'updates.errors.noManifest'],
  ])('refuses %s', async (_what, change, message) => {
    const { admin } = await adminWith();
    expect(errorOf(await admin.mutate('updates.verifyFile', { path: makePackage(change) }))).toMatchObject({ code: 'VALIDATION', message });
    expect(errorOf(await admin.mutate('updates.installFile', { version: '1.3.0' }))?.message).toBe('updates.errors.notVerified');
  });

  it('refuses what is not a package, an older version, and an app without a key', async () => {
    const { admin } = await adminWith();
    const notZip = path.join(makePackage(), installerName);
    expect(errorOf(await admin.mutate('updates.verifyFile', { path: notZip }))?.message).toBe('updates.errors.notPackage');
    const garbageZip = `${notZip}.zip`;
    fs.writeFileSync(garbageZip, 'PK garbage');
    expect(errorOf(await admin.mutate('updates.verifyFile', { path: garbageZip }))?.message).toBe('updates.errors.notPackage');
    expect(errorOf(await admin.mutate('updates.verifyFile', { path: '/no/such/package' }))?.code).toBe('NOT_FOUND');

    const older = makePackage(undefined, '1.1.0');
    expect(dataOf<UpdateFileInfo>(await admin.mutate('updates.verifyFile', { path: older })).newer).toBe(false);
    expect(errorOf(await admin.mutate('updates.installFile', { version: '1.1.0' }))?.message).toBe('updates.errors.notNewer');

    const keyless = await adminWith({ publicKey: null });
    expect(errorOf(await keyless.admin.mutate('updates.verifyFile', { path: makePackage() }))?.message).toBe('updates.errors.noKey');
  });

  it('never installs while a sync or export runs, nor where the host cannot install', async () => {
    const { core, admin, installs } = await adminWith();
    dataOf(await admin.mutate('updates.verifyFile', { path: makePackage() }));
    const sync = core.jobs.begin('sync');
    expect(dataOf<UpdateStatus>(await admin.query('updates.status'))).toMatchObject({
      appVersion: '1.2.0',
      policy: 'notify',
      channel: 'stable',
      canInstallFromFile: true,
      running: [{ kind: 'sync' }],
    });
    expect(errorOf(await admin.mutate('updates.installFile', { version: '1.3.0' }))).toMatchObject({
      code: 'CONFLICT',
      message: 'updates.errors.busy',
      details: { running: ['sync'] },
    });
    expect(installs).toEqual([]);
    sync.end();
    dataOf(await admin.mutate('updates.installFile', { version: '1.3.0' }));
    expect(() => core.jobs.begin('export')).toThrow('updates.errors.installing');

    const web = await adminWith({ install: undefined });
    dataOf(await web.admin.mutate('updates.verifyFile', { path: makePackage() }));
    expect(errorOf(await web.admin.mutate('updates.installFile', { version: '1.3.0' }))?.message).toBe('updates.errors.cannotInstallHere');
  });

  it('lets the job run again when the installer fails to start', async () => {
    const { core, admin } = await adminWith({ install: () => Promise.reject(new Error('elevation refused')) });
    dataOf(await admin.mutate('updates.verifyFile', { path: makePackage() }));
    expect(errorOf(await admin.mutate('updates.installFile', { version: '1.3.0' }))).toMatchObject({
      message: 'updates.errors.installFailed',
    });
    expect(core.jobs.begin('export')).toBeDefined();
  });

  it('is for admins only', async () => {
    const { core } = await adminWith();
    const manager = await clientAs(core, 'manager');
    expect(errorOf(await manager.mutate('updates.verifyFile', { path: makePackage() }))?.code).toBe('FORBIDDEN');
    expect(errorOf(await manager.query('updates.status'))?.code).toBe('FORBIDDEN');
  });
});

describe('handing over an update package', () => {
  it('in the desktop app, through the platform’s file dialog: the renderer never sends a path', async () => {
    let answer: string | null = null;
    const { admin } = await adminWith({ install: undefined, pickPackage: async () => answer });
    expect(dataOf<UpdateStatus>(await admin.query('updates.status'))).toMatchObject({ packageSource: 'dialog', canCheckOnline: false });
    expect(dataOf(await admin.mutate('updates.pickFile'))).toBeNull();
    answer = zipFolder(makePackage());
    expect(dataOf<UpdateFileInfo>(await admin.mutate('updates.pickFile'))).toMatchObject({ version: '1.3.0', newer: true });
  });

  it('in the web host, by upload id: verified, then the upload removed; a tampered one refused', async () => {
    const uploads = new Map<string, string>();
    const upload = (zip: string) => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-upload-'));
      made.push(folder);
      const id = `upload${Math.random().toString(36).slice(2).padEnd(12, 'x')}`;
      uploads.set(id, path.join(folder, `${id}.zip`));
      fs.copyFileSync(zip, uploads.get(id)!);
      return { id, folder };
    };
    const { admin } = await adminWith({ install: undefined, uploadedPackage: (id) => uploads.get(id) ?? null });
    expect(dataOf<UpdateStatus>(await admin.query('updates.status'))).toMatchObject({ packageSource: 'upload', canInstallFromFile: false });

    const good = upload(zipFolder(makePackage()));
    expect(dataOf<UpdateFileInfo>(await admin.mutate('updates.verifyUpload', { id: good.id }))).toMatchObject({ version: '1.3.0' });
    expect(fs.existsSync(good.folder)).toBe(false);

    const tampered = upload(zipFolder(makePackage((files) => files.set(installerName, Buffer.from('evil installer '.repeat(6000))))));
    expect(await admin.mutate('updates.verifyUpload', { id: tampered.id })).toMatchObject({
      type: 'error',
      error: { code: 'VALIDATION', message: 'updates.errors.checksum' },
    });
    expect(fs.existsSync(tampered.folder)).toBe(false);
    expect(await admin.mutate('updates.verifyUpload', { id: 'no-such-upload-1234' })).toMatchObject({
      type: 'error',
      error: { code: 'NOT_FOUND', message: 'updates.errors.uploadGone' },
    });
  });
});

describe('checking the update server from Admin', () => {
  it('asks the desktop app’s updater, and is refused where there is none', async () => {
    let asked = 0;
    const desktop = await adminWith({
      checkNow: async () => {
        asked++;
      },
    });
    expect(dataOf<UpdateStatus>(await desktop.admin.query('updates.status'))).toMatchObject({ canCheckOnline: true });
    dataOf(await desktop.admin.mutate('updates.checkNow'));
    expect(asked).toBe(1);
    const web = await adminWith();
    expect(await web.admin.mutate('updates.checkNow')).toMatchObject({
      type: 'error',
      error: { code: 'CONFLICT', message: 'updates.errors.noServer' },
    });
  });
});
