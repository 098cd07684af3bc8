import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { publicKeyOf, signManifest, verifyManifest } from '../electron/core/updates/signature';
import { defaultPublicKeyFile } from './release-keygen';

// npm run release:sign -- <manifest>... --key <private key file> [--public <file>]
// Writes <manifest>.sig (base64 Ed25519 over the manifest's exact bytes) beside each manifest.

/**
 * Signs each manifest, after checking that the key is the one the app carries: a release signed
 * with any other key would be refused by every installed copy.
 */
export function signManifests(manifests: string[], privateKeyFile: string, publicKeyFile = defaultPublicKeyFile): string[] {
  const privateKeyPem = fs.readFileSync(privateKeyFile, 'utf8');
  const carried = fs.readFileSync(publicKeyFile, 'utf8');
  if (publicKeyOf(privateKeyPem).trim() !== carried.trim()) {
    throw new Error(`This private key does not match ${publicKeyFile}: installed apps would refuse the release.`);
  }
  return manifests.map((manifest) => {
    const bytes = fs.readFileSync(manifest);
    const signature = signManifest(bytes, privateKeyPem);
    if (!verifyManifest(bytes, signature, carried)) throw new Error(`${manifest}: the signature does not verify.`);
    fs.writeFileSync(`${manifest}.sig`, `${signature}\n`);
    return `${manifest}.sig`;
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { key: { type: 'string' }, public: { type: 'string' } },
  });
  if (positionals.length === 0 || !values.key) {
    console.error('Usage: npm run release:sign -- <manifest>... --key <private key file> [--public <file>]');
    process.exit(2);
  }
  try {
    for (const written of signManifests(positionals, values.key, values.public)) console.log(`Signed: ${written}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
