import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateSigningKeys } from '../electron/core/updates/signature';

// npm run release:keygen -- <private key file> [--public <file>]
// Makes the Ed25519 key pair release manifests are signed with: the private key goes to the file named
// (owner-only; keep it as the release pipeline's UPDATE_SIGNING_KEY secret, never in the repository),
// the public key to resources/update-public-key.pem, which every build carries.

const root = path.resolve(import.meta.dirname, '..');
export const defaultPublicKeyFile = path.join(root, 'resources/update-public-key.pem');

export function makeKeyPair(privateFile: string, publicFile = defaultPublicKeyFile): void {
  const inside = path.relative(root, path.resolve(privateFile));
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) throw new Error('Keep the private key outside the repository.');
  const keys = generateSigningKeys();
  // 'wx': an existing key is never overwritten; releases signed with it would stop verifying.
  fs.writeFileSync(privateFile, keys.privateKeyPem, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(publicFile, keys.publicKeyPem);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { public: { type: 'string' } } });
  const [privateFile] = positionals;
  if (!privateFile || positionals.length > 1) {
    console.error('Usage: npm run release:keygen -- <private key file, outside the repository> [--public <file>]');
    process.exit(2);
  }
  try {
    makeKeyPair(privateFile, values.public);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  console.log(`Private key: ${path.resolve(privateFile)} (store it as the UPDATE_SIGNING_KEY secret, then remove it here)`);
  console.log(`Public key:  ${values.public ?? defaultPublicKeyFile} (commit it: builds carry it to check updates)`);
}
