import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { DiagnosticsBundle } from '../../../common/diagnostics';
import type { Actor } from '../changes';
import type { Core } from '../core';
import { redact } from '../log';
import { effectiveSettings } from '../settings/service';
import { summary } from './service';

// Each log file is cut to its newest part: support needs the recent story, and the zip must stay small.
const MAX_LOG_BYTES = 2 * 1024 * 1024;

function tail(file: string): string {
  const size = fs.statSync(file).size;
  const start = Math.max(0, size - MAX_LOG_BYTES);
  const handle = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    fs.readSync(handle, buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    // Start at a whole line when cut.
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    fs.closeSync(handle);
  }
}

/** Log lines are redacted when written; each is redacted again here, so an older line cannot carry a name out. */
function redactLog(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.stringify(redact(JSON.parse(line)));
      } catch {
        return '[unreadable line]';
      }
    })
    .join('\n');
}

/** SQLite's own statistics: the shape of the store, never its rows. */
function databaseStatistics(core: Core): Record<string, unknown> {
  const { sqlite } = core.store;
  const pragma = (name: string) => sqlite.pragma(name, { simple: true }) as unknown;
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  return {
    pageSize: pragma('page_size'),
    pageCount: pragma('page_count'),
    freelistCount: pragma('freelist_count'),
    journalMode: pragma('journal_mode'),
    rows: Object.fromEntries(tables.map((table) => [table, sqlite.prepare(`select count(*) from "${table}"`).pluck().get()])),
  };
}

/**
 * A zip for support: the diagnostics summary, versions, settings (no secrets), database statistics and the
 * redacted logs. No row of the store goes in, so no name, national ID, phone, email or note can.
 */
export function diagnosticsBundle(core: Core, actor: Actor): DiagnosticsBundle {
  const report = summary(core);
  const { config, errors, file } = core.deploy;
  // The error-reporting address can carry a project key: support sees only whether one is set.
  const { errorReportingDsn, ...deploy } = config;
  const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
  const files: Record<string, Uint8Array> = {
    'summary.json': json(report),
    'versions.json': json(report.versions),
    'settings.json': json({
      settings: effectiveSettings(core),
      deploy: { file, config: { ...deploy, errorReportingDsn: errorReportingDsn ? '[set]' : null }, errors },
    }),
    'database.json': json(databaseStatistics(core)),
  };
  const logDir = path.dirname(core.log.file);
  if (fs.existsSync(logDir)) {
    for (const name of fs
      .readdirSync(logDir)
      .filter((n) => /^outpost\.log(\.\d+)?$/.test(n))
      .sort()) {
      files[`logs/${name}`] = strToU8(redactLog(tail(path.join(logDir, name))));
    }
  }
  const at = core.now().toISOString();
  const zip = zipSync(files, { level: 9, mtime: new Date(at) });
  core.audit(actor, { action: 'diagnostics.export', detail: { files: Object.keys(files).length, bytes: zip.length } });
  return { fileName: `outpost-diagnostics-${at.replace(/[:.]/g, '-')}.zip`, base64: Buffer.from(zip).toString('base64') };
}
