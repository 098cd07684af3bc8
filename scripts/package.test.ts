import { describe, expect, it } from 'vitest';
import { packagePlan } from './package';

const unsignedName = '-c.artifactName=${productName}-${version}-${os}-${arch}-unsigned.${ext}';

describe('npm run package', () => {
  it('labels a Windows or macOS build made without signing variables as unsigned, in its file names and About box', () => {
    const windows = packagePlan('win32', {}, []);
    expect(windows.signing).toBe('unsigned');
    expect(windows.args).toEqual(expect.arrayContaining([unsignedName, '-c.extraMetadata.outpostUnsigned=true', '--publish', 'never']));
    const mac = packagePlan('linux', {}, ['--mac']);
    expect(mac.args).toEqual(expect.arrayContaining([unsignedName, '-c.mac.identity=null', '-c.mac.notarize=false']));
    expect(mac.env.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false');
  });

  it('signs, and insists on signing, when the variables are there', () => {
    const windows = packagePlan('win32', { CSC_LINK: 'cert.pfx', CSC_KEY_PASSWORD: 'x' }, []);
    expect(windows.signing).toBe('signed');
    expect(windows.args).toContain('-c.forceCodeSigning=true');
    expect(windows.args.join(' ')).not.toMatch(/unsigned/);
    const azure = packagePlan(
      'win32',
      {
        AZURE_TENANT_ID: 't',
        AZURE_CLIENT_ID: 'c',
        AZURE_CLIENT_SECRET: 's',
        OUTPOST_AZURE_ENDPOINT: 'https://weu.codesigning.azure.net',
        OUTPOST_AZURE_ACCOUNT: 'acct',
        OUTPOST_AZURE_PROFILE: 'profile',
        OUTPOST_AZURE_PUBLISHER: 'Outpost Org',
      },
      [],
    );
    expect(azure.args).toContain('-c.win.azureSignOptions.endpoint=https://weu.codesigning.azure.net');
    const mac = packagePlan('darwin', { CSC_LINK: 'id.p12', APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'i', APPLE_API_ISSUER: 'u' }, []);
    expect(mac.signing).toBe('signed');
  });

  it('refuses setups that would ship a mislabelled or broken build', () => {
    expect(() => packagePlan('win32', { OUTPOST_AZURE_ENDPOINT: 'https://x' }, [])).toThrow(/half configured.*AZURE_TENANT_ID/);
    expect(() => packagePlan('darwin', { CSC_LINK: 'id.p12' }, [])).toThrow(/notarisation/);
    expect(() => packagePlan('win32', { OUTPOST_REQUIRE_SIGNING: '1' }, [])).toThrow(/refusing an unsigned build/);
    expect(() => packagePlan('linux', {}, ['--win', '--mac'])).toThrow(/one platform at a time/);
  });

  it('leaves Linux packages unlabelled and takes the organisation’s update URL', () => {
    const linux = packagePlan('linux', { OUTPOST_UPDATE_URL: 'https://updates.example.org/outpost' }, ['--x64']);
    expect(linux).toEqual({
      signing: 'none',
      env: { OUTPOST_UPDATE_URL: 'https://updates.example.org/outpost' },
      args: ['--x64', '--publish', 'never', '-c.publish.url=https://updates.example.org/outpost'],
    });
  });
});
