/** What the host (Electron main, or the web host) lends the core for updates. */
export interface UpdateHost {
  /** The Ed25519 public key (PEM) release manifests must be signed with; null when the build carries none: every package is refused. */
  publicKey: string | null;
  /** The running app's version: only a newer one installs. */
  appVersion: string;
  /**
   * Hands a verified package folder to the platform installer; the app quits once it is on its way.
   * Absent where nothing can be installed (the web host).
   */
  install?: (folder: string, manifest: string) => Promise<void>;
  /** The desktop app: a file dialog in the main process, so the sandboxed renderer never handles paths. Null when cancelled. */
  pickPackage?: () => Promise<string | null>;
  /** The desktop app: asks its update server now, as the menu's "Check for Updates…" does (it tells the user what it found). */
  checkNow?: () => Promise<void>;
  /** The web host: a package the browser uploaded, by the id the upload answered with; null once taken or unknown. */
  uploadedPackage?: (id: string) => string | null;
}
