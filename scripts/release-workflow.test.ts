import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const workflowFile = path.join(root, '.github/workflows/release.yml');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: Step[]; strategy?: { matrix: { include: { os: string }[] } } }>;
}

it('release.yml is valid YAML, builds on all three OSes, and calls only npm scripts that exist', () => {
  const workflow = parse(fs.readFileSync(workflowFile, 'utf8'), { strict: true, uniqueKeys: true }) as Workflow;
  expect(Object.keys(workflow.on)).toEqual(['push', 'workflow_dispatch']);
  expect(workflow.jobs.build!.strategy!.matrix.include.map((m) => m.os)).toEqual(['windows-latest', 'macos-latest', 'ubuntu-latest']);

  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
  const called = [...new Set(runs.flatMap((run) => [...run.matchAll(/npm run ([\w:.-]+)/g)].map((m) => m[1]!)))];
  const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);
  expect(called.filter((name) => !scripts.includes(name))).toEqual([]);
  expect(called).toEqual(expect.arrayContaining(['package', 'test:packaged', 'release:sign']));
  expect(runs.join('\n')).toMatch(/npm sbom --sbom-format cyclonedx/);
  expect(runs.some((run) => /\bnpm test\b/.test(run))).toBe(true);
});
