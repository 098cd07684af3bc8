import { type AppUpdater, Provider, type UpdateInfo } from 'electron-updater';
import { parseUpdateInfo, type ProviderRuntimeOptions, resolveFiles } from 'electron-updater/out/providers/Provider';
import { getChannelFilename, newUrlFromBase } from 'electron-updater/out/util';
import { verifyManifest } from '../core/updates/signature';

/** What main passes to `setFeedURL({ provider: 'custom', updateProvider: SignedGenericProvider, ...feed })`. */
export interface SignedFeed {
  url: string;
  /** The Ed25519 public key (PEM) every manifest must be signed with. */
  publicKey: string;
}

/**
 * electron-builder's generic provider (static files on any web server), except that a manifest
 * (latest.yml…) is taken only when `<manifest>.sig` beside it verifies against the key the app
 * carries. electron-updater then checks the installer against the manifest's SHA-512, so both
 * hold or nothing installs.
 */
export class SignedGenericProvider extends Provider<UpdateInfo> {
  private readonly baseUrl: URL;
  private readonly publicKey: string;

  // electron-updater constructs it with the options given to setFeedURL, typed loosely.
  constructor(
    options: { readonly [key: string]: unknown },
    private readonly updater: AppUpdater,
    runtimeOptions: ProviderRuntimeOptions,
  ) {
    super(runtimeOptions);
    const { url, publicKey } = options;
    if (typeof url !== 'string' || typeof publicKey !== 'string') throw new Error('A signed feed needs a url and a public key.');
    this.baseUrl = new URL(url.endsWith('/') ? url : `${url}/`);
    this.publicKey = publicKey;
  }

  private get channel(): string {
    const channel = this.updater.channel;
    return channel === null ? this.getDefaultChannelName() : this.getCustomChannelName(channel);
  }

  async getLatestVersion(): Promise<UpdateInfo> {
    const manifestFile = getChannelFilename(this.channel);
    // Never from a cache: a stale manifest with a fresh signature (or the reverse) would be refused.
    const manifestUrl = newUrlFromBase(manifestFile, this.baseUrl, true);
    const [manifest, signature] = await Promise.all([
      this.httpRequest(manifestUrl),
      this.httpRequest(newUrlFromBase(`${manifestFile}.sig`, this.baseUrl, true)),
    ]);
    if (manifest === null || signature === null || !verifyManifest(Buffer.from(manifest, 'utf8'), signature, this.publicKey)) {
      throw Object.assign(new Error(`The signature of ${manifestFile} does not verify; the update is refused.`), {
        code: 'ERR_OUTPOST_MANIFEST_SIGNATURE',
      });
    }
    return parseUpdateInfo(manifest, manifestFile, manifestUrl);
  }

  resolveFiles(updateInfo: UpdateInfo) {
    return resolveFiles(updateInfo, this.baseUrl);
  }
}
