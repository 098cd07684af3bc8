import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers of ARCHITECTURE.md, enforced here rather than remembered:
// each layer lists what it may not import.
const nodeBuiltins = { regex: '^node:', message: 'No Node modules in this layer.' };
const electronModule = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const up = (dirs, message) => ({ regex: `^(\\./)?(\\.\\./)+(${dirs})(/|$)`, message });

function layer(files, { patterns = [], paths = [] }) {
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }] } };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', '.outpost-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off', // Playwright fixtures take `{}`
    },
  },
  layer(['common/**'], {
    patterns: [up('db|electron|renderer|server', 'common/ imports nothing of ours.'), nodeBuiltins],
    paths: [electronModule],
  }),
  layer(['db/**'], {
    patterns: [up('electron|renderer|server', 'db/ imports only common/.')],
    paths: [electronModule],
  }),
  layer(['electron/core/**'], {
    patterns: [up('main|preload|web-host|renderer|server', 'electron/core never imports the shell, the web host, the renderer or the server.')],
    paths: [electronModule],
  }),
  // The sync client's tests run against the real reference server through its test helper, and nothing else of it.
  layer(['electron/core/sync/*.test.ts', 'electron/core/sync/testing.ts'], {
    patterns: [
      up('main|preload|web-host|renderer', 'electron/core never imports the shell, the web host or the renderer.'),
      { regex: '^(\\./)?(\\.\\./)+server(/(?!testing$)|$)', message: 'Sync tests use the server only through server/testing.' },
    ],
    paths: [electronModule],
  }),
  layer(['renderer/**'], {
    patterns: [
      {
        ...up('db|electron', 'The renderer may import only types from the core, and common/.'),
        allowTypeImports: true,
      },
      nodeBuiltins,
    ],
    paths: [electronModule, 'better-sqlite3', 'drizzle-orm', 'ws', 'fs', 'path', 'crypto', 'child_process'].map((name) =>
      typeof name === 'string' ? { name, message: 'Not in the renderer.' } : name,
    ),
  }),
  layer(['server/**'], {
    patterns: [up('db|electron|renderer', 'server/ imports only common/ of ours.')],
    paths: [electronModule],
  }),
);
