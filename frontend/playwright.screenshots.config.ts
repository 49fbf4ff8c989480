// `make screenshots`: the main pages at phone and desktop widths, light and dark, written to
// screenshots/ against a `rookery serve` of the capture's own.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './screenshots',
  testMatch: 'capture.ts',
  timeout: 180_000,
  workers: 1,
  reporter: [['list']],
  use: { launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' } },
});
