import { describe, expect, it } from 'vitest';
import { generateSigningKeys, publicKeyOf, signManifest, verifyManifest } from './signature';

const manifest = Buffer.from('version: 1.2.0\nfiles:\n  - url: Outpost-1.2.0-win-x64.exe\n');

describe('release manifest signatures', () => {
  const keys = generateSigningKeys();
  const signature = signManifest(manifest, keys.privateKeyPem);

  it('accepts only a good signature by our key over the exact manifest', () => {
    const other = generateSigningKeys();
    const results = {
      good: verifyManifest(manifest, signature, keys.publicKeyPem),
      tampered: verifyManifest(Buffer.from(manifest.toString().replace('1.2.0', '1.2.1')), signature, keys.publicKeyPem),
      wrongKey: verifyManifest(manifest, signManifest(manifest, other.privateKeyPem), keys.publicKeyPem),
      missing: verifyManifest(manifest, '', keys.publicKeyPem),
      garbage: verifyManifest(manifest, 'not a signature at all', keys.publicKeyPem),
      truncated: verifyManifest(manifest, signature.slice(0, 40), keys.publicKeyPem),
      badKey: verifyManifest(manifest, signature, 'not a key'),
    };
    expect(results).toEqual({
      good: true,
      tampered: false,
      wrongKey: false,
      missing: false,
      garbage: false,
      truncated: false,
      badKey: false,
    });
  });

  it('tolerates the line break an editor adds to the .sig file', () => {
    expect(verifyManifest(manifest, `${signature}\r\n`, keys.publicKeyPem)).toBe(true);
  });

  it('derives the public key from the private one, to check a signing key against the app’s', () => {
    expect(publicKeyOf(keys.privateKeyPem)).toBe(keys.publicKeyPem);
  });

  it('refuses to sign with a key that is not Ed25519', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => signManifest(manifest, rsa)).toThrow(/not an Ed25519 key/);
  });
});
