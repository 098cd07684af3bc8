import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';

// Release manifests (latest.yml and the like) are signed with Ed25519 over their exact bytes.
// electron-updater checks each installer against the manifest's SHA-512; this signature is what
// says the manifest itself came from the organisation and not from whoever serves the files.

export interface KeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

export function generateSigningKeys(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function ed25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The ${what} is not an Ed25519 key.`);
  return key;
}

/** The base64 signature written to `<manifest>.sig`. */
export function signManifest(manifest: Buffer, privateKeyPem: string): string {
  return sign(null, manifest, ed25519(createPrivateKey(privateKeyPem), 'private key')).toString('base64');
}

/** The public key of a private key, to check a signing key against the key the app carries. */
export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(ed25519(createPrivateKey(privateKeyPem), 'private key'))
    .export({ type: 'spki', format: 'pem' })
    .toString();
}

/** True only for a well-formed signature by this key over exactly these bytes; anything malformed is false. */
export function verifyManifest(manifest: Buffer, signatureText: string, publicKeyPem: string): boolean {
  const base64 = signatureText.trim();
  if (!/^[A-Za-z0-9+/]{86}==$/.test(base64)) return false;
  try {
    return verify(null, manifest, ed25519(createPublicKey(publicKeyPem), 'public key'), Buffer.from(base64, 'base64'));
  } catch {
    return false;
  }
}
