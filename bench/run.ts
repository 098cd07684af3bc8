import { parseArgs } from 'node:util';
import type { BenchResult } from './measure';

// npm run bench -- <suite> [--scale small|full]: one JSON object per line.
const suites: Record<string, () => Promise<{ run(scale: Scale): Promise<BenchResult[]> }>> = {
  beneficiaries: () => import('./suites/beneficiaries'),
  sessions: () => import('./suites/sessions'),
  reports: () => import('./suites/reports'),
  backups: () => import('./suites/backups'),
  import: () => import('./suites/import'),
  exports: () => import('./suites/exports'),
  sync: () => import('./suites/sync'),
};
export type Scale = 'small' | 'full';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { scale: { type: 'string', default: 'small' } } });
const [name] = positionals;
const scale = values.scale;
if (!name || !(name in suites) || (scale !== 'small' && scale !== 'full')) {
  console.error(`Usage: npm run bench -- <${Object.keys(suites).join('|')}> [--scale small|full]`);
  process.exit(2);
}
const suite = await suites[name]!();
for (const result of await suite.run(scale)) console.log(JSON.stringify(result));
