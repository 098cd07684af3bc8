import fs from 'node:fs';
import path from 'node:path';

// Structured logs: one JSON object a line, in the data folder, rotated by size.
// Personal data never reaches them: fields that carry it are redacted by name.

const personal = /^(givenName|familyName|otherNames|name|beneficiaryName|staffName|userName|email|nationalId|phone|address|notes|outcome|password|pin|token|key|detail)$/i;
const MAX_BYTES = 5 * 1024 * 1024;
const KEEP = 5;

export type Level = 'info' | 'warn' | 'error';

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (value instanceof Error) return { error: value.name, message: redactText(value.message), stack: value.stack?.split('\n').slice(1, 6).join('\n') };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, personal.test(k) ? '[redacted]' : redact(v, depth + 1)]));
  return typeof value === 'string' ? redactText(value) : value;
}

/** SQLite and validation messages can quote values: keep their shape, drop quoted content. */
function redactText(text: string): string {
  return text.replace(/'[^']*'/g, "'…'").replace(/"[^"]*"/g, '"…"');
}

export interface Logger {
  readonly file: string;
  log(level: Level, event: string, data?: Record<string, unknown>): void;
  /** The newest entries at `level` or worse, newest first. */
  recent(level: Level, limit: number): Record<string, unknown>[];
}

export function createLogger(dataDir: string, now: () => Date = () => new Date()): Logger {
  const dir = path.join(dataDir, 'logs');
  const file = path.join(dir, 'outpost.log');
  const rotate = () => {
    for (let i = KEEP - 1; i >= 1; i--) {
      const from = i === 1 ? file : `${file}.${i - 1}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${file}.${i}`);
    }
  };
  const rank: Record<Level, number> = { info: 0, warn: 1, error: 2 };
  return {
    file,
    log(level, event, data = {}) {
      try {
        fs.mkdirSync(dir, { recursive: true });
        if (fs.existsSync(file) && fs.statSync(file).size > MAX_BYTES) rotate();
        fs.appendFileSync(file, `${JSON.stringify({ at: now().toISOString(), level, event, ...(redact(data) as object) })}\n`);
      } catch {
        // A full disk or a read-only folder must not turn a log line into a crash.
      }
      if (level === 'error') console.error(event);
    },
    recent(level, limit) {
      if (!fs.existsSync(file)) return [];
      const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').reverse();
      const found: Record<string, unknown>[] = [];
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as { level: Level };
          if (rank[entry.level] >= rank[level]) found.push(entry);
        } catch {
          continue; // a line cut by a crash
        }
        if (found.length >= limit) break;
      }
      return found;
    },
  };
}
