// Browser tests: Debian's Chromium against a real `rookery serve` on loopback, with an empty
// SQLite database in a temporary directory and the built client it embeds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.ROOKERY_E2E_PORT ?? 18080);
const binary = process.env.ROOKERY_BIN;
if (binary === undefined || binary === '') {
  throw new Error('Set ROOKERY_BIN to a built `rookery` binary (make frontend-e2e does).');
}
// Made once by the runner; its workers, which load this file again, inherit the name.
let dataDir = process.env.ROOKERY_E2E_DATA_DIR;
if (dataDir === undefined) {
  const made = mkdtempSync(path.join(tmpdir(), 'rookery-e2e-'));
  dataDir = made;
  process.env.ROOKERY_E2E_DATA_DIR = made;
  process.on('exit', () => rmSync(made, { recursive: true, force: true }));
}
const origin = `http://localhost:${port}`;

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: origin,
    launchOptions: { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' },
    trace: 'off',
  },
  webServer: {
    command: `${binary} serve`,
    url: `${origin}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ROOKERY_DATA_DIR: dataDir,
      ROOKERY_SERVER__LISTEN: `127.0.0.1:${port}`,
      ROOKERY_INSTANCE__DOMAIN: `localhost:${port}`,
      ROOKERY_INSTANCE__NAME: 'Rookery test',
      ROOKERY_INSTANCE__REGISTRATION: 'open',
      ROOKERY_LOG__LEVEL: 'warn',
    },
  },
});
