import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every temporary folder the tests make (stores, servers, crash children) goes under one folder for the run,
 * removed at the end: tests that fail or forget to clean up would otherwise leave hundreds behind on each run.
 */
export default function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-tests-'));
  process.env.TMPDIR = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
