import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyManifest } from '../electron/core/updates/signature';
import { makeKeyPair } from './release-keygen';
import { signManifests } from './release-sign';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-release-'));
const file = (name: string) => path.join(dir, name);

describe('release:keygen and release:sign', () => {
  makeKeyPair(file('private.pem'), file('public.pem'));
  fs.writeFileSync(file('latest.yml'), 'version: 1.3.0\n');

  it('signs a manifest that the app’s key then verifies', () => {
    expect(signManifests([file('latest.yml')], file('private.pem'), file('public.pem'))).toEqual([file('latest.yml.sig')]);
    const signature = fs.readFileSync(file('latest.yml.sig'), 'utf8');
    expect(verifyManifest(fs.readFileSync(file('latest.yml')), signature, fs.readFileSync(file('public.pem'), 'utf8'))).toBe(true);
    expect(fs.statSync(file('private.pem')).mode & 0o077).toBe(0);
  });

  it('refuses a key the app does not carry, and never overwrites or places a key in the repository', () => {
    makeKeyPair(file('other.pem'), file('other-public.pem'));
    expect(() => signManifests([file('latest.yml')], file('other.pem'), file('public.pem'))).toThrow(/does not match/);
    expect(() => makeKeyPair(file('private.pem'), file('public-2.pem'))).toThrow(/EEXIST/);
    expect(() => makeKeyPair(path.resolve(import.meta.dirname, 'key.pem'), file('public-3.pem'))).toThrow(/outside the repository/);
  });
});
