import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './common/csp';

const root = import.meta.dirname;
// package.json installs better-sqlite3-multiple-ciphers under the name drizzle imports: better-sqlite3.
const nativeSqlite = 'better-sqlite3';

/** The CSP meta tag goes into the built page only: the dev server needs its inline refresh preamble. */
const cspMeta = (): Plugin => ({
  name: 'outpost-csp-meta',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />`),
});

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Bundle everything but the native module, so the packaged app needs only that one package.
      externalizeDeps: false,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'core-process': resolve(root, 'electron/main/core-process.ts'),
        },
        external: [nativeSqlite],
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // Sandboxed preloads run as classic scripts: CommonJS, never ESM.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspMeta()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // print.html: the report page the PDF printers open (renderer/print).
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html'), print: resolve(root, 'renderer/print.html') } },
    },
  },
});
