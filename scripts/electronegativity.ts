// Scans the Electron shell with Electronegativity; fails on any finding above LOW
// that docs/security.md does not explain. Run: node scripts/electronegativity.ts
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string };
  manualReview: boolean;
}

interface ScanResult {
  issues: Finding[];
  errors: { file: string; message: string; tolerable: boolean }[];
}

type Scan = (options: Record<string, unknown>) => Promise<ScanResult>;

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const LOW = 1;

/** Scanned together, so global checks (CSP, navigation, permissions) see main, preload and page at once. */
const scanned = ['electron/main', 'electron/preload', 'renderer'];

function explainedIds(): Set<string> {
  const doc = fs.readFileSync(path.join(root, 'docs/security.md'), 'utf8');
  const section = doc.split(/^## Explained electronegativity findings\s*$/m)[1]?.split(/^## /m)[0] ?? '';
  return new Set([...section.matchAll(/^\s*[-*]\s+`([A-Z0-9_]+)`/gm)].map((match) => match[1] as string));
}

function copySources(into: string): void {
  for (const dir of scanned) {
    const from = path.join(root, dir);
    if (!fs.existsSync(from)) continue;
    fs.cpSync(from, path.join(into, dir), {
      recursive: true,
      filter: (source) => !/node_modules|\.(test|spec)\.tsx?$/.test(source),
    });
  }
}

/**
 * The scanner downloads translations at start; offline, its HTTP client's retry later throws out of a
 * timer and kills the process mid-scan. The check runs offline: that client always reports no network.
 */
function keepScannerOffline(): void {
  const scannerDir = path.dirname(require.resolve('@doyensec/electronegativity/dist/locales/i18n.js'));
  const gotPath = require.resolve('got', { paths: [scannerDir] });
  require(gotPath);
  const offline = () => Promise.reject(new Error('offline'));
  const cached = require.cache[gotPath];
  if (cached) cached.exports = Object.assign(offline, { default: offline, head: offline, __esModule: true });
}

async function main(): Promise<number> {
  const electronVersion: string = require(path.join(root, 'node_modules/electron/package.json')).version;
  keepScannerOffline();
  // The programmatic entry returns findings with their severities: its SARIF output has none, and its
  // CSV writer appends rows while the header write may still truncate the file.
  const scan: Scan = require('@doyensec/electronegativity');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-electronegativity-'));
  try {
    copySources(workDir);
    // Its messages then come from its bundled en-US strings.
    process.env.LANG = 'en-US';
    const { issues, errors } = await scan({
      input: workDir,
      electronVersionOverride: electronVersion,
      isRelative: true,
      // Needs package.json and a download of Electron's release list; Electron upgrades are tracked in package.json.
      excludeFromScan: ['availablesecurityfixesglobalcheck'],
      parserPlugins: [],
    });

    const explained = explainedIds();
    let failures = 0;
    for (const error of errors.filter((e) => !e.tolerable)) {
      failures++;
      console.log(`FAIL  unreadable  ${path.relative(workDir, error.file)}: ${error.message}`);
    }
    for (const issue of issues) {
      const blocking = issue.severity.value > LOW && !explained.has(issue.id);
      if (blocking) failures++;
      const status = blocking ? 'FAIL ' : issue.severity.value > LOW ? 'ok*  ' : 'ok   ';
      const where = issue.file === 'N/A' ? '(whole app)' : `${issue.file}:${issue.location.line}:${issue.location.column}`;
      console.log(`${status} ${issue.severity.name}/${issue.confidence.name}  ${issue.id}  ${where}`);
    }
    console.log(
      `electronegativity ${electronVersion}: ${issues.length} finding(s), ${failures} blocking` +
        (explained.size > 0 ? ` (ok* = explained in docs/security.md)` : ''),
    );
    return failures > 0 ? 1 : 0;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
