import path from 'node:path';
import { build } from 'vite';
import { webHostBundle } from './web-host-fixture';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Bundles the web host into one file, once per Playwright run, for every test to start its own host from:
 * started from TypeScript with tsx, each host cost about 4 s of CPU (transforming the core, resolving hundreds
 * of modules) against about 1.3 s from the bundle.
 */
export default async function bundleWebHost(): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    // The host finds the renderer, migrations and package.json from its own folder in the sources.
    define: { 'import.meta.dirname': JSON.stringify(path.join(root, 'electron/web-host')) },
    // The native module stays out (it resolves from node_modules beside the bundle); so does the printer's
    // playwright-core, which finds its own files from its package folder.
    ssr: { noExternal: true, external: ['better-sqlite3', 'playwright-core'] },
    build: {
      ssr: path.join(root, 'electron/web-host/index.ts'),
      outDir: path.dirname(webHostBundle),
      emptyOutDir: true,
      minify: false,
      target: 'node24',
      rolldownOptions: { output: { format: 'esm', entryFileNames: path.basename(webHostBundle) } },
    },
  });
}
