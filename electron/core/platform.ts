/**
 * Platform services the core needs but must not implement itself:
 * main/ (Electron) and web-host/ (Node) each provide their own.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
}
