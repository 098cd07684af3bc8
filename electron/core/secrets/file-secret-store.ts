import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../platform';

/**
 * Secrets in one JSON file readable only by its owner (0600). For the web
 * host and tests; Electron keeps its secrets with safeStorage instead.
 */
export class FileSecretStore implements SecretStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'secrets.json');
  }

  private read(): Record<string, string> {
    if (!fs.existsSync(this.file)) return {};
    const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`${this.file} is not a secrets file.`);
    return parsed as Record<string, string>;
  }

  async get(name: string): Promise<string | null> {
    return this.read()[name] ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    const next = { ...this.read(), [name]: value };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(next), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
