import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface QuickCheckResult {
  /** True when SQLite answered `ok`. */
  ok: boolean;
  /** True when the answer means damage (not a failure to run the check). */
  damaged: boolean;
  problems: string[];
  durationMs: number;
}

// The worker is plain JavaScript evaluated from this string, so that it runs alike under the test runner,
// the web host and the bundled Electron core, with no separate build entry. It opens its own read-only
// connection: the core's connection and thread stay free for the user while a large store is checked.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqliteModule);
const started = performance.now();
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma("hexkey='" + workerData.key + "'");
  const rows = db.prepare('pragma quick_check(20)').pluck().all();
  const ok = rows.length === 1 && rows[0] === 'ok';
  parentPort.postMessage({ ok, damaged: !ok, problems: ok ? [] : rows.map(String), durationMs: performance.now() - started });
} catch (error) {
  const code = String((error && error.code) || '');
  parentPort.postMessage({
    ok: false,
    damaged: /^SQLITE_(CORRUPT|NOTADB)/.test(code),
    problems: [code ? code + ': ' + error.message : String(error)],
    durationMs: performance.now() - started,
  });
} finally {
  if (db) db.close();
}
`;

/** A 256-bit key as 64 hex characters: never interpolated unless it matches. */
const hexKey = /^[0-9a-f]{64}$/;

/** Runs PRAGMA quick_check on an encrypted store in a worker thread, with its own read-only connection. */
export function quickCheckInWorker(file: string, key: string): Promise<QuickCheckResult> {
  if (!hexKey.test(key)) return Promise.reject(new Error('The database key must be 64 lowercase hex characters.'));
  const sqliteModule = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(workerSource, { eval: true, workerData: { file, key, sqliteModule } });
    let answered = false;
    worker.once('message', (result: QuickCheckResult) => {
      answered = true;
      resolve(result);
    });
    worker.once('error', (error) => {
      answered = true;
      resolve({ ok: false, damaged: false, problems: [error.message], durationMs: 0 });
    });
    worker.once('exit', (code) => {
      if (!answered) resolve({ ok: false, damaged: false, problems: [`The check stopped (exit code ${code}).`], durationMs: 0 });
    });
  });
}
