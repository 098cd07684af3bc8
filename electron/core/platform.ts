import type { ExportDelivered, PrintDocument } from '../../common/exports';

/**
 * Platform services the core needs but must not implement itself:
 * main/ (Electron) and web-host/ (Node) each provide their own.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
}

/**
 * Prints a report to PDF: the print page (renderer/print) rendered from the
 * document alone, by Chromium (web host: playwright-core; desktop: a hidden window).
 */
export interface Printer {
  print(document: PrintDocument): Promise<Uint8Array>;
}

/** Hands a finished export file to the user: a one-time download (web host) or a save dialog (desktop). */
export interface ExportFiles {
  /** The host takes the file over: it moves, serves or deletes it. */
  deliver(file: { path: string; fileName: string; contentType: string }): Promise<ExportDelivered>;
}
