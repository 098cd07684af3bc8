import { defineConfig } from '@playwright/test';
import { chromiumPath } from './e2e/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Bundles the web host once; every test then starts its own on a fresh data folder.
  globalSetup: './e2e/global-setup.ts',
  // Tests share nothing (each has its own web host, data folder, port and sync server), so two run at once: one
  // test alone left much of a 2-core machine idle while it waited on Chromium, the host and the disk. Sharing the
  // cores, a test takes longer: the time limit leaves room for that.
  fullyParallel: true,
  workers: 2,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath(),
      // Without these, Chromium keeps dialling hosts this machine cannot reach.
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
  },
});
